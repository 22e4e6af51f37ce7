"""Reads that shape data for the public pages. Each page calls one selector."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db.models import Count, Exists, F, IntegerField, OuterRef, Prefetch, Q, Value
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from taggit.models import Tag, TaggedItem

from core import countries
from core.markdown import language_suffixes
from strategies.evidence import Evidence
from strategies.models import Principle, Strategy, Tactic

from . import clock, timing
from .forms import CaseFilterForm
from .models import Case, CaseRelation, Country, CrisisType, ResponseMeasure, country_q

PAGE_SIZE = 20
MATRIX_PAGE_SIZE = 50


def paginate(queryset, page_number, per_page=PAGE_SIZE):
    """A page of `queryset`; a malformed or out-of-range page number gives the nearest page."""
    return Paginator(queryset, per_page).get_page(page_number)


def _lang_suffix() -> str:
    code = (get_language() or "en").replace("-", "_")
    return code if code in language_suffixes() else "en"


# --- case list and its facets -------------------------------------------------------------


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool
    query: str


@dataclass
class Facet:
    name: str
    label: str
    options: list[FacetOption] = field(default_factory=list)


@dataclass
class CaseListResult:
    page: object
    facets: list[Facet]
    filters: dict
    ignored: list[str]
    sort: str
    total: int
    clear_query: str


def _facet_filter(name: str, value) -> Q:
    if name == "type":
        return Q(crisis_types__slug=value)
    if name == "tag":
        return Q(tags__slug=value)
    if name == "principle":
        return Q(pk__in=ResponseMeasure.objects.filter(principles__slug=value).values("case_id"))
    if name == "tactic":
        return Q(pk__in=ResponseMeasure.objects.filter(tactics__slug=value).values("case_id"))
    if name == "year":
        return Q(year=value)
    if name == "country":
        return country_q(value)
    if name == "industry":
        return Q(industry_en=value)
    raise ValueError(name)


def _apply(queryset, filters: dict, *, skip: str | None = None):
    for name, value in filters.items():
        if name in CaseFilterForm.FACETS and name != skip:
            queryset = queryset.filter(_facet_filter(name, value))
    return queryset


def _query(filters: dict, sort: str, keep: dict | None = None, **changes) -> str:
    params = {**(keep or {}), **filters, **({"sort": sort} if sort != "newest" else {})}
    for key, value in changes.items():
        if value is None:
            params.pop(key, None)
        else:
            params[key] = value
    return "?" + urlencode(params) if params else "?"


SORTS = {
    "newest": ("-year", "-outbreak_date", "slug"),
    "oldest": ("year", "outbreak_date", "slug"),
    "title": ("title", "slug"),
    "updated": ("-updated_at", "slug"),
}


def _facets(base, filters: dict, sort: str, keep: dict | None = None) -> list[Facet]:
    """Facet counts over `base`; each option's link keeps `keep` (e.g. a search query)."""
    suffix = _lang_suffix()
    facets = []

    def options(name, rows):
        selected = filters.get(name)
        opts = [
            FacetOption(
                value=str(value),
                label=label or str(value),
                count=count,
                selected=str(value) == str(selected),
                query=_query(
                    filters,
                    sort,
                    keep,
                    **{name: None if str(value) == str(selected) else value},
                ),
            )
            for value, label, count in rows
        ]
        return opts

    subset = _apply(base, filters, skip="type").values("pk")
    rows = (
        CrisisType.objects.filter(cases__in=subset)
        .annotate(n=Count("cases", distinct=True))
        .order_by("position", "slug")
    )
    facets.append(
        Facet(
            "type",
            CaseFilterForm.base_fields["type"].label,
            options("type", [(t.slug, t.name, t.n) for t in rows]),
        )
    )

    subset = _apply(base, filters, skip="tag").values("pk")
    rows = (
        TaggedItem.objects.filter(
            content_type=ContentType.objects.get_for_model(Case), object_id__in=subset
        )
        .values("tag__slug", "tag__name")
        .annotate(n=Count("object_id", distinct=True))
        .order_by("-n", "tag__name")[:30]
    )
    facets.append(
        Facet(
            "tag",
            CaseFilterForm.base_fields["tag"].label,
            options("tag", [(r["tag__slug"], r["tag__name"], r["n"]) for r in rows]),
        )
    )

    for name, model in (("principle", Principle), ("tactic", Tactic)):
        subset = _apply(base, filters, skip=name).values("pk")
        rows = (
            model.objects.filter(measures__case__in=subset)
            .annotate(n=Count("measures__case", distinct=True))
            .order_by("position", "slug")
        )
        facets.append(
            Facet(
                name,
                CaseFilterForm.base_fields[name].label,
                options(name, [(o.slug, o.name, o.n) for o in rows]),
            )
        )

    rows = (
        _apply(base, filters, skip="year")
        .values("year")
        .annotate(n=Count("pk", distinct=True))
        .order_by("-year")
    )
    facets.append(
        Facet(
            "year",
            CaseFilterForm.base_fields["year"].label,
            options("year", [(r["year"], str(r["year"]), r["n"]) for r in rows]),
        )
    )

    subset = _apply(base, filters, skip="country").values("pk")
    rows = (
        Country.objects.filter(cases__in=subset)
        .annotate(n=Count("cases", distinct=True))
        .order_by("-n", "code")[:40]
    )
    facets.append(
        Facet(
            "country",
            CaseFilterForm.base_fields["country"].label,
            options("country", [(c.code, c.name, c.n) for c in rows]),
        )
    )

    for name in ("industry",):
        rows = (
            _apply(base, filters, skip=name)
            .exclude(**{f"{name}_en": ""})
            .values(f"{name}_en", f"{name}_{suffix}")
            .annotate(n=Count("pk", distinct=True))
            .order_by("-n", f"{name}_en")[:30]
        )
        facets.append(
            Facet(
                name,
                CaseFilterForm.base_fields[name].label,
                options(name, [(r[f"{name}_en"], r[f"{name}_{suffix}"], r["n"]) for r in rows]),
            )
        )
    return facets


