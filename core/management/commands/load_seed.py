"""Load (or refresh) the project's fixtures: the units every app lists in
settings.CRISISKB_FIXTURE_UNITS (doctrine, crisis types, cases, playbook steps, legal duties).

A record a curator changed or deleted since it was loaded is left alone and reported
(core.fixtures); `--force` overwrites it. Everything runs in one transaction: an error in any
fixture leaves the database as it was."""

import time

from django.core.management.base import BaseCommand, CommandError

from core.fixtures import FixtureError
from core.loading import load_all


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
