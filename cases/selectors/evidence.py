"""The cases the doctrine pages show, given to `strategies` without it importing `cases`
(registered in CasesConfig.ready)."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q

from core.pagination import paginate
from strategies.evidence import Evidence
from strategies.models import Principle

from ..models import Case, ResponseMeasure


class DoctrineEvidence:
    template_name = "cases/includes/doctrine_evidence.html"

    def _cases_with(self, measure_filter: Q, *, request, heading_kind: str) -> Evidence:
        measures = ResponseMeasure.objects.filter(measure_filter).order_by("position")
        cases = (
            Case.objects.visible_to(request.user)
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
