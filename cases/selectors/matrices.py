"""Cases × principles, crisis types × strategies, and the study guide built on them."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Prefetch, QuerySet

from core.pagination import paginate
from strategies.models import Principle, Strategy

from ..filters import TypeYearFilterSet
from ..models import Case, CrisisType, ResponseMeasure
from .catalogue import offered_crisis_types

MATRIX_PAGE_SIZE = 50


def measures_embodying(case: Case, principle: Principle) -> list[ResponseMeasure]:
    """The case's measures that embody `principle`, from the prefetched measures."""
    return [
        m for m in case.measures.all() if any(p.pk == principle.pk for p in m.principles.all())
    ]


@dataclass
class MatrixRow:
    case: Case
    cells: list[list[ResponseMeasure]]  # per principle: the measures that embody it


@dataclass
class CaseMatrix:
    principles: list[Principle]
    rows: list[MatrixRow]
    page: object
    filters: dict
    crisis_types: QuerySet[CrisisType]


def matrix(*, user, params, page_number=None) -> CaseMatrix:
    """Cases × principles: each cell lists the case's measures that embody the principle."""
    principles = list(Principle.objects.ordered())
    filterset = TypeYearFilterSet(params)
    queryset = filterset.apply(Case.objects.visible_to(user))
    page = paginate(queryset.for_matrix().distinct(), page_number, MATRIX_PAGE_SIZE)
    rows = [
        MatrixRow(case, [measures_embodying(case, p) for p in principles])
        for case in page.object_list
    ]
    return CaseMatrix(
        principles=principles,
        rows=rows,
        page=page,
        filters=filterset.values(),
        crisis_types=offered_crisis_types(user=user),
    )


@dataclass
class TypeStrategyRow:
    type: CrisisType
    counts: list[int]  # per strategy


@dataclass
class TypeStrategyMatrix:
    strategies: list[Strategy]
    type_rows: list[TypeStrategyRow]
    filters: dict
    crisis_types: QuerySet[CrisisType]


def type_strategy_matrix(*, user, params) -> TypeStrategyMatrix:
    """How many measures in cases of each type applied a tactic of each strategy."""
    filterset = TypeYearFilterSet(params)
    cases = filterset.apply(Case.objects.visible_to(user), skip="type")
    chosen = filterset.values().get("type")
    types = CrisisType.objects.ordered()
    if chosen:
        types = types.filter(slug=chosen)
    types = list(types)
    strategies = list(Strategy.objects.ordered())
    rows = (
        ResponseMeasure.objects.filter(case__in=cases.values("pk"))
        .values("case__crisis_types", "tactics__strategy")
        .annotate(n=Count("pk", distinct=True))
    )
    counts = {(r["case__crisis_types"], r["tactics__strategy"]): r["n"] for r in rows}
    return TypeStrategyMatrix(
        strategies=strategies,
        type_rows=[
            TypeStrategyRow(t, [counts.get((t.pk, s.pk), 0) for s in strategies]) for t in types
        ],
        filters=filterset.values(),
        crisis_types=offered_crisis_types(user=user),
    )


@dataclass
class StudyGuide:
    principles: list[Principle]  # each with .example_cases and prefetched .strategies


def study_guide(*, user) -> StudyGuide:
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
    return StudyGuide(principles)
