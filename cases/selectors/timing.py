"""Response speed: how long after the outbreak an organisation first spoke and acted.

Dates in the corpus are partial (a year, a month or a day). A delay is only computed between two
day-precise dates; anything coarser gives None, shown as "unknown" rather than a made-up figure.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

DAY = "day"


@dataclass(frozen=True)
class Delay:
    days: int | None
    reason: str = ""  # why there is no figure: "missing" or "imprecise"

    @property
    def known(self) -> bool:
        return self.days is not None

    @property
    def before_outbreak(self) -> bool:
        """The organisation spoke before the crisis broke in the press (a pre-emptive move)."""
        return self.days is not None and self.days < 0

    @property
    def magnitude(self) -> int | None:
        return None if self.days is None else abs(self.days)


def delay_between(start: date | None, start_precision: str, end: date | None, end_precision: str):
    """Whole days from `start` to `end`, or a Delay without days when a date is missing/coarse."""
    if start is None or end is None:
        return Delay(None, "missing")
    if start_precision != DAY or end_precision != DAY:
        return Delay(None, "imprecise")
    return Delay((end - start).days)


def first_statement(case):
    """The case's first public statement from its (prefetched) timeline, or None."""
    for event in case.timeline.all():
        if event.kind == "first_statement":
            return event
    return None


def first_response_delay(case) -> Delay:
    statement = first_statement(case)
    if statement is None:
        return Delay(None, "missing")
    return delay_between(
        case.outbreak_date, case.outbreak_precision, statement.date, statement.date_precision
    )
