"""`load_seed`'s engine: every app's fixture units (settings.CRISISKB_FIXTURE_UNITS, dotted paths
so that core imports no app), run in one transaction by core.fixtures.run_units."""

import json
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils.module_loading import import_string

from .fixtures import FixtureError, LoadReport, run_units


def read_fixture(fixtures: Path, name: str) -> dict | None:
    """A JSON fixture file, or None when it does not exist; bad JSON names the file."""
    path = Path(fixtures) / name
    if not path.exists():
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except ValueError as exc:
        raise FixtureError(f"fixtures/{name}: not valid JSON: {exc}") from exc


def fixture_units(fixtures: Path | None = None) -> list:
    fixtures = Path(fixtures or settings.CRISISKB_FIXTURES)
    units = []
    for dotted_path in settings.CRISISKB_FIXTURE_UNITS:
        units += import_string(dotted_path)(fixtures=fixtures)
    return units


@transaction.atomic
def load_all(fixtures: Path | None = None, *, force: bool = False) -> LoadReport:
    """Load every fixture in one transaction; the report says what changed and what was kept."""
    return run_units(fixture_units(fixtures), force=force)
