"""Deadline arithmetic: when a legal deadline falls, in a reader's time zone, and which playbook
phase it belongs to. Pure functions, no database.

- **hours** are elapsed time: 72 hours are 72 real hours, so across a daylight-saving change the
  wall-clock time of the deadline moves by an hour (computed in UTC, shown in the zone).
- **days** are calendar days: the same wall-clock time N days later in the zone (the earliest
  reading; some laws count to the end of the last day).
- **business days** skip Saturdays and Sundays only (not public holidays or make-up working
  days): the same wall-clock time on the Nth weekday after the start.
- **without delay** is due at once: the deadline is the start itself, shown as "immediately".
- **none**: the provision sets no deadline.

A wall-clock result that does not exist in the zone (inside a spring-forward gap) is moved
forward by the gap, as the clocks are.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo


class Unit(StrEnum):
    HOURS = "hours"
    DAYS = "days"
    BUSINESS_DAYS = "business_days"
    WITHOUT_DELAY = "without_delay"
    NONE = "none"


TIMED_UNITS = (Unit.HOURS, Unit.DAYS, Unit.BUSINESS_DAYS)

# The playbook rule: a deadline up to 72 hours (or "without delay") is a step of the immediate
# phase; up to 30 days, of containment; longer, of recovery. Business days count as 24 hours each
# here (their nominal length), so "2 working days" is immediate and "4 business days" containment.
IMMEDIATE_LIMIT = timedelta(hours=72)
CONTAINMENT_LIMIT = timedelta(days=30)


def normalise(moment: datetime) -> datetime:
    """An aware datetime as the zone's clocks show it (fixes times inside a DST gap)."""
    return moment.astimezone(UTC).astimezone(moment.tzinfo)


def add_business_days(day: date, count: int) -> date:
    """The `count`th weekday after `day` (Saturdays and Sundays skipped)."""
    result = day
    remaining = count
    while remaining > 0:
        result += timedelta(days=1)
        if result.weekday() < 5:
            remaining -= 1
    return result


def deadline_at(start: datetime, amount: int | None, unit: str) -> datetime | None:
    """When a deadline of `amount` `unit` counted from `start` (aware) falls, in start's zone.

    None when the provision sets no deadline; `start` itself for "without delay".
    """
    if start.tzinfo is None:
        raise ValueError("start must be an aware datetime")
    unit = Unit(unit)
    if unit == Unit.NONE:
        return None
    if unit == Unit.WITHOUT_DELAY:
        return normalise(start)
    if amount is None or amount < 1:
        raise ValueError(f"a deadline in {unit} needs a positive amount")
    zone = start.tzinfo
    if unit == Unit.HOURS:
        return (start.astimezone(UTC) + timedelta(hours=amount)).astimezone(zone)
    local = normalise(start)
    if unit == Unit.DAYS:
        day = local.date() + timedelta(days=amount)
    else:
        day = add_business_days(local.date(), amount)
    wall = datetime.combine(day, local.timetz().replace(tzinfo=None), tzinfo=zone)
    return normalise(wall)


def nominal_length(amount: int | None, unit: str) -> timedelta | None:
    """A deadline's length for ordering and the playbook rule (business days as 24 h each)."""
    unit = Unit(unit)
    if unit == Unit.NONE:
        return None
    if unit == Unit.WITHOUT_DELAY:
        return timedelta(0)
    if unit == Unit.HOURS:
        return timedelta(hours=amount or 0)
    return timedelta(days=amount or 0)


def playbook_phase(amount: int | None, unit: str) -> str | None:
    """The playbook phase a deadline falls in (see IMMEDIATE_LIMIT); None without a deadline."""
    length = nominal_length(amount, unit)
    if length is None:
        return None
    if length <= IMMEDIATE_LIMIT:
        return "immediate"
    if length <= CONTAINMENT_LIMIT:
        return "containment"
    return "recovery"


def zone(name: str) -> ZoneInfo:
    """The IANA zone `name` (raises ValueError or ZoneInfoNotFoundError when it is not one)."""
    return ZoneInfo(name)
