"""The response-time model: how long each step of a response took, from a case's milestones.

Pure functions over plain values (no database, no templates): `milestones_of(case)` reads the
prefetched timeline into `Moment`s, `intervals(moments)` measures the steps, and `Interval.label`
says it in words no more precise than the less precise end.

- A moment is precise to the **minute** only when its source gives a time of day *and* a time
  zone: then intervals are real elapsed time, computed in UTC, so a daylight-saving change in
  between neither adds nor loses an hour. A time without a zone counts as its day.
- Otherwise intervals count **days** between the local dates; a month or a year end makes the
  interval "about N months / years" (or "the same month"), never a day count.
- A negative interval is real: the organisation spoke before the press broke the story.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

YEAR, MONTH, DAY, MINUTE = "year", "month", "day", "minute"
RANK = {YEAR: 0, MONTH: 1, DAY: 2, MINUTE: 3}


@dataclass(frozen=True)
class Moment:
    milestone: str
    day: date  # the first day of the period the source gives
    precision: str  # year | month | day (of the date as given)
    time: time | None = None
    tz: str = ""
    derived: bool = False
    ref: int | None = None  # the timeline entry's position, to link to it

    @property
    def effective_precision(self) -> str:
        if self.precision == DAY and self.time is not None and self.zone is not None:
            return MINUTE
        return self.precision

    @property
    def zone(self) -> ZoneInfo | None:
        if not self.tz:
            return None
        try:
            return ZoneInfo(self.tz)
        except (ZoneInfoNotFoundError, ValueError):
            return None

    @property
    def instant(self) -> datetime | None:
        """The aware moment (UTC) when precise to the minute, else None."""
        if self.effective_precision != MINUTE:
            return None
        wall = datetime.combine(self.day, self.time, tzinfo=self.zone)
        # fold/gap handling: normalise through UTC as the clocks do
        return wall.astimezone(UTC)

    def sort_key(self):
        """Earliest first; within a day, timed moments by their UTC instant."""
        instant = self.instant
        return (self.day, instant.timestamp() if instant else 0)


@dataclass(frozen=True)
class Step:
    """An interval the model measures: from the first `start` milestone to the first `end`."""

    code: str
    start: str
    end: str
    label: str


STEPS = [
    Step("detection", "began", "discovered", _("Detection (incident began → discovered)")),
    Step("disclosure", "discovered", "disclosed", _("Disclosure (discovered → disclosed)")),
    Step("statement", "outbreak", "first_statement", _("First statement (outbreak → statement)")),
    Step("apology", "outbreak", "apology", _("Apology (outbreak → apology)")),
    Step("remedy", "outbreak", "remedy", _("Remedy (outbreak → remedy announced)")),
    Step(
        "regulator",
        "discovered",
        "regulator_notified",
        _("Regulator notified (discovered → notified)"),
    ),
]
STEP_CODES = [s.code for s in STEPS]
STEPS_BY_CODE = {s.code: s for s in STEPS}


@dataclass(frozen=True)
class Interval:
    step: Step
    start: Moment
    end: Moment
    precision: str  # the coarser of the two ends: minute | day | month | year
    minutes: int | None = None  # when precision is minute
    days: int | None = None  # when precision is day
    months: int | None = None  # when precision is month
    years: int | None = None  # when precision is year

    @property
    def amount(self) -> int:
        """The signed length in units of the precision."""
        return next(v for v in (self.minutes, self.days, self.months, self.years) if v is not None)

    @property
    def negative(self) -> bool:
        return self.amount < 0

    @property
    def derived(self) -> bool:
        return self.start.derived or self.end.derived

    @property
    def sort_hours(self) -> float:
        """A length in hours for sorting and charts (months as 30 days, years as 365)."""
        if self.minutes is not None:
            return self.minutes / 60
        if self.days is not None:
            return self.days * 24.0
        if self.months is not None:
            return self.months * 30 * 24.0
        return (self.years or 0) * 365 * 24.0

    @property
    def label(self) -> str:
        return duration_label(self)


def duration_label(interval: Interval) -> str:
    """ "2 h 10 min", "the same day", "40 days", "about 3 months", "…before" when negative."""
    return label_for(interval.precision, interval.amount)


def label_for(precision: str, amount: int) -> str:
    """An interval's length in words from its precision and signed amount in that unit."""
    magnitude = _magnitude(precision, abs(amount))
    if amount < 0:
        return _("%(length)s before") % {"length": magnitude}
    return magnitude


