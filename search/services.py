"""Writes to the search index. Everything that changes an indexed object ends up here, through
the thin signal handlers in `search.signals` or the `rebuild_search_index` command.

Freshness: a change schedules its object (for a measure, tag, source… the case it belongs to)
and the object is re-indexed once, when the transaction commits (`transaction.on_commit`): the
admin saves a case, then its inlines and tags, all in one transaction, and the case is indexed
once, from its final state. A search made inside that same transaction (a test, a shell
session) applies pending updates first (`apply_pending`), so it reads its own writes.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from django.db import connection, transaction
from django.db.models import Prefetch
from django.utils.html import strip_tags

from cases.models import Case, CrisisType, ResponseMeasure, Source, TimelineEvent
from core import page_cache
from core.pending import CommitQueue
from strategies.models import Principle, Strategy, Tactic

from .backends import Columns, get_backend
from .models import SearchDocument
from .text import segmented

Kind = SearchDocument.Kind
LANGS = ("en", "zh_hans")
MAX_TEXT = 20_000  # characters of plain text kept per language for snippets

# Editorial weight. A case carries its own (Case.search_weight, edited by curators; the source
# document's reference cases ship with 2, so among cases that match they come first unless
# another matches far better). Doctrine pages (short, named by the words people search for)
# weigh a little more than an ordinary case.
DOCTRINE_BOOST = 1.2

_WS = re.compile(r"\s+")


def plain(value: str) -> str:
    """Stored HTML (or plain text) as one line of plain text."""
    return _WS.sub(" ", html.unescape(strip_tags(value or ""))).strip()


def _both(obj, name: str) -> list[str]:
    return [getattr(obj, f"{name}_{lang}", "") or "" for lang in LANGS]


def _get(obj, name: str, lang: str) -> str:
    return getattr(obj, f"{name}_{lang}", "") or ""


# --- building documents -------------------------------------------------------------------

CASE_BODIES = ("background", "impact", "outcome", "assessment", "lessons", "questions")


def _case_queryset():
    return Case.objects.select_related("primary_type").prefetch_related(
        "crisis_types",
        "tags",
        Prefetch("measures", queryset=ResponseMeasure.objects.order_by("position")),
        Prefetch("timeline", queryset=TimelineEvent.objects.order_by("position")),
        Prefetch("sources", queryset=Source.objects.order_by("ref")),
    )


def _case_document(case: Case) -> tuple[SearchDocument, Columns]:
    measures = list(case.measures.all())
    timeline = list(case.timeline.all())
    sources = list(case.sources.all())
    types = list(case.crisis_types.all())
    tags = [t.name for t in case.tags.all()]
    doc = SearchDocument(
        kind=Kind.CASE,
        object_id=case.pk,
        case=case,
        slug=case.slug,
        boost=case.search_weight,
    )
    for lang in LANGS:
        setattr(doc, f"title_{lang}", _get(case, "title", lang)[:300])
        org = _get(case, "organisation", lang) or _get(case, "organisation", "en")
        setattr(doc, f"meta_{lang}", f"{org} · {case.year}"[:300])
        parts = [_get(case, "summary", lang)]
        for m in measures:
            title = _get(m, "title", lang)
            parts.append(f"{title}: {plain(_get(m, 'description_html', lang))}".strip(": "))
        parts += [plain(_get(case, f"{name}_html", lang)) for name in CASE_BODIES]
        parts += [_get(e, "text", lang) for e in timeline]
        parts += [_get(s, "title", lang) for s in sources]
        setattr(doc, f"text_{lang}", " ¶ ".join(p for p in parts if p)[:MAX_TEXT])
    columns = Columns(
        title=segmented(*_both(case, "title")),
        lead=segmented(
            *_both(case, "organisation"),
            *_both(case, "summary"),
            *(t.replace("-", " ") for t in tags),
            *(n for t in types for n in _both(t, "name")),
        ),
        measures=segmented(
            *(
                text
                for m in measures
                for text in (
                    *_both(m, "title"),
                    *(plain(h) for h in _both(m, "description_html")),
                    *_both(m, "timing"),
                )
            )
        ),
        body=segmented(
            *(plain(h) for name in CASE_BODIES for h in _both(case, f"{name}_html")),
            *_both(case, "industry"),
            *_both(case, "region"),
            *(t for e in timeline for t in _both(e, "text")),
            *(t for s in sources for t in _both(s, "title")),
            *(s.publisher for s in sources),
        ),
    )
    return doc, columns


DOCTRINE_BODIES = {
    Kind.PRINCIPLE: ("body_html", "lessons_html", "questions_html"),
    Kind.STRATEGY: ("body_html",),
    Kind.TACTIC: ("body_html",),
    Kind.CRISIS_TYPE: ("description_html",),
}


def _doctrine_document(kind: str, obj) -> tuple[SearchDocument, Columns]:
    doc = SearchDocument(kind=kind, object_id=obj.pk, slug=obj.slug, boost=DOCTRINE_BOOST)
    bodies = DOCTRINE_BODIES[kind]
    for lang in LANGS:
        setattr(doc, f"title_{lang}", _get(obj, "name", lang)[:300])
        if kind == Kind.TACTIC:
            setattr(doc, f"meta_{lang}", _get(obj.strategy, "name", lang)[:300])
        parts = [_get(obj, "summary", lang)]
        parts += [plain(_get(obj, name, lang)) for name in bodies]
        setattr(doc, f"text_{lang}", " ¶ ".join(p for p in parts if p)[:MAX_TEXT])
    columns = Columns(
        title=segmented(*_both(obj, "name")),
        lead=segmented(*_both(obj, "summary")),
        measures="",
        body=segmented(*(plain(h) for name in bodies for h in _both(obj, name))),
    )
    return doc, columns


def _doctrine_queryset(kind: str):
    return {
        Kind.PRINCIPLE: Principle.objects.all(),
        Kind.STRATEGY: Strategy.objects.all(),
        Kind.TACTIC: Tactic.objects.select_related("strategy"),
        Kind.CRISIS_TYPE: CrisisType.objects.all(),
    }[kind]


def _documents(kind: str, ids: Iterable[int] | None):
    """(document, columns) for the objects of `kind` with these ids (all when None)."""
    if kind == Kind.CASE:
        queryset = _case_queryset()
        build = _case_document
    else:
        queryset = _doctrine_queryset(kind)

        def build(obj):
            return _doctrine_document(kind, obj)

    if ids is not None:
        queryset = queryset.filter(pk__in=list(ids))
    return [build(obj) for obj in queryset.order_by("pk")]


def _write(kind: str, ids: list[int] | None, pairs) -> None:
    backend = get_backend()
    stale = SearchDocument.objects.filter(kind=kind)
    if ids is not None:
        stale = stale.filter(object_id__in=ids)
    stale.delete()  # on SQLite a trigger drops the FTS rows with them
    for doc, columns in pairs:
        backend.prepare(doc, columns)
    SearchDocument.objects.bulk_create([doc for doc, _ in pairs], batch_size=500)
    backend.store(pairs)
    page_cache.content_changed()


@transaction.atomic
def index_objects(*, kind: str, ids: Iterable[int]) -> int:
    """(Re)index these objects of one kind; ids that no longer exist are removed."""
    ids = sorted(set(ids))
    if not ids:
        return 0
    pairs = _documents(kind, ids)
    _write(kind, ids, pairs)
    return len(pairs)


@transaction.atomic
def rebuild_index(*, batch_size: int = 1000, progress=None) -> dict[str, int]:
    """Drop the whole index and build it again from the database."""
    SearchDocument.objects.all().delete()
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_fts")
    counts = {}
    for kind in (Kind.CRISIS_TYPE, Kind.PRINCIPLE, Kind.STRATEGY, Kind.TACTIC):
        pairs = _documents(kind, None)
        _write(kind, [], pairs)
        counts[kind] = len(pairs)
    ids = list(Case.objects.order_by("pk").values_list("pk", flat=True))
    counts[Kind.CASE] = 0
    for start in range(0, len(ids), batch_size):
        batch = ids[start : start + batch_size]
        pairs = _documents(Kind.CASE, batch)
        _write(Kind.CASE, [], pairs)
        counts[Kind.CASE] += len(pairs)
        if progress:
            progress(counts[Kind.CASE], len(ids))
    return counts


# --- keeping it fresh ---------------------------------------------------------------------


def _apply(kind: str, ids: set[int]) -> None:
    index_objects(kind=kind, ids=ids)


_queue = CommitQueue(_apply)


def schedule(*, kind: str, ids: Iterable[int]) -> None:
    """Re-index these objects when the current transaction commits (at once without one)."""
    _queue.add(ids, kind=kind)


def schedule_cases(ids: Iterable[int]) -> None:
    schedule(kind=Kind.CASE, ids=ids)


def apply_pending() -> None:
    """Index everything scheduled on this connection and not indexed yet."""
    _queue.flush()


def remove(*, kind: str, ids: Iterable[int]) -> None:
    SearchDocument.objects.filter(kind=kind, object_id__in=list(ids)).delete()
    page_cache.content_changed()


def cases_with_type(crisis_type_id: int) -> list[int]:
    return list(Case.objects.filter(crisis_types__pk=crisis_type_id).values_list("pk", flat=True))


def cases_with_tag(tag_id: int) -> list[int]:
    return list(Case.objects.filter(tags__pk=tag_id).values_list("pk", flat=True))
