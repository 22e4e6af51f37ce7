"""Two full-text backends behind one small interface, chosen by the database in use.

Both index the same four columns of pre-segmented text (see `search.text`), weighted from the
title down: title and names (A), organisation, summary, tags and types (B), response measures
(C), bodies, timeline and sources (D). Neither needs a database extension.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import reduce

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import ExpressionWrapper, F, FloatField, Value
from django.db.models.expressions import RawSQL

from . import query as q
from .models import SearchDocument

CONFIG = "simple"  # text arrives segmented and lower-cased: no stemming, no stop words


@dataclass(frozen=True)
class Columns:
    """A document's index text, segmented, by weight."""

    title: str  # A
    lead: str  # B
    measures: str  # C
    body: str  # D


class SearchBackend:
    """What the rest of the app asks of a backend."""

    vendor = ""

    def prepare(self, document: SearchDocument, columns: Columns) -> None:
        """Called before `document` is saved (bulk_create), with its index text."""

    def store(self, pairs: list[tuple[SearchDocument, Columns]]) -> None:
        """Called after the documents were saved (their ids are known)."""

    def matching(self, queryset, query: q.ParsedQuery):
        """`queryset` (of SearchDocument) narrowed to the documents that match."""
        raise NotImplementedError

    def ranked(self, queryset, query: q.ParsedQuery):
        """The matching documents annotated with `score` (higher is better), best first."""
        raise NotImplementedError


class PostgresBackend(SearchBackend):
    """A stored, weighted tsvector with a GIN index; websearch_to_tsquery; ts_rank."""

    vendor = "postgresql"
    # ts_rank's weights for D, C, B, A.
    WEIGHTS = [0.3, 0.5, 0.7, 1.0]
    NORMALIZATION = 32  # rank / (rank + 1): scores in [0, 1) before the boost

    def prepare(self, document, columns):
        parts = [
            SearchVector(Value(text), config=CONFIG, weight=weight)
            for text, weight in (
                (columns.title, "A"),
                (columns.lead, "B"),
                (columns.measures, "C"),
                (columns.body, "D"),
            )
        ]
        document.vector = reduce(lambda a, b: a + b, parts)

    @staticmethod
    def _leaf(phrase_text: str) -> SearchQuery:
        return SearchQuery(phrase_text, config=CONFIG, search_type="websearch")

    def _item(self, item: q.Item) -> SearchQuery:
        return reduce(lambda a, b: a & b, map(self._leaf, q.websearch_phrases(item)))

    def to_search_query(self, query: q.ParsedQuery) -> SearchQuery:
        groups = [reduce(lambda a, b: a | b, map(self._item, group)) for group in query.groups]
        expression = reduce(lambda a, b: a & b, groups)
        if query.excluded:
            expression = expression & ~reduce(lambda a, b: a | b, map(self._item, query.excluded))
        return expression

    def matching(self, queryset, query):
        return queryset.filter(vector=self.to_search_query(query))

    def ranked(self, queryset, query):
        search_query = self.to_search_query(query)
        # Ranked on what must match: ts_rank of a query with a negation is not meaningful.
        positive = self.to_search_query(q.ParsedQuery(groups=query.groups))
        rank = SearchRank(
            F("vector"), positive, weights=self.WEIGHTS, normalization=self.NORMALIZATION
        )
        return (
            queryset.filter(vector=search_query)
            .annotate(score=ExpressionWrapper(rank * F("boost"), output_field=FloatField()))
            .order_by("-score", "id")
        )


class SqliteBackend(SearchBackend):
    """An FTS5 table (search_fts) beside the documents, ranked by bm25."""

    vendor = "sqlite"
    # bm25 weights for the columns title, lead, measures, body.
    WEIGHTS = (10.0, 4.0, 2.0, 1.0)
    BATCH = 500

    def store(self, pairs):
        rows = [(d.pk, c.title, c.lead, c.measures, c.body) for d, c in pairs if d.pk]
        with connection.cursor() as cursor:
            for start in range(0, len(rows), self.BATCH):
                batch = rows[start : start + self.BATCH]
                placeholders = ", ".join(["%s"] * len(batch))
                cursor.execute(
                    f"DELETE FROM search_fts WHERE rowid IN ({placeholders})",
                    [row[0] for row in batch],
                )
                cursor.executemany(
                    "INSERT INTO search_fts (rowid, title, lead, measures, body) "
                    "VALUES (%s, %s, %s, %s, %s)",
                    batch,
                )

    def matching(self, queryset, query):
        return queryset.filter(fts__match__fts=q.to_fts5(query))

    def ranked(self, queryset, query):
        weights = ", ".join(str(w) for w in self.WEIGHTS)
        # bm25() is negative, lower is better; the FTS5 table is joined under its own name.
        bm25 = RawSQL(f"-bm25(search_fts, {weights})", [], output_field=FloatField())
        return (
            self.matching(queryset, query)
            .annotate(score=ExpressionWrapper(bm25 * F("boost"), output_field=FloatField()))
            .order_by("-score", "id")
        )


_BACKENDS = {b.vendor: b for b in (PostgresBackend(), SqliteBackend())}


def get_backend() -> SearchBackend:
    try:
        return _BACKENDS[connection.vendor]
    except KeyError as exc:
        raise NotImplementedError(f"no search backend for {connection.vendor}") from exc
