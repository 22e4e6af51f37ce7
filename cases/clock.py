"""The case page's response clock: the case's milestones on one axis from its earliest (T0),
its measured intervals, each against the median of the case's primary crisis type.

Geometry for a server-rendered SVG lives here (presentation, not a selector); the numbers come
from cases.response_time and the stored ResponseInterval rows."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from . import response_time as rt
from .models import Case, ResponseInterval, TimelineEvent

WIDTH = 640
LEFT = 150
RIGHT = 20
ROW = 26
TOP = 30

# Axis ticks: hours since T0 and how they read.
TICKS = [
    (0, "T0"),
    (1, _("1 h")),
    (6, _("6 h")),
    (24, _("1 day")),
    (72, _("3 days")),
    (24 * 7, _("1 week")),
    (24 * 30, _("1 month")),
    (24 * 182, _("6 months")),
    (24 * 365, _("1 year")),
    (24 * 365 * 5, _("5 years")),
]


def _x(hours: float, span: float) -> float:
    """Log scale: 1 hour and 1 year both readable on one axis."""
    usable = WIDTH - LEFT - RIGHT
    return LEFT + usable * math.log10(1 + max(hours, 0)) / math.log10(1 + max(span, 1))


def hours_between(start: rt.Moment, end: rt.Moment) -> float:
    if start.instant is not None and end.instant is not None:
        return (end.instant - start.instant).total_seconds() / 3600
    return (end.day - start.day).days * 24.0


@dataclass
class ClockDot:
    moment: rt.Moment
    label: str
    x: float
    y: float
    hours: float
    when: str  # "+3 days" from T0


@dataclass
class ClockRow:
    step: rt.Step
    interval: rt.Interval
    median_hours: float | None
    median_label: str
    cases: int  # how many cases of the type the median is over
    faster: bool | None  # this case vs the median


@dataclass
class CaseClock:
    dots: list[ClockDot] = field(default_factory=list)
    ticks: list[tuple[float, str]] = field(default_factory=list)
    rows: list[ClockRow] = field(default_factory=list)
    height: int = 0
    width: int = WIDTH
    left: int = LEFT
    t0: rt.Moment | None = None
    type_name: str = ""

    @property
    def empty(self) -> bool:
        return not self.dots


def type_medians(crisis_type_id: int) -> dict[str, tuple[float, int]]:
    """Median hours per step over the published cases of a crisis type, and how many cases.

    One query; the rows are the stored intervals, so nothing is recomputed per request."""
    rows = ResponseInterval.objects.filter(
        case__status=Case.Status.PUBLISHED, case__crisis_types=crisis_type_id
    ).values_list("step", "hours", "precision")
    by_step: dict[str, list[float]] = {}
    timed: dict[str, bool] = {}
    for step, hours, precision in rows:
        by_step.setdefault(step, []).append(hours)
        timed[step] = timed.get(step, True) and precision == "minute"
    return {
        step: (rt.median(values), len(values), timed[step]) for step, values in by_step.items()
    }


def median_label(hours: float, timed: bool) -> str:
    """A median no more precise than its inputs: hours only when every input was timed."""
    if timed:
        return rt.hours_label(hours)
    days = round(hours / 24)
    if abs(days) < 60:
        return rt.label_for("day", days)
    return rt.label_for("month", round(days / 30))


def _since(t0: rt.Moment, moment: rt.Moment) -> str:
    """ "+3 days", "+2 h 10 min", "the same day": no more precise than the two ends."""
    interval = rt.between(rt.STEPS[0], t0, moment)
    if interval.amount <= 0:
        return interval.label
    return f"+{interval.label}"


def case_clock(case: Case) -> CaseClock:
    """The clock of a case whose timeline is prefetched (one query for the medians)."""
    moments = rt.milestones_of(case)
    clock = CaseClock(type_name=case.primary_type.name)
    if not moments:
        return clock
    t0 = moments[0]
    clock.t0 = t0
    hours = [hours_between(t0, m) for m in moments]
    span = max(max(hours), 24.0)
    labels = dict(TimelineEvent.Milestone.choices)
    for i, (moment, h) in enumerate(zip(moments, hours, strict=True)):
        clock.dots.append(
            ClockDot(
                moment=moment,
                label=str(labels.get(moment.milestone, moment.milestone)),
                x=round(_x(h, span), 1),
                y=TOP + i * ROW,
                hours=h,
                when="T0" if i == 0 else _since(t0, moment),
            )
        )
    clock.ticks = [(round(_x(h, span), 1), text) for h, text in TICKS if h <= span * 1.05]
    clock.height = TOP + len(moments) * ROW + 10
    medians = type_medians(case.primary_type_id)
    for code, interval in rt.intervals(moments).items():
        median_hours, count, timed = medians.get(code, (None, 0, False))
        clock.rows.append(
            ClockRow(
                step=rt.STEPS_BY_CODE[code],
                interval=interval,
                median_hours=median_hours,
                median_label=median_label(median_hours, timed) if median_hours is not None else "",
                cases=count,
                faster=None if median_hours is None else interval.sort_hours < median_hours,
            )
        )
    clock.rows.sort(key=lambda r: rt.STEP_CODES.index(r.step.code))
    return clock


def counts_by_step() -> dict[str, int]:
    """How many published cases have each interval (for the response-speed page)."""
    rows = (
        ResponseInterval.objects.filter(case__status=Case.Status.PUBLISHED)
        .values("step")
        .annotate(n=Count("case", distinct=True))
    )
    return {r["step"]: r["n"] for r in rows}


# --- compare: timelines on one axis -------------------------------------------------------


@dataclass
class AlignedRow:
    case: Case
    t0: rt.Moment | None
    dots: list[ClockDot] = field(default_factory=list)
    y: float = 0


@dataclass
class AlignedTimelines:
    rows: list[AlignedRow]
    ticks: list[tuple[float, str]]
    t0_x: float
    width: int = WIDTH
    height: int = 0
    left: int = LEFT
    milestones: list[tuple[str, list[str]]] = field(default_factory=list)  # for the table


def _signed_x(hours: float, span: float, zero: float) -> float:
    """Symmetric log scale around T0 at `zero`: before T0 to the left, after to the right."""
    usable = WIDTH - RIGHT - zero
    offset = usable * math.log10(1 + abs(hours)) / math.log10(1 + max(span, 1))
    return zero + offset if hours >= 0 else max(LEFT, zero - offset)


def aligned_timelines(cases: list[Case], *, t0: str = "outbreak") -> AlignedTimelines:
    """The cases' milestones on one axis, each case shifted so its `t0` milestone is zero."""
    per_case = []
    for case in cases:
        moments = rt.milestones_of(case)
        anchor = rt.first_of(moments, t0)
        per_case.append((case, moments, anchor))
    hours = [
        hours_between(anchor, m) for _c, moments, anchor in per_case if anchor for m in moments
    ]
    span = max([abs(h) for h in hours] + [24.0])
    has_before = any(h < 0 for h in hours)
    zero = LEFT + (WIDTH - LEFT - RIGHT) * (0.25 if has_before else 0)
    labels = dict(TimelineEvent.Milestone.choices)
    rows = []
    for i, (case, moments, anchor) in enumerate(per_case):
        row = AlignedRow(case=case, t0=anchor, y=TOP + i * ROW * 1.5)
        if anchor is not None:
            for moment in moments:
                h = hours_between(anchor, moment)
                row.dots.append(
                    ClockDot(
                        moment=moment,
                        label=str(labels.get(moment.milestone, moment.milestone)),
                        x=round(_signed_x(h, span, zero), 1),
                        y=row.y,
                        hours=h,
                        when="T0" if moment == anchor else _since(anchor, moment),
                    )
                )
        rows.append(row)
    ticks = [(round(_signed_x(h, span, zero), 1), text) for h, text in TICKS if h <= span * 1.05]
    table = []
    for code, label in TimelineEvent.Milestone.choices:
        cells = []
        for row in rows:
            found = [d for d in row.dots if d.moment.milestone == code]
            cells.append(found[0].when if found else "—")
        if any(c != "—" for c in cells):
            table.append((str(label), cells))
    return AlignedTimelines(
        rows=rows,
        ticks=ticks,
        t0_x=round(zero, 1),
        height=int(TOP + len(rows) * ROW * 1.5 + 10),
        milestones=table,
    )
