#!/usr/bin/env bash
# Run the search benchmark on both backends, each on a database of its own.
#   tests/bench/run.sh                 # 1,000 and 10,000 cases
#   SIZES=1000,10000,100000 tests/bench/run.sh
# PostgreSQL: PG_URL (default postgres://postgres@127.0.0.1:5432) must allow CREATE DATABASE.
set -euo pipefail
cd "$(dirname "$0")/../.."
SIZES=${SIZES:-1000,10000}
RUNS=${RUNS:-5}
PG_URL=${PG_URL:-postgres://postgres@127.0.0.1:5432}
PY=.venv/bin/python
export DJANGO_DEBUG=1

db=$(mktemp -d)/bench.sqlite3
DATABASE_URL="sqlite:///$db" $PY manage.py migrate -v0
DATABASE_URL="sqlite:///$db" $PY manage.py bench_search --sizes "$SIZES" --runs "$RUNS"
rm -f "$db"

if command -v psql >/dev/null && psql "$PG_URL/postgres" -qc "select 1" >/dev/null 2>&1; then
  psql "$PG_URL/postgres" -qc "drop database if exists crisiskb_bench" -c "create database crisiskb_bench"
  DATABASE_URL="$PG_URL/crisiskb_bench" $PY manage.py migrate -v0
  DATABASE_URL="$PG_URL/crisiskb_bench" $PY manage.py bench_search --sizes "$SIZES" --runs "$RUNS"
  psql "$PG_URL/postgres" -qc "drop database crisiskb_bench"
else
  echo "PostgreSQL not reachable at $PG_URL: skipped" >&2
fi
