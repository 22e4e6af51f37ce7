"""Related cases: curated links first, then the case's stored ranking (cases.ranking), each
with the reasons shown."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from strategies.models import Principle

from .. import ranking
from ..models import Case, CaseRelation, RelatedRank


@dataclass
class RelatedCase:
    case: Case
    reasons: list[str]
    curated: bool


def related_cases(*, case: Case, user, limit: int = ranking.LIMIT) -> list[RelatedCase]:
    """Curated links first (those the user may see), then the best-ranked published cases
    that share something with `case`: three queries, whatever the size of the corpus."""
    ranking.queue.flush()  # read our own uncommitted edits (core.pending)
    visible = Case.objects.visible_to(user)
    curated = list(
        CaseRelation.objects.filter(from_case=case, to_case__in=visible)
        .select_related("to_case")
        .order_by("position", "id")
    )
    result = [RelatedCase(r.to_case, [r.reason] if r.reason else [], True) for r in curated]
    room = max(limit - len(curated), 0)
    if not room:
        return result
    ranks = list(
        RelatedRank.objects.filter(case=case, other__status=Case.Status.PUBLISHED)
        .select_related("other")
        .order_by("position")[:room]
    )
    principle_ids = {pk for rank in ranks for pk in rank.principles}
    names = {}
    if principle_ids:
        names = {p.pk: p.name for p in Principle.objects.filter(pk__in=principle_ids).ordered()}
    for rank in ranks:
        # In the doctrine's order, as `names` was read.
        principles = [name for pk, name in names.items() if pk in rank.principles]
        result.append(RelatedCase(rank.other, _reasons(rank, principles), False))
    return result


def _reasons(rank: RelatedRank, principles: list[str]) -> list[str]:
    reasons = []
    if rank.shared_types:
        reasons.append(_("same crisis type"))
    if principles:
        reasons.append(_("both applied %(principles)s") % {"principles": _join(principles)})
    if rank.shared_tactics:
        reasons.append(
            ngettext("%(n)d shared tactic", "%(n)d shared tactics", rank.shared_tactics)
            % {"n": rank.shared_tactics}
        )
    if rank.shared_tags:
        reasons.append(
            ngettext("%(n)d shared tag", "%(n)d shared tags", rank.shared_tags)
            % {"n": rank.shared_tags}
        )
    return reasons


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return _("%(first)s and %(last)s") % {"first": ", ".join(items[:-1]), "last": items[-1]}
