"""The response-time model (cases.response_time): pure arithmetic, no database."""

from datetime import date, time

import pytest
from django.utils import translation

from cases import response_time as rt


def m(milestone, day, precision="day", at=None, tz="", derived=False):
    return rt.Moment(milestone, day, precision, at, tz, derived)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def step(code):
    return rt.STEPS_BY_CODE[code]


def test_two_timed_moments_give_hours_and_minutes():
    start = m("outbreak", date(2024, 7, 19), at=time(4, 9), tz="UTC")
    end = m("first_statement", date(2024, 7, 19), at=time(6, 19), tz="UTC")
    interval = rt.between(step("statement"), start, end)
    assert (interval.precision, interval.minutes) == ("minute", 130)
    assert interval.label == "2 h 10 min"


def test_time_zones_are_respected():
    # 09:00 in New York (UTC-4 in July) is 13:00 UTC: 30 minutes after 12:30 UTC.
    start = m("outbreak", date(2024, 7, 19), at=time(12, 30), tz="UTC")
    end = m("first_statement", date(2024, 7, 19), at=time(9, 0), tz="America/New_York")
    assert rt.between(step("statement"), start, end).minutes == 30


def test_a_daylight_saving_change_in_between_is_real_elapsed_time():
    # Europe/Berlin springs forward on 29 March 2026: 00:00 → 12:00 wall time is 11 real hours.
    start = m("outbreak", date(2026, 3, 29), at=time(0, 0), tz="Europe/Berlin")
    end = m("first_statement", date(2026, 3, 29), at=time(12, 0), tz="Europe/Berlin")
    assert rt.between(step("statement"), start, end).label == "11 h"
    # ... and falls back on 25 October 2026: 25 real hours.
    start = m("outbreak", date(2026, 10, 24), at=time(12, 0), tz="Europe/Berlin")
    end = m("first_statement", date(2026, 10, 25), at=time(12, 0), tz="Europe/Berlin")
    assert rt.between(step("statement"), start, end).minutes == 25 * 60


def test_a_time_without_a_zone_counts_as_its_day():
    start = m("outbreak", date(2024, 7, 19), at=time(4, 9), tz="UTC")
    end = m("first_statement", date(2024, 7, 19), at=time(9, 7))  # zone not stated
    interval = rt.between(step("statement"), start, end)
    assert interval.precision == "day" and interval.label == "the same day"


def test_day_precision_counts_days_equifax_disclosed_40_days_after_discovery():
    start = m("discovered", date(2017, 7, 29))
    end = m("disclosed", date(2017, 9, 7))
    interval = rt.between(step("disclosure"), start, end)
    assert (interval.precision, interval.days, interval.label) == ("day", 40, "40 days")


def test_never_more_precise_than_the_less_precise_end():
    start = m("began", date(2017, 5, 1), precision="month")
    end = m("discovered", date(2017, 7, 29), at=time(10, 0), tz="UTC")
    interval = rt.between(step("detection"), start, end)
    assert (interval.precision, interval.months, interval.days) == ("month", 2, None)
    assert interval.label == "about 2 months"
    same = rt.between(step("detection"), start, m("discovered", date(2017, 5, 20)))
    assert same.label == "the same month"
    years = rt.between(step("detection"), m("began", date(2012, 1, 1), "year"), end)
    assert years.label == "about 5 years"


def test_a_statement_before_the_outbreak_reads_as_such():
    start = m("outbreak", date(2020, 4, 2))
    end = m("first_statement", date(2020, 2, 3))
    interval = rt.between(step("statement"), start, end)
    assert interval.negative and interval.label == "59 days before"


def test_missing_ends_give_no_interval():
    moments = [m("outbreak", date(2020, 1, 1)), m("apology", date(2020, 1, 3))]
    found = rt.intervals(moments)
    assert set(found) == {"apology"}
    assert found["apology"].days == 2
    assert "statement" not in found and "disclosure" not in found


def test_the_first_of_repeated_milestones_counts():
    moments = [
        m("outbreak", date(2020, 1, 1)),
        m("apology", date(2020, 1, 9)),
        m("apology", date(2020, 1, 3)),
    ]
    assert rt.intervals(moments)["apology"].days == 2


def test_derived_ends_make_a_derived_interval():
    interval = rt.between(
        step("apology"),
        m("outbreak", date(2010, 1, 21)),
        m("apology", date(2010, 1, 29), derived=True),
    )
    assert interval.derived


def test_long_timed_intervals_switch_to_days_and_hours():
    start = m("discovered", date(2024, 1, 1), at=time(0, 0), tz="UTC")
    end = m("regulator_notified", date(2024, 1, 4), at=time(6, 0), tz="UTC")
    assert rt.between(step("regulator"), start, end).label == "3 d 6 h"


@pytest.mark.parametrize(
    "interval_kwargs, hours, verdict",
    [
        ({"minutes": 60 * 71}, 72, "within"),
        ({"minutes": 60 * 73}, 72, "longer"),
        ({"days": 40}, 72, "longer"),  # Equifax against GDPR's 72 hours
        ({"days": 3}, 72, "unclear"),  # three calendar days may be 48 to 96 hours
        ({"days": 2}, 72, "within"),  # two calendar days are at most 72 hours
        ({"days": 1}, 72, "within"),
        ({"months": 2}, 24, "longer"),
    ],
)
def test_comparison_with_a_legal_clock_respects_precision(interval_kwargs, hours, verdict):
    start, end = m("discovered", date(2020, 1, 1)), m("regulator_notified", date(2020, 1, 2))
    precision = next(iter(interval_kwargs)).rstrip("s")
    interval = rt.Interval(step("regulator"), start, end, precision, **interval_kwargs)
    assert rt.compare_with_deadline(interval, hours) == verdict


def test_median_and_hours_label():
    assert rt.median([]) is None
    assert rt.median([3.0, 1.0, 2.0]) == 2.0
    assert rt.median([1.0, 2.0, 3.0, 10.0]) == 2.5
    assert rt.hours_label(5) == "5 h"
    assert rt.hours_label(24 * 40) == "40 days"
    assert rt.hours_label(24 * 30 * 5) == "5 months"
    assert rt.hours_label(-24 * 3) == "−3 days"


def test_the_period_a_partial_date_stands_for():
    assert rt.period_end(m("x", date(2018, 2, 1), "month")) == date(2018, 2, 28)
    assert rt.period_end(m("x", date(2018, 1, 1), "year")) == date(2018, 12, 31)
