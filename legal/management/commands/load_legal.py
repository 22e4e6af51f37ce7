"""Load (or refresh) only the legal duties from fixtures/legal.json; `load_seed` loads them too."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from cases.services import FixtureError
from legal.services import legal_fixtures_load


class Command(BaseCommand):
    help = "Load fixtures/legal.json only. Running it twice changes nothing."

    def handle(self, *args, **options):
        try:
            changes = legal_fixtures_load(fixtures=settings.CRISISKB_FIXTURES)
        except FixtureError as exc:
            raise CommandError(f"Fixture error: {exc}") from exc
        self.stdout.write(f"Legal duties loaded: {changes} row(s) created or changed.")
