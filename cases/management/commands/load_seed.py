"""Load the project's own fixtures: doctrine, crisis types, every case under fixtures/cases, then
the fixtures of the apps listed in settings.CRISISKB_FIXTURE_LOADERS (e.g. legal duties)."""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.module_loading import import_string

from cases.services import FixtureError, case_load, case_relations_load, crisis_types_load
from strategies.services import doctrine_load


def load_all(fixtures: Path | None = None) -> int:
    """Load every fixture; returns how many rows were created or changed (0 on a reload)."""
    fixtures = Path(fixtures or settings.CRISISKB_FIXTURES)
    doctrine = json.loads((fixtures / "doctrine.json").read_text(encoding="utf-8"))
    changes = doctrine_load(data=doctrine)
    changes += crisis_types_load(items=doctrine.get("crisis_types", []))
    cases = [
        json.loads(path.read_text(encoding="utf-8"))
        for path in sorted((fixtures / "cases").glob("*.json"))
    ]
    for data in cases:
        try:
            changes += case_load(data=data)
        except (KeyError, ValueError) as exc:
            if isinstance(exc, FixtureError):
                raise
            raise FixtureError(f"{data.get('slug', '?')}: {exc!r}") from exc
    for data in cases:
        changes += case_relations_load(data=data)
    # Apps that build on cases load their own fixtures; cases does not import them.
    for dotted_path in settings.CRISISKB_FIXTURE_LOADERS:
        changes += import_string(dotted_path)(fixtures=fixtures)
    return changes


class Command(BaseCommand):
    help = "Load (or refresh) the seed data from fixtures/. Running it twice changes nothing."

    def handle(self, *args, **options):
        try:
            changes = load_all()
        except (FixtureError, KeyError, ValueError) as exc:
            raise CommandError(f"Fixture error: {exc}") from exc
        self.stdout.write(f"Seed data loaded: {changes} row(s) created or changed.")