def _magnitude(precision: str, n: int) -> str:
    if precision == MINUTE:
        hours, minutes = divmod(n, 60)
        if hours >= 48:
            days, hours = divmod(hours, 24)
            return _("%(d)d d %(h)d h") % {"d": days, "h": hours}
        if hours and minutes:
            return _("%(h)d h %(m)d min") % {"h": hours, "m": minutes}
        if hours:
            return _("%(h)d h") % {"h": hours}
        return _("%(m)d min") % {"m": minutes}
    if precision == DAY:
        if n == 0:
            return str(_("the same day"))
        return ngettext("%(n)d day", "%(n)d days", n) % {"n": n}
    if precision == MONTH:
        if n == 0:
            return str(_("the same month"))
        return ngettext("about %(n)d month", "about %(n)d months", n) % {"n": n}
    if n == 0:
        return str(_("the same year"))
    return ngettext("about %(n)d year", "about %(n)d years", n) % {"n": n}


def between(step: Step, start: Moment, end: Moment) -> Interval:
    """The interval from `start` to `end`, no more precise than the coarser of the two."""
    precision = min(start.effective_precision, end.effective_precision, key=RANK.get)
    if precision == MINUTE:
        minutes = int((end.instant - start.instant) / timedelta(minutes=1))
        return Interval(step, start, end, MINUTE, minutes=minutes)
    if precision == DAY:
        return Interval(step, start, end, DAY, days=(end.day - start.day).days)
    if precision == MONTH:
        months = (end.day.year - start.day.year) * 12 + end.day.month - start.day.month
        return Interval(step, start, end, MONTH, months=months)
    return Interval(step, start, end, YEAR, years=end.day.year - start.day.year)


def first_of(moments: list[Moment], milestone: str) -> Moment | None:
    found = sorted((m for m in moments if m.milestone == milestone), key=Moment.sort_key)
    return found[0] if found else None


def intervals(moments: list[Moment]) -> dict[str, Interval]:
    """Every step both of whose ends the moments have, keyed by step code."""
    result = {}
    for step in STEPS:
        start, end = first_of(moments, step.start), first_of(moments, step.end)
        if start is not None and end is not None:
            result[step.code] = between(step, start, end)
    return result


def milestones_of(case) -> list[Moment]:
    """The case's typed milestones, from its prefetched timeline. Where the timeline has no
    outbreak or first-statement milestone, the case's outbreak date and the entry of kind
    "first statement" stand in (older records have only those)."""
    moments = [
        Moment(
            milestone=e.milestone,
            day=e.date,
            precision=e.date_precision,
            time=e.time,
            tz=e.tz,
            derived=e.derived,
            ref=e.position,
        )
        for e in case.timeline.all()
        if e.milestone and e.date is not None
    ]
    have = {m.milestone for m in moments}
    if "outbreak" not in have and case.outbreak_date is not None:
        moments.append(Moment("outbreak", case.outbreak_date, case.outbreak_precision))
    if "first_statement" not in have:
        for e in case.timeline.all():
            if e.kind == "first_statement" and e.date is not None:
                moments.append(Moment("first_statement", e.date, e.date_precision, ref=e.position))
                break
    return sorted(moments, key=Moment.sort_key)


def period_end(moment: Moment) -> date:
    """The last day of the period a moment stands for (31 December for a year)."""
    if moment.precision == YEAR:
        return date(moment.day.year, 12, 31)
    if moment.precision == MONTH:
        return moment.day.replace(day=calendar.monthrange(moment.day.year, moment.day.month)[1])
    return moment.day


def median(values: list[float]) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def hours_label(hours: float) -> str:
    """A length in hours, in words, for medians and axes: "3 h", "2 days", "5 months"."""
    sign = "−" if hours < 0 else ""
    hours = abs(hours)
    if hours < 48:
        return f"{sign}{_('%(h)d h') % {'h': round(hours)}}"
    days = hours / 24
    if days < 60:
        return sign + ngettext("%(n)d day", "%(n)d days", round(days)) % {"n": round(days)}
    months = days / 30
    if months < 24:
        return sign + ngettext("%(n)d month", "%(n)d months", round(months)) % {"n": round(months)}
    years = days / 365
    return sign + ngettext("%(n)d year", "%(n)d years", round(years)) % {"n": round(years)}


def compare_with_deadline(interval: Interval, deadline_hours: float) -> str:
    """ "within" / "longer" / "unclear" for an interval against a legal clock in hours.

    Arithmetic on dates, not a legal finding: a day-precise interval of N days lies between
    N−1 and N+1 days of elapsed time, so it is "unclear" when the clock falls in that band."""
    if interval.minutes is not None:
        return "within" if interval.minutes <= deadline_hours * 60 else "longer"
    if interval.days is not None:
        low, high = (interval.days - 1) * 24, (interval.days + 1) * 24
    elif interval.months is not None:
        low, high = (interval.months - 1) * 28 * 24, (interval.months + 1) * 31 * 24
    else:
        low, high = ((interval.years or 0) - 1) * 365 * 24, ((interval.years or 0) + 1) * 366 * 24
    if high <= deadline_hours:
        return "within"
    if low > deadline_hours:
        return "longer"
    return "unclear"
