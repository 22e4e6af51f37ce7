"""Load (or refresh) only the legal duties from fixtures/legal.json; `load_seed` loads them too.

Like `load_seed`, it keeps what a curator changed since it was loaded unless --force."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from core.fixtures import FixtureError, run_units
from legal.services import legal_fixture_units


class Command(BaseCommand):
    help = "Load fixtures/legal.json only. Running it twice changes nothing."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Overwrite curators' changes.")

    def handle(self, *args, **options):
        try:
            with transaction.atomic():
                report = run_units(
                    legal_fixture_units(fixtures=settings.CRISISKB_FIXTURES),
                    force=options["force"],
                )
        except FixtureError as exc:
            raise CommandError(f"Fixture error, nothing was written: {exc}") from exc
        for line in report.lines():
            self.stdout.write(line)
