"""Work done once a transaction commits, on everything it touched.

Derived data (the search index, the related-case rankings) is refreshed from the final state of
what a transaction changed: the admin saves a case, then its inlines and tags, in one
transaction, and each derived row is rebuilt once. A reader inside that same transaction (a test,
a shell session) calls `flush()` first, so it reads its own writes. Without a transaction the
work runs at once.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Callable, Iterable

from django.db import connection, transaction


class CommitQueue:
    """Ids to hand to `apply(kind, ids)` when the current transaction commits."""

    def __init__(self, apply: Callable[[str, set[int]], None]):
        self._apply = apply
        self._local = threading.local()

    def _pending(self) -> dict[str, set[int]]:
        store = getattr(self._local, "pending", None)
        if store is None:
            store = self._local.pending = {}
        return store.setdefault(connection.alias, defaultdict(set))

    def add(self, ids: Iterable[int | None], *, kind: str = "") -> None:
        ids = [i for i in ids if i is not None]
        if not ids:
            return
        self._pending()[kind].update(ids)
        # One callback per call is cheap; the first to run empties the queue, the rest do nothing.
        transaction.on_commit(self.flush, robust=True)

    def flush(self) -> None:
        """Apply everything queued on this connection and not applied yet."""
        pending = self._pending()
        while pending:
            kind, ids = pending.popitem()
            self._apply(kind, ids)

    def discard(self) -> None:
        """Forget what is queued (a rolled-back loader rebuilds everything itself)."""
        self._pending().clear()
