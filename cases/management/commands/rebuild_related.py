"""Recompute every case's ranked related cases (cases.ranking), e.g. after a bulk import that
bypassed the signals or after restoring a database dump."""

import time

from django.core.management.base import BaseCommand

from cases import ranking


class Command(BaseCommand):
    help = "Recompute every case's ranked related cases from scratch."

    def handle(self, *args, **options):
        started = time.perf_counter()
        count = ranking.rebuild()
        elapsed = time.perf_counter() - started
        self.stdout.write(f"Related cases ranked for {count} cases in {elapsed:.1f} s.")
