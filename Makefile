# CrisisKB — `make run` to start it, `make test` to test it. Nothing else is needed.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test test-fast install messages seed lint format check-migrations browser-deps screenshots clean

NODE_STAMP := node_modules/.package-lock.json

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# The browser tests' npm tools (axe-core, vnu-jar), exactly as package-lock.json pins them. Their
# install scripts are not run: vnu-jar's would fetch a Java; the machine's Java runs vnu.jar.
# Chromium, its CJK fonts and Java come from apt (see .ci/run).
$(NODE_STAMP): package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

browser-deps: $(NODE_STAMP)

# Compile the translation catalogue (gettext's msgfmt), so a fresh clone shows Chinese.
messages: $(STAMP)
	if ls locale/*/LC_MESSAGES/*.po >/dev/null 2>&1; then \
	  DJANGO_DEBUG=1 $(BIN)/python manage.py compilemessages --ignore=.venv --ignore=node_modules -v0; fi

seed: $(STAMP)
	DJANGO_DEBUG=1 $(BIN)/python manage.py migrate --noinput -v0
	DJANGO_DEBUG=1 $(BIN)/python manage.py load_seed
	DJANGO_DEBUG=1 $(BIN)/python manage.py rebuild_search_index

run: messages seed
	DJANGO_DEBUG=1 $(BIN)/python manage.py ensure_admin --url http://$(HOST):$(PORT)/admin/
	DJANGO_DEBUG=1 $(BIN)/python manage.py runserver $(HOST):$(PORT)

# The suite runs on every core (pytest-xdist); WORKERS=0 runs it in one process.
WORKERS ?= auto

test: messages browser-deps
	$(BIN)/python -m pytest -n $(WORKERS) $(PYTEST_ARGS)

# Everything but the browser tests: no npm, no Chromium, no Java.
test-fast: messages
	$(BIN)/python -m pytest -n $(WORKERS) -m "not browser" $(PYTEST_ARGS)

# The README's screenshots: the main pages at 375 px and 1280 px, into docs/screenshots/.
screenshots: messages browser-deps
	CRISISKB_SCREENSHOTS=docs/screenshots $(BIN)/python -m pytest tests/browser/test_layout.py \
	  -k screenshots -p no:cacheprovider -q

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

check-migrations: $(STAMP)
	DJANGO_DEBUG=1 $(BIN)/python manage.py makemigrations --check --dry-run

clean:
	rm -rf $(VENV) staticfiles db.sqlite3 node_modules