def case_list(*, params, user, page_number=None) -> CaseListResult:
    """The case list: validated filters combined with AND, facet counts, a page of cases.

    Each facet counts the cases that match every *other* active filter, so a reader sees what
    choosing a value would give. Invalid parameters are dropped and reported, never raised.
    """
    filters, ignored, sort = case_filters(params)
    base = Case.objects.visible_to(user)
    queryset = _apply(base, filters).for_list().order_by(*SORTS[sort]).distinct()
    page = paginate(queryset, page_number)
    return CaseListResult(
        page=page,
        facets=_facets(base, filters, sort),
        filters=filters,
        ignored=ignored,
        sort=sort,
        total=page.paginator.count,
        clear_query=_query({}, sort),
    )


def case_filters(params) -> tuple[dict, list[str], str]:
    """The valid facet filters in a query string, the labels of those ignored, and the sort.

    A slug that names nothing (an unknown type, tag…) is ignored, not an error.
    """
    form = CaseFilterForm(params)
    values = form.valid_values()
    ignored = form.ignored()
    sort = values.pop("sort", "newest")
    filters = {k: v for k, v in values.items() if k in CaseFilterForm.FACETS}
    for name in ("type", "tag", "principle", "tactic", "country"):
        if name in filters and not _facet_value_exists(name, filters[name]):
            ignored.append(str(form.fields[name].label))
            del filters[name]
    return filters, ignored, sort


# The facet logic, for other pages that list cases (the search page combines it with a query).
apply_case_filters = _apply
case_facets = _facets


def _facet_value_exists(name: str, value) -> bool:
    if name == "type":
        return CrisisType.objects.filter(slug=value).exists()
    if name == "tag":
        return Tag.objects.filter(slug=value).exists()
    if name == "principle":
        return Principle.objects.filter(slug=value).exists()
    if name == "country":
        return countries.is_valid(value)
    return Tactic.objects.filter(slug=value).exists()


# --- case detail --------------------------------------------------------------------------


@dataclass
class RelatedCase:
    case: Case
    reasons: list[str]
    curated: bool


def case_detail(*, slug: str, user) -> Case:
    """The case with everything its page shows; raises Case.DoesNotExist when not visible."""
    return Case.objects.visible_to(user).for_detail().get(slug=slug)


# --- crisis types, tags, home -------------------------------------------------------------


def crisis_types_with_counts(*, user):
    """The crisis types that have a case the user may see, with how many: a type with no
    published case is not offered as a link or a filter."""
    visible = Case.objects.visible_to(user).values("pk")
    return (
        CrisisType.objects.ordered()
        .annotate(case_count=Count("cases", filter=Q(cases__in=visible), distinct=True))
        .filter(case_count__gt=0)
    )


def offered_crisis_types(*, user):
    """The crisis types a filter offers: those with at least one case the user may see."""
    visible = Case.objects.visible_to(user).filter(crisis_types=OuterRef("pk"))
    return CrisisType.objects.ordered().filter(Exists(visible))


