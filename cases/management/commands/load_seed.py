"""Load (or refresh) the project's fixtures: doctrine, crisis types, every case under
fixtures/cases, then the fixture units of the apps listed in settings.CRISISKB_FIXTURE_UNITS
(e.g. legal duties).

A record a curator changed or deleted since it was loaded is left alone and reported
(core.fixtures); `--force` overwrites it. Everything runs in one transaction: an error in any
fixture leaves the database as it was."""

import json
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.module_loading import import_string

from cases.services import case_units, crisis_type_units, playbook_units
from core.fixtures import FixtureError, LoadReport, run_units
from strategies.services import doctrine_units


def fixture_units(fixtures: Path | None = None) -> list:
    fixtures = Path(fixtures or settings.CRISISKB_FIXTURES)
    source = "fixtures/doctrine.json"
    try:
        doctrine = json.loads((fixtures / "doctrine.json").read_text(encoding="utf-8"))
    except ValueError as exc:
        raise FixtureError(f"{source}: not valid JSON: {exc}") from exc
    units = doctrine_units(data=doctrine, source=source)
    units += crisis_type_units(items=doctrine.get("crisis_types", []), source=source)
    units += case_units(fixtures=fixtures)
    units += playbook_units(fixtures=fixtures)
    # Apps that build on cases load their own fixtures; cases does not import them.
    for dotted_path in settings.CRISISKB_FIXTURE_UNITS:
        units += import_string(dotted_path)(fixtures=fixtures)
    return units


@transaction.atomic
def load_all(fixtures: Path | None = None, *, force: bool = False) -> LoadReport:
    """Load every fixture in one transaction; the report says what changed and what was kept."""
    return run_units(fixture_units(fixtures), force=force)


class Command(BaseCommand):
    help = (
        "Load (or refresh) the seed data from fixtures/. Records a curator changed since they "
        "were loaded are kept; --force overwrites them. Running it twice changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Overwrite (and re-create) records changed or deleted since they were loaded.",
        )

    def handle(self, *args, **options):
        started = time.perf_counter()
        try:
            report = load_all(force=options["force"])
        except FixtureError as exc:
            raise CommandError(f"Fixture error, nothing was written: {exc}") from exc
        for line in report.lines():
            self.stdout.write(line)
        if options["verbosity"] > 1:
            self.stdout.write(f"({time.perf_counter() - started:.1f} s)")
