"""The browser test harness: Playwright's sync API driving the machine's Chromium (Debian's
package, no browser download) against the app served by a live server, with the seed loaded.

- Chromium lives at /usr/bin/chromium (override with CRISISKB_CHROMIUM). Where it is missing the
  tests are skipped on a laptop but fail under CI (CI=true): a journey that cannot run is a
  failure there, never a silent skip. The same holds for Java and the npm tools (axe-core, vnu).
- The live server serves the app as production does: static files come from the collected,
  fingerprinted and compressed STATIC_ROOT through WhiteNoise, not from Django's finders.
- Live-server tests are transactional (the database is flushed after each), so every test gets
  the seed fixtures through the `site` fixture: loaded, or on SQLite restored from a snapshot.
"""

import os
import shutil
import sqlite3
from pathlib import Path

import pytest
from pytest_django.live_server_helper import LiveServer

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CRISISKB_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
NODE_MODULES = ROOT / "node_modules"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def require(condition: bool, what: str) -> None:
    """A missing tool fails the test in CI and skips it elsewhere (with the way to install it)."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"{what} is missing: CI must install it (.ci/run)", pytrace=False)
    pytest.skip(f"{what} is missing (see .ci/run for how CI installs it)")


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    # Browser tests run last: they flush the database after each test and keep Playwright's
    # event loop alive until the session ends.
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)


@pytest.fixture(scope="session", autouse=True)
def _allow_sync_orm_beside_playwright():
    # Playwright's sync API runs an asyncio loop in the test thread; Django's ORM then refuses
    # to run there unless told it is safe (it is: nothing else uses that loop).
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    require(Path(CHROMIUM).exists(), f"Chromium ({CHROMIUM}; apt-get install chromium)")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def live_server(request):
    """pytest-django's live server, minus Django's StaticFilesHandler: WhiteNoise serves the
    collected static files, fingerprinted and compressed, as in production."""
    addr = (
        request.config.getvalue("liveserver")
        or os.getenv("DJANGO_LIVE_TEST_SERVER_ADDRESS")
        or "localhost"
    )
    server = LiveServer(addr, start=False)
    server.thread.static_handler = lambda app: app
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args, live_server):
    return {**browser_context_args, "base_url": live_server.url, "locale": "en-GB"}


_snapshots = {}


def _load_seed():
    """Load the fixtures into the (flushed) test database.

    On the in-memory SQLite test database the first load is kept in a snapshot that later tests
    restore with SQLite's backup API, in milliseconds instead of seconds; elsewhere (PostgreSQL)
    every test loads the fixtures anew.
    """
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection

    from core.loading import load_all

    if connection.vendor != "sqlite" or not connection.is_in_memory_db():
        load_all()
        return
    connection.ensure_connection()
    snapshot = _snapshots.get(connection.settings_dict["NAME"])
    if snapshot is None:
        load_all()
        snapshot = sqlite3.connect(":memory:", check_same_thread=False)
        connection.connection.backup(snapshot)
        _snapshots[connection.settings_dict["NAME"]] = snapshot
    else:
        snapshot.backup(connection.connection)
        # The flush after the last test re-created the content types under new ids.
        ContentType.objects.clear_cache()


@pytest.fixture
def site(transactional_db, live_server):
    """The live server with the seed fixtures loaded; returns its base URL."""
    _load_seed()
    return live_server.url


@pytest.fixture
def axe_source():
    require(AXE_JS.exists(), "axe-core (npm ci)")
    return AXE_JS.read_text(encoding="utf-8")


@pytest.fixture
def vnu_command():
    java = shutil.which("java")
    require(java is not None, "Java (apt-get install default-jre-headless)")
    require(VNU_JAR.exists(), "vnu-jar (npm ci)")
    return [java, "-jar", str(VNU_JAR)]