def crisis_type_detail(*, slug: str, user, page_number=None):
    """Raises CrisisType.DoesNotExist for an unknown type and for one with no case the user
    may see (a type used only by drafts answers like an unknown one)."""
    crisis_type = offered_crisis_types(user=user).get(slug=slug)
    cases = (
        Case.objects.visible_to(user)
        .filter(crisis_types=crisis_type)
        .for_list()
        .order_by("-year", "slug")
    )
    principle_counts = (
        Principle.objects.filter(measures__case__in=cases.values("pk"))
        .annotate(n=Count("measures__case", distinct=True))
        .order_by("-n", "position")
    )
    return crisis_type, paginate(cases, page_number), principle_counts


def tags_with_counts(*, user):
    visible = Case.objects.visible_to(user).values("pk")
    return (
        TaggedItem.objects.filter(
            content_type=ContentType.objects.get_for_model(Case), object_id__in=visible
        )
        .values("tag__slug", "tag__name")
        .annotate(case_count=Count("object_id", distinct=True))
        .order_by("tag__name")
    )


def tag_detail(*, slug: str, user, page_number=None):
    tag = Tag.objects.get(slug=slug)
    cases = (
        Case.objects.visible_to(user).filter(tags__slug=slug).for_list().order_by("-year", "slug")
    )
    return tag, paginate(cases.distinct(), page_number)


def home(*, user) -> dict:
    visible = Case.objects.visible_to(user)
    return {
        "case_count": visible.count(),
        "measure_count": ResponseMeasure.objects.filter(case__in=visible).count(),
        "principles": Principle.objects.ordered(),
        "strategy_count": Strategy.objects.count(),
        "tactic_count": Tactic.objects.count(),
        "crisis_types": crisis_types_with_counts(user=user),
        "recent_cases": visible.for_list().order_by("-published_at", "-year", "slug")[:6],
    }


# --- cross-reference matrix ---------------------------------------------------------------


@dataclass
class MatrixRow:
    case: Case
    cells: list[list[ResponseMeasure]]


def matrix(*, user, params, page_number=None):
    """Cases × principles: each cell lists the case's measures that embody the principle."""
    principles = list(Principle.objects.ordered())
    form = CaseFilterForm(params)
    values = form.valid_values()
    queryset = Case.objects.visible_to(user)
    if "type" in values:
        queryset = queryset.filter(crisis_types__slug=values["type"])
    if "year" in values:
        queryset = queryset.filter(year=values["year"])
    page = paginate(queryset.for_matrix().distinct(), page_number, MATRIX_PAGE_SIZE)
    rows = []
    for case in page.object_list:
        cells = []
        for principle in principles:
            cells.append(
                [
                    m
                    for m in case.measures.all()
                    if any(p.pk == principle.pk for p in m.principles.all())
                ]
            )
        rows.append(MatrixRow(case, cells))
    return {
        "principles": principles,
        "rows": rows,
        "page": page,
        "filters": {k: v for k, v in values.items() if k in ("type", "year")},
        "crisis_types": offered_crisis_types(user=user),
    }


# --- evidence for the doctrine pages (registered in CasesConfig.ready) --------------------


class DoctrineEvidence:
    """Gives `strategies` pages their cases without `strategies` importing `cases`."""

    template_name = "cases/includes/doctrine_evidence.html"

    def _cases_with(self, measure_filter: Q, *, request, heading_kind: str) -> Evidence:
        user = request.user
        measures = ResponseMeasure.objects.filter(measure_filter).order_by("position")
        cases = (
            Case.objects.visible_to(user)
            .filter(pk__in=measures.values("case_id"))
            .select_related("primary_type")
            .prefetch_related(
                Prefetch(
                    "measures",
                    queryset=measures.prefetch_related(
                        Prefetch("principles", queryset=Principle.objects.ordered())
                    ),
                    to_attr="matching_measures",
                )
            )
            .order_by("-year", "slug")
        )
        page = paginate(cases, request.GET.get("page"))
        return Evidence(self.template_name, {"page": page, "heading_kind": heading_kind})

    def for_principle(self, principle, *, request):
        return self._cases_with(Q(principles=principle), request=request, heading_kind="principle")

    def for_strategy(self, strategy, *, request):
        return self._cases_with(
            Q(tactics__strategy=strategy), request=request, heading_kind="strategy"
        )

    def for_tactic(self, tactic, *, request):
        return self._cases_with(Q(tactics=tactic), request=request, heading_kind="tactic")

    def for_principle_list(self, principles, *, request) -> dict[int, dict]:
        visible = Case.objects.visible_to(request.user).values("pk")
        rows = (
            Principle.objects.filter(measures__case__in=visible)
            .annotate(
                measure_count=Count("measures", distinct=True),
                case_count=Count("measures__case", distinct=True),
            )
            .values("pk", "measure_count", "case_count")
        )
        return {r["pk"]: r for r in rows}


