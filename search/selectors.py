"""The search page: one query over cases and the doctrine, ranked, highlighted, paginated and
combinable with the case facets."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import F, Q
from django.http import QueryDict
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from cases.filters import CaseFilterSet
from cases.models import Case
from cases.selectors.facets import facet_counts

from . import query as q
from . import services, snippets
from .backends import get_backend
from .forms import SearchForm
from .models import SearchDocument

Kind = SearchDocument.Kind
URL_NAMES = {
    Kind.CASE: "cases:detail",
    Kind.PRINCIPLE: "strategies:principle",
    Kind.STRATEGY: "strategies:strategy",
    Kind.TACTIC: "strategies:tactic",
    Kind.CRISIS_TYPE: "cases:type",
}
LANG_CODES = {"en": "en", "zh_hans": "zh-hans"}
MAX_RESULTS = 1000  # counted and paginated; more matches show as "1000+"
FACET_SAMPLE = 1000
PAGE_SIZE = 20


@dataclass
class Hit:
    kind: str
    kind_label: str
    url: str
    title: str  # safe HTML, matches marked
    meta: str
    snippet: str  # safe HTML, matches marked
    snippet_lang: str | None  # set when the snippet is in the other language
    is_draft: bool


@dataclass
class SearchResult:
    query: str
    kind: str
    page: object = None
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    capped: bool = False
    facets: list = field(default_factory=list)
    filters: dict = field(default_factory=dict)
    ignored: list[str] = field(default_factory=list)
    query_params: QueryDict = field(default_factory=QueryDict)  # for {% querystring %}
    notices: list[str] = field(default_factory=list)
    kinds: list[tuple[str, str]] = field(default_factory=list)


def _languages() -> tuple[str, str]:
    current = "zh_hans" if (get_language() or "en").startswith("zh") else "en"
    return current, ("en" if current == "zh_hans" else "zh_hans")


def _hit(doc: SearchDocument, tokens: frozenset[str]) -> Hit:
    current, other = _languages()
    title = getattr(doc, f"title_{current}") or getattr(doc, f"title_{other}")
    text = getattr(doc, f"text_{current}")
    html, found = snippets.snippet(text, tokens)
    snippet_lang = None
    if not found or not text:
        other_text = getattr(doc, f"text_{other}")
        other_html, other_found = snippets.snippet(other_text, tokens)
        if other_found or (not text and other_text):
            html, snippet_lang = other_html, LANG_CODES[other]
    return Hit(
        kind=doc.kind,
        kind_label=str(Kind(doc.kind).label),
        url=reverse(URL_NAMES[doc.kind], kwargs={"slug": doc.slug}),
        title=snippets.highlight(title, tokens),
        meta=getattr(doc, f"meta_{current}") or getattr(doc, f"meta_{other}"),
        snippet=html,
        snippet_lang=snippet_lang,
        is_draft=doc.kind == Kind.CASE and doc.case_status != Case.Status.PUBLISHED,
    )


def best_matches(backend, documents, parsed) -> list[tuple[int, int | None]]:
    """(document id, case id) of the best MAX_RESULTS + 1 matches, best first."""
    ranked = backend.ranked(documents, parsed).values_list("pk", "case_id")
    return list(ranked[: MAX_RESULTS + 1])


def search(*, params, user, page_number=None) -> SearchResult:
    """Documents matching the query that `user` may see, best first, a page at a time.

    Case facets (type, tag, principle…) narrow the results to cases; each facet counts the
    matching cases under every *other* active filter, as on the case list.
    """
    raw, kind = SearchForm(params).values()
    filterset = CaseFilterSet(params)
    filters = filterset.values()
    result = SearchResult(
        query=raw.strip(),
        kind=kind,
        filters=filters,
        ignored=filterset.ignored(),
        query_params=filterset.query(),
    )
    result.kinds = [("", _("Everything")), *((k.value, str(k.label)) for k in Kind)]
    parsed = q.parse(raw)
    if parsed.truncated:
        result.notices.append(_("Your search was long, so only its beginning was used."))
    if not parsed:
        if raw.strip():
            result.notices.append(
                _("Nothing to search for: type at least one word (not only operators).")
            )
        return result

    services.apply_pending()  # read our own uncommitted edits (see search.services)
    backend = get_backend()
    visible_cases = Case.objects.visible_to(user)
    documents = SearchDocument.objects.all()
    if filters:
        kind = result.kind = Kind.CASE  # the case facets narrow the search to cases
    if kind == Kind.CASE:
        matching_cases = filterset.apply(visible_cases)
        documents = documents.filter(kind=Kind.CASE, case__in=matching_cases.values("pk"))
    else:
        # Doctrine pages are public; a case document only while its case is visible (drafts
        # are read from the live case, never from the index).
        documents = documents.filter(~Q(kind=Kind.CASE) | Q(case__in=visible_cases.values("pk")))
        if kind:
            documents = documents.filter(kind=kind)
    # One ranked query gives the best MAX_RESULTS matches (ids only); the page, the total and
    # the facet sample are read from that list, and only the page's rows are fetched in full.
    matches = best_matches(backend, documents, parsed)
    result.capped = len(matches) > MAX_RESULTS
    best = matches[:MAX_RESULTS]
    result.page = Paginator(best, PAGE_SIZE).get_page(page_number)
    result.total = len(best)
    rows = (
        SearchDocument.objects.filter(pk__in=[doc_id for doc_id, _case in result.page])
        .defer("vector")
        .annotate(case_status=F("case__status"))
        .in_bulk()
    )
    tokens = frozenset(parsed.highlight_tokens())
    result.hits = [_hit(rows[doc_id], tokens) for doc_id, _case in result.page if doc_id in rows]

    if not kind or kind == Kind.CASE:
        # Facets count the best FACET_SAMPLE matching cases (all of them, usually), before the
        # facet filters (each facet applies the *other* filters itself).
        sample = matches
        if filters:
            unfiltered = SearchDocument.objects.filter(
                kind=Kind.CASE, case__in=visible_cases.values("pk")
            )
            sample = best_matches(backend, unfiltered, parsed)
        ids = [case_id for _doc, case_id in sample if case_id]
        if len(sample) > MAX_RESULTS or len(ids) > FACET_SAMPLE:
            result.notices.append(
                _("Filter counts cover the %(n)s best-matching cases.") % {"n": FACET_SAMPLE}
            )
        base = visible_cases.filter(pk__in=ids[:FACET_SAMPLE])
        result.facets = facet_counts(base, filterset)
    return result
