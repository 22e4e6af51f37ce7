"""One to four cases side by side: facts, principles, and timelines on one axis."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext as _

from strategies.models import Principle

from .. import clock
from ..models import Case, ResponseMeasure
from .matrices import measures_embodying
from .timing import Delay, first_response_delay

MAX_COMPARE = 4


class CompareError(ValueError):
    """The comparison asks for too few, too many or malformed case slugs (a 400)."""


@dataclass
class PrincipleAlignment:
    principle: Principle
    cells: list[list[ResponseMeasure]]  # per case: the measures that embody the principle


@dataclass
class Comparison:
    cases: list[Case]
    delays: list[Delay]
    alignment: list[PrincipleAlignment]
    slugs: str  # the canonical ?cases= value
    timelines: clock.AlignedTimelines
    t0: str
    query: str
    candidates: list[Case]  # cases matching `query`, for the pick form
    can_add: bool
    remove_links: list[str]  # per case: the ?cases= value without it


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


def compare(*, slugs: list[str], user, t0: str = "outbreak", query: str = "") -> Comparison:
    """Raises CompareError when a case is not visible (unknown and draft alike)."""
    found = {c.slug: c for c in Case.objects.visible_to(user).for_detail().filter(slug__in=slugs)}
    missing = [s for s in slugs if s not in found]
    if missing:
        raise CompareError(
            _("No such case: %(slugs)s. Remove it or pick another.")
            % {"slugs": ", ".join(missing)}
        )
    cases = [found[s] for s in slugs]
    alignment = [
        PrincipleAlignment(principle, [measures_embodying(case, principle) for case in cases])
        for principle in Principle.objects.ordered()
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
    return Comparison(
        cases=cases,
        delays=[first_response_delay(case) for case in cases],
        alignment=alignment,
        slugs=",".join(slugs),
        timelines=clock.aligned_timelines(cases, t0=t0),
        t0=t0,
        query=query,
        candidates=candidates,
        can_add=len(slugs) < MAX_COMPARE,
        remove_links=[",".join(s for s in slugs if s != slug) for slug in slugs],
    )
