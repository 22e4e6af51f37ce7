"""Rebuild the search index from scratch (for example after restoring a database dump)."""

import time

from django.core.management.base import BaseCommand

from search.services import rebuild_index


class Command(BaseCommand):
    help = "Drop the search index and build it again from every case and doctrine page."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=1000, help="cases per batch")

    def handle(self, *args, **options):
        started = time.perf_counter()

        def progress(done, total):
            if options["verbosity"] > 1:
                self.stdout.write(f"  {done}/{total} cases")

        counts = rebuild_index(batch_size=options["batch_size"], progress=progress)
        elapsed = time.perf_counter() - started
        summary = ", ".join(f"{n} {kind}" for kind, n in counts.items())
        self.stdout.write(f"Search index rebuilt in {elapsed:.1f} s: {summary}.")
