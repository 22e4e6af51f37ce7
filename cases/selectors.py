"""Reads that shape data for the public pages. Each page calls one selector."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from taggit.models import Tag, TaggedItem

from crisiskb.markdown import language_suffixes
from strategies.evidence import Evidence
from strategies.models import Principle, Strategy, Tactic

from .forms import CaseFilterForm
from .models import Case, CaseRelation, CrisisType, ResponseMeasure

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
    if name == "region":
        return Q(region_en=value)
    if name == "industry":
        return Q(industry_en=value)
    raise ValueError(name)


def _apply(queryset, filters: dict, *, skip: str | None = None):
    for name, value in filters.items():
        if name in CaseFilterForm.FACETS and name != skip:
            queryset = queryset.filter(_facet_filter(name, value))
    return queryset


def _query(filters: dict, sort: str, **changes) -> str:
    params = {**filters, **({"sort": sort} if sort != "newest" else {})}
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


def _facets(base, filters: dict, sort: str) -> list[Facet]:
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

    for name in ("region", "industry"):
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
    form = CaseFilterForm(params)
    values = form.valid_values()
    ignored = form.ignored()
    sort = values.pop("sort", "newest")
    filters = {k: v for k, v in values.items() if k in CaseFilterForm.FACETS}

    # A slug that names nothing (an unknown type, tag…) is ignored, not an error.
    for name in ("type", "tag", "principle", "tactic"):
        if name in filters and not _facet_value_exists(name, filters[name]):
            ignored.append(str(form.fields[name].label))
            del filters[name]

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


def _facet_value_exists(name: str, value) -> bool:
    if name == "type":
        return CrisisType.objects.filter(slug=value).exists()
    if name == "tag":
        return Tag.objects.filter(slug=value).exists()
    if name == "principle":
        return Principle.objects.filter(slug=value).exists()
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


def related_cases(*, case: Case, user, limit: int = 6) -> list[RelatedCase]:
    """Curated related cases first (with the curator's reason), then cases of the same type."""
    visible = Case.objects.visible_to(user)
    relations = (
        CaseRelation.objects.filter(from_case=case, to_case__in=visible)
        .select_related("to_case")
        .order_by("position", "id")
    )
    result = [RelatedCase(r.to_case, [r.reason] if r.reason else [], True) for r in relations]
    seen = {case.pk} | {r.case.pk for r in result}
    if len(result) < limit:
        same_type = (
            visible.filter(primary_type_id=case.primary_type_id)
            .exclude(pk__in=seen)
            .order_by("-year", "slug")[: limit - len(result)]
        )
        reason = _("Same crisis type: %(type)s") % {"type": case.primary_type.name}
        result += [RelatedCase(c, [reason], False) for c in same_type]
    return result


# --- crisis types, tags, home -------------------------------------------------------------


def crisis_types_with_counts(*, user):
    visible = Case.objects.visible_to(user).values("pk")
    return CrisisType.objects.ordered().annotate(
        case_count=Count("cases", filter=Q(cases__in=visible), distinct=True)
    )


def crisis_type_detail(*, slug: str, user, page_number=None):
    crisis_type = CrisisType.objects.get(slug=slug)
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
        "crisis_types": CrisisType.objects.ordered(),
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