# --- related cases, ranked and explained --------------------------------------------------

# What sharing each thing is worth when ranking related cases.
WEIGHTS = {"type": 3, "principle": 2, "tactic": 1, "tag": 1}


def ranked_related(*, case: Case, user, limit: int = 6) -> list[RelatedCase]:
    """Curated links first, then other cases ranked by what they share with `case`, each with
    the reason: the crisis type, the principles both applied, shared tactics and tags."""
    visible = Case.objects.visible_to(user)
    curated = list(
        CaseRelation.objects.filter(from_case=case, to_case__in=visible)
        .select_related("to_case")
        .order_by("position", "id")
    )
    type_ids = [t.pk for t in case.crisis_types.all()]
    principle_ids = list(
        Principle.objects.filter(measures__case=case).values_list("pk", flat=True).distinct()
    )
    tactic_ids = list(
        Tactic.objects.filter(measures__case=case).values_list("pk", flat=True).distinct()
    )
    tag_ids = [t.pk for t in case.tags.all()]
    exclude = {case.pk} | {r.to_case_id for r in curated}

    def shared(path: str, ids: list[int]):
        # An empty `__in` would make the whole query empty, not the count zero.
        if not ids:
            return Value(0, output_field=IntegerField())
        return Count(path, filter=Q(**{f"{path}__in": ids}), distinct=True)

    candidates = (
        visible.exclude(pk__in=exclude)
        .annotate(
            shared_types=shared("crisis_types", type_ids),
            shared_principles=shared("measures__principles", principle_ids),
            shared_tactics=shared("measures__tactics", tactic_ids),
            shared_tags=shared("tags", tag_ids),
        )
        .annotate(
            score=WEIGHTS["type"] * F("shared_types")
            + WEIGHTS["principle"] * F("shared_principles")
            + WEIGHTS["tactic"] * F("shared_tactics")
            + WEIGHTS["tag"] * F("shared_tags")
        )
        .filter(score__gt=0)
        .order_by("-score", "-year", "slug")[: max(limit - len(curated), 0)]
    )
    candidates = list(candidates)
    # One query for the names behind the counts, for the reasons shown.
    shared = ResponseMeasure.objects.filter(
        case__in=[c.pk for c in candidates], principles__in=principle_ids
    ).values_list("case_id", "principles__slug")
    shared_by_case: dict[int, set[str]] = {}
    for case_id, slug in shared:
        shared_by_case.setdefault(case_id, set()).add(slug)
    ordered = list(Principle.objects.filter(pk__in=principle_ids).ordered())

    result = [RelatedCase(r.to_case, [r.reason] if r.reason else [], True) for r in curated]
    for candidate in candidates:
        reasons = []
        if candidate.shared_types:
            reasons.append(_("same crisis type"))
        slugs = shared_by_case.get(candidate.pk, set())
        principles = [p.name for p in ordered if p.slug in slugs]
        if principles:
            reasons.append(_("both applied %(principles)s") % {"principles": _join(principles)})
        if candidate.shared_tactics:
            reasons.append(
                ngettext("%(n)d shared tactic", "%(n)d shared tactics", candidate.shared_tactics)
                % {"n": candidate.shared_tactics}
            )
        if candidate.shared_tags:
            reasons.append(
                ngettext("%(n)d shared tag", "%(n)d shared tags", candidate.shared_tags)
                % {"n": candidate.shared_tags}
            )
        result.append(RelatedCase(candidate, reasons, False))
    return result


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return _("%(first)s and %(last)s") % {"first": ", ".join(items[:-1]), "last": items[-1]}


# --- compare ------------------------------------------------------------------------------

MAX_COMPARE = 4


class CompareError(ValueError):
    """The comparison asks for too few, too many or malformed case slugs (a 400)."""


@dataclass
class PrincipleAlignment:
    principle: Principle
    cells: list[list[ResponseMeasure]]  # per case: the measures that embody the principle


