"""The case list and its facet counts.

Each facet counts the cases that match every *other* active filter, so a reader sees what
choosing a value would give. The FilterSet (`cases.filters.CaseFilterSet`) parses and validates
the query string; the links that toggle a value are built in the template with
`{% querystring %}` (through `{% facet_query %}`), from `CaseListResult.query_params`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count
from django.http import QueryDict
from taggit.models import TaggedItem

from core.markdown import language_suffix
from core.pagination import paginate
from strategies.models import Principle, Tactic

from ..filters import SORTS, CaseFilterSet
from ..models import Case, Country, CrisisType


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool


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
    query_params: QueryDict  # the valid parameters, for {% querystring %}


def case_list(*, params, user, page_number=None) -> CaseListResult:
    """The case list: validated filters combined with AND, facet counts, a page of cases.
    Invalid parameters are dropped and reported, never raised."""
    filterset = CaseFilterSet(params)
    sort = filterset.sort_value()
    base = Case.objects.visible_to(user)
    queryset = filterset.apply(base).for_list().order_by(*SORTS[sort]).distinct()
    page = paginate(queryset, page_number)
    return CaseListResult(
        page=page,
        facets=facet_counts(base, filterset),
        filters=filterset.values(),
        ignored=filterset.ignored(),
        sort=sort,
        total=page.paginator.count,
        query_params=filterset.query(),
    )


def _options(filterset: CaseFilterSet, name: str, rows, chosen: dict) -> Facet:
    selected = str(chosen.get(name, ""))
    return Facet(
        name,
        str(filterset.filters[name].label),
        [
            FacetOption(str(value), label or str(value), count, str(value) == selected)
            for value, label, count in rows
        ],
    )


def facet_counts(base, filterset: CaseFilterSet) -> list[Facet]:
    """Facet counts over `base` (the cases the user may see, or a search's matches)."""

    chosen = filterset.values()

    def subset(name):
        return filterset.apply(base, skip=name).values("pk")

    facets = []
    rows = (
        CrisisType.objects.filter(cases__in=subset("type"))
        .annotate(n=Count("cases", distinct=True))
        .order_by("position", "slug")
    )
    facets.append(_options(filterset, "type", [(t.slug, t.name, t.n) for t in rows], chosen))

    rows = (
        TaggedItem.objects.filter(
            content_type=ContentType.objects.get_for_model(Case), object_id__in=subset("tag")
        )
        .values("tag__slug", "tag__name")
        .annotate(n=Count("object_id", distinct=True))
        .order_by("-n", "tag__name")[:30]
    )
    facets.append(
        _options(
            filterset, "tag", [(r["tag__slug"], r["tag__name"], r["n"]) for r in rows], chosen
        )
    )

    for name, model in (("principle", Principle), ("tactic", Tactic)):
        rows = (
            model.objects.filter(measures__case__in=subset(name))
            .annotate(n=Count("measures__case", distinct=True))
            .order_by("position", "slug")
        )
        facets.append(_options(filterset, name, [(o.slug, o.name, o.n) for o in rows], chosen))

    rows = (
        filterset.apply(base, skip="year")
        .values("year")
        .annotate(n=Count("pk", distinct=True))
        .order_by("-year")
    )
    facets.append(
        _options(filterset, "year", [(r["year"], str(r["year"]), r["n"]) for r in rows], chosen)
    )

    rows = (
        Country.objects.filter(cases__in=subset("country"))
        .annotate(n=Count("cases", distinct=True))
        .order_by("-n", "code")[:40]
    )
    facets.append(_options(filterset, "country", [(c.code, c.name, c.n) for c in rows], chosen))

    suffix = language_suffix()
    rows = (
        filterset.apply(base, skip="industry")
        .exclude(industry_en="")
        .values("industry_en", f"industry_{suffix}")
        .annotate(n=Count("pk", distinct=True))
        .order_by("-n", "industry_en")[:30]
    )
    facets.append(
        _options(
            filterset,
            "industry",
            [(r["industry_en"], r[f"industry_{suffix}"], r["n"]) for r in rows],
            chosen,
        )
    )
    return facets
