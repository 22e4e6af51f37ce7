"""The reference ranking of related cases: the per-request query the case page used before the
rankings were stored (cases.ranking). Kept verbatim, so a test can check that the stored lists
are the same ranking, with the same reasons."""

from __future__ import annotations

from django.db.models import Count, F, IntegerField, Q, Value
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cases.models import Case, CaseRelation, ResponseMeasure
from cases.ranking import WEIGHTS
from cases.selectors.related import RelatedCase
from strategies.models import Principle, Tactic


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

    candidates = list(
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
    # One query for the names behind the counts, for the reasons shown.
    pairs = ResponseMeasure.objects.filter(
        case__in=[c.pk for c in candidates], principles__in=principle_ids
    ).values_list("case_id", "principles__slug")
    shared_by_case: dict[int, set[str]] = {}
    for case_id, slug in pairs:
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