def parse_compare_slugs(raw: str) -> list[str]:
    """The cases a comparison names (one to four, each once); a CompareError (a 400) says what
    is wrong with the address otherwise."""
    slugs = [s.strip() for s in (raw or "")[:2000].split(",") if s.strip()]
    if any(len(s) > 120 or not re.fullmatch(r"[-a-zA-Z0-9_]+", s) for s in slugs):
        raise CompareError(_("A case identifier in the address is malformed."))
    if len(set(slugs)) != len(slugs):
        raise CompareError(_("The same case is listed twice: compare different cases."))
    if not 1 <= len(slugs) <= MAX_COMPARE:
        raise CompareError(_("Pick two to four different cases to compare."))
    return slugs


def compare(*, slugs: list[str], user, t0: str = "outbreak", query: str = "") -> dict:
    """One to four cases side by side, their timelines on one axis aligned on `t0` (outbreak
    or discovered), and, for the pick form, the cases matching `query`. Raises CompareError
    when a case is not visible (unknown and draft alike)."""
    found = {c.slug: c for c in Case.objects.visible_to(user).for_detail().filter(slug__in=slugs)}
    missing = [s for s in slugs if s not in found]
    if missing:
        raise CompareError(
            _("No such case: %(slugs)s. Remove it or pick another.")
            % {"slugs": ", ".join(missing)}
        )
    cases = [found[s] for s in slugs]
    principles = list(Principle.objects.ordered())
    alignment = [
        PrincipleAlignment(
            principle,
            [
                [
                    m
                    for m in case.measures.all()
                    if any(p.pk == principle.pk for p in m.principles.all())
                ]
                for case in cases
            ],
        )
        for principle in principles
    ]
    candidates = []
    query = (query or "").strip()[:100]
    if query and len(slugs) < MAX_COMPARE:
        candidates = list(
            Case.objects.visible_to(user)
            .filter(Q(title_en__icontains=query) | Q(title_zh_hans__icontains=query))
            .exclude(slug__in=slugs)
            .order_by("-year", "slug")[:10]
        )
    return {
        "cases": cases,
        "delays": [timing.first_response_delay(case) for case in cases],
        "alignment": alignment,
        "slugs": ",".join(slugs),
        "timelines": clock.aligned_timelines(cases, t0=t0),
        "t0": t0,
        "query": query,
        "candidates": candidates,
        "can_add": len(slugs) < MAX_COMPARE,
        "remove_links": [",".join(s for s in slugs if s != slug) for slug in slugs],
    }


# --- response speed across cases ----------------------------------------------------------


# --- crisis type × strategy ---------------------------------------------------------------


def type_strategy_matrix(*, user, params) -> dict:
    """How many measures in cases of each type applied a tactic of each strategy."""
    form = CaseFilterForm(params)
    values = form.valid_values()
    cases = Case.objects.visible_to(user)
    if "year" in values:
        cases = cases.filter(year=values["year"])
    types = CrisisType.objects.ordered()
    if "type" in values:
        types = types.filter(slug=values["type"])
    types = list(types)
    strategies = list(Strategy.objects.ordered())
    rows = (
        ResponseMeasure.objects.filter(case__in=cases.values("pk"))
        .values("case__crisis_types", "tactics__strategy")
        .annotate(n=Count("pk", distinct=True))
    )
    counts = {(r["case__crisis_types"], r["tactics__strategy"]): r["n"] for r in rows}
    return {
        "strategies": strategies,
        "type_rows": [
            {"type": t, "counts": [counts.get((t.pk, s.pk), 0) for s in strategies]} for t in types
        ],
        "filters": {k: v for k, v in values.items() if k in ("type", "year")},
        "crisis_types": offered_crisis_types(user=user),
    }


# --- study guide --------------------------------------------------------------------------


def study_guide(*, user) -> dict:
    """Principles → the strategies that serve them → cases that show them, with questions."""
    visible = Case.objects.visible_to(user)
    principles = list(
        Principle.objects.ordered().prefetch_related(
            Prefetch("strategies", queryset=Strategy.objects.ordered())
        )
    )
    # The three cases with most measures embodying each principle, in one query.
    rows = (
        ResponseMeasure.objects.filter(case__in=visible.values("pk"))
        .values("principles", "case")
        .annotate(n=Count("pk"))
        .order_by("principles", "-n", "case")
    )
    top: dict[int, list[int]] = {}
    for row in rows:
        ids = top.setdefault(row["principles"], [])
        if len(ids) < 3:
            ids.append(row["case"])
    cases = {c.pk: c for c in visible.filter(pk__in={i for ids in top.values() for i in ids})}
    for principle in principles:
        principle.example_cases = [cases[i] for i in top.get(principle.pk, []) if i in cases]
    return {"principles": principles}
