"""Deadline arithmetic: when a legal deadline falls, in a reader's time zone, and which playbook
phase it belongs to. Pure functions, no database.

- **hours** are elapsed time: 72 hours are 72 real hours, so across a daylight-saving change the
  wall-clock time of the deadline moves by an hour (computed in UTC, shown in the zone).
- **months** are calendar months: the same wall-clock time on the same day N months later (the
  last day of the month when that day does not exist: 31 January + 1 month = 28/29 February).
- **days** are calendar days: the same wall-clock time N days later in the zone (the earliest
  reading; some laws count to the end of the last day).
- **business days** skip Saturdays, Sundays and the public holidays of the provision's
  jurisdiction (the `holidays` package; China's make-up working days, weekend days worked in
  exchange for a holiday, count as business days): the same wall-clock time on the Nth
  business day after the start. `business_deadline` also says which holidays it skipped.
- **without delay** is due at once: the deadline is the start itself, shown as "immediately".
- **none**: the provision sets no deadline.

A wall-clock result that does not exist in the zone (inside a spring-forward gap) is moved
forward by the gap, as the clocks are.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays as holiday_calendars


class Unit(StrEnum):
    HOURS = "hours"
    DAYS = "days"
    MONTHS = "months"
    BUSINESS_DAYS = "business_days"
    WITHOUT_DELAY = "without_delay"
    NONE = "none"


TIMED_UNITS = (Unit.HOURS, Unit.DAYS, Unit.BUSINESS_DAYS, Unit.MONTHS)

# The playbook rule: a deadline up to 72 hours (or "without delay") is a step of the immediate
# phase; up to 30 days, of containment; longer, of recovery. Business days count as 24 hours each
# here (their nominal length), so "2 working days" is immediate and "4 business days" containment.
IMMEDIATE_LIMIT = timedelta(hours=72)
CONTAINMENT_LIMIT = timedelta(days=30)


def normalise(moment: datetime) -> datetime:
    """An aware datetime as the zone's clocks show it (fixes times inside a DST gap)."""
    return moment.astimezone(UTC).astimezone(moment.tzinfo)


@lru_cache(maxsize=64)
def holiday_calendar(code: str, language: str = "en_US"):
    """The public holidays of an ISO 3166 code ("US", "CN", "US-CA", "GB"), or None when the
    `holidays` package has no calendar for it. `language` names the holidays ("zh_CN")."""
    if not code:
        return None
    country, _sep, subdiv = code.partition("-")
    try:
        return holiday_calendars.country_holidays(
            country, subdiv=subdiv or None, language=language
        )
    except (NotImplementedError, KeyError):
        return None


@dataclass(frozen=True)
class Skipped:
    day: date
    name: str


def add_business_days(day: date, count: int, calendar=None) -> tuple[date, list[Skipped]]:
    """The `count`th business day after `day`, and the public holidays skipped on the way.

    Without a calendar, Saturdays and Sundays are skipped; with one, its own working-day rule
    (weekends, holidays and, for China, weekend days worked in exchange) decides."""
    result = day
    remaining = count
    skipped: list[Skipped] = []
    while remaining > 0:
        result += timedelta(days=1)
        if calendar is None:
            working = result.weekday() < 5
        else:
            working = calendar.is_working_day(result)
            if not working and result in calendar:
                skipped.append(Skipped(result, calendar.get(result)))
        if working:
            remaining -= 1
    return result, skipped


@dataclass(frozen=True)
class Due:
    at: datetime | None
    skipped: tuple[Skipped, ...] = ()


def business_deadline(start: datetime, amount: int | None, unit: str, calendar=None) -> Due:
    """`deadline_at`, with the holidays a business-day count skipped."""
    if Unit(unit) != Unit.BUSINESS_DAYS:
        return Due(deadline_at(start, amount, unit))
    if start.tzinfo is None:
        raise ValueError("start must be an aware datetime")
    if amount is None or amount < 1:
        raise ValueError("a deadline in business_days needs a positive amount")
    local = normalise(start)
    day, skipped = add_business_days(local.date(), amount, calendar)
    wall = datetime.combine(day, local.timetz().replace(tzinfo=None), tzinfo=start.tzinfo)
    return Due(normalise(wall), tuple(skipped))


def deadline_at(start: datetime, amount: int | None, unit: str, calendar=None) -> datetime | None:
    """When a deadline of `amount` `unit` counted from `start` (aware) falls, in start's zone.

    None when the provision sets no deadline; `start` itself for "without delay". Business
    days skip `calendar`'s holidays when one is given (see holiday_calendar).
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
    elif unit == Unit.MONTHS:
        day = add_months(local.date(), amount)
    else:
        day, _skipped = add_business_days(local.date(), amount, calendar)
    wall = datetime.combine(day, local.timetz().replace(tzinfo=None), tzinfo=zone)
    return normalise(wall)


def add_months(day: date, count: int) -> date:
    """The same day `count` calendar months later, or that month's last day."""
    month_index = day.month - 1 + count
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def nominal_length(amount: int | None, unit: str) -> timedelta | None:
    """A deadline's length for ordering and the playbook rule (business days as 24 h each)."""
    unit = Unit(unit)
    if unit == Unit.NONE:
        return None
    if unit == Unit.WITHOUT_DELAY:
        return timedelta(0)
    if unit == Unit.HOURS:
        return timedelta(hours=amount or 0)
    if unit == Unit.MONTHS:
        return timedelta(days=30 * (amount or 0))
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
