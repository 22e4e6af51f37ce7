"""The search index: one document per searchable object, in both languages.

`SearchDocument` is the backend-neutral part: what a result shows (title, a line of context, the
plain text its snippet is cut from, per language), which case it belongs to (so visibility and the
case facets are read from the live case, never from a copy) and an editorial boost. The full-text
part is the backend's: a weighted `tsvector` in `vector` on PostgreSQL (GIN-indexed, created by
migration 0002 on PostgreSQL only), an FTS5 table `search_fts` on SQLite (rowid = document id,
created by the same migration on SQLite only, with a trigger that drops a row with its document).
"""

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Lookup
from django.utils.translation import gettext_lazy as _


class SearchDocument(models.Model):
    bulk_derived = True  # written in bulk by search.services, which invalidates the page cache

    class Kind(models.TextChoices):
        CASE = "case", _("Case")
        PRINCIPLE = "principle", _("Principle")
        STRATEGY = "strategy", _("Strategy")
        TACTIC = "tactic", _("Tactic")
        CRISIS_TYPE = "crisis_type", _("Crisis type")

    kind = models.CharField(max_length=12, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField()
    # Set for case documents: visibility (drafts) and facets are read through it.
    case = models.ForeignKey(
        "cases.Case", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    slug = models.CharField(max_length=120)
    title_en = models.CharField(max_length=300, blank=True)
    title_zh_hans = models.CharField(max_length=300, blank=True)
    meta_en = models.CharField(max_length=300, blank=True)
    meta_zh_hans = models.CharField(max_length=300, blank=True)
    text_en = models.TextField(blank=True)
    text_zh_hans = models.TextField(blank=True)
    boost = models.FloatField(default=1.0)
    vector = SearchVectorField(null=True, editable=False)  # PostgreSQL only; NULL on SQLite

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="searchdoc_unique_object")
        ]

    def __str__(self):
        return f"{self.kind}:{self.slug}"


class FtsMatch(Lookup):
    """`fts__match__fts=expr` -> "search_fts"."search_fts" MATCH expr (SQLite FTS5)."""

    lookup_name = "fts"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} MATCH {rhs}", [*lhs_params, *rhs_params]


class FtsColumn(models.TextField):
    pass


FtsColumn.register_lookup(FtsMatch)


class SqliteFtsRow(models.Model):
    """The SQLite FTS5 table, seen by the ORM only so that queries can join it (the backend
    writes it with plain SQL). Unmanaged: migration 0002 creates it, on SQLite only."""

    document = models.OneToOneField(
        SearchDocument,
        primary_key=True,
        db_column="rowid",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="fts",
    )
    # FTS5's hidden column named after the table: the left side of MATCH.
    match = FtsColumn(db_column="search_fts")

    class Meta:
        managed = False
        db_table = "search_fts"

    def __str__(self):
        return f"fts:{self.pk}"
