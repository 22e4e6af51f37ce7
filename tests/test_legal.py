"""Legal duties: deadline arithmetic, the fixture's integrity, the pages, the clock's form, the
case panel and the playbooks' legal steps, and query counts that do not grow with the data."""

import json
import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from cases.models import CrisisType
from cases.selectors.playbook import playbook_clock
from core.fixtures import FixtureError, run_units
from legal import deadlines
from legal.models import Deadline, Jurisdiction, LegalFact, LegalProvision, LegalSource
from legal.services import legal_fixture_units, legal_units

BERLIN = ZoneInfo("Europe/Berlin")
SHANGHAI = ZoneInfo("Asia/Shanghai")
FACT_FILES = [
    Path(settings.BASE_DIR) / "fixtures" / "facts" / name
    for name in ("legal-obligations.json", "legal-obligations-2.json")
]


def _fact_entries() -> list[dict]:
    return [e for path in FACT_FILES for e in json.loads(path.read_text(encoding="utf-8"))]


def legal_load(*, data: dict) -> int:
    return run_units(legal_units(data=data, source="test")).changes


DATA_LEAK_CASE = "/en/cases/social-platform-data-leak-2018/"
CLOCK = "/en/legal/clock/"


def berlin(*args) -> datetime:
    return datetime(*args, tzinfo=BERLIN)


# --- deadline arithmetic (no database) ----------------------------------------------------


def test_72_hours_across_a_weekend():
    start = berlin(2026, 6, 5, 17, 0)  # a Friday in summer time
    due = deadlines.deadline_at(start, 72, "hours")
    assert due == berlin(2026, 6, 8, 17, 0)
    assert due.strftime("%A") == "Monday"


def test_72_hours_across_the_spring_clock_change_are_72_real_hours():
    # Europe/Berlin moves to summer time on the last Sunday of March (29 March 2026).
    start = berlin(2026, 3, 27, 9, 0)  # Friday 09:00 CET (UTC+1)
    due = deadlines.deadline_at(start, 72, "hours")
    assert (due.year, due.month, due.day, due.hour, due.minute) == (2026, 3, 30, 10, 0)
    assert due.tzname() == "CEST"
    assert due.astimezone(UTC) - start.astimezone(UTC) == timedelta(hours=72)


def test_72_hours_across_the_autumn_clock_change_are_72_real_hours():
    # ... and back to standard time on the last Sunday of October (25 October 2026).
    start = berlin(2026, 10, 23, 9, 0)  # Friday 09:00 CEST (UTC+2)
    due = deadlines.deadline_at(start, 72, "hours")
    assert (due.day, due.hour, due.tzname()) == (26, 8, "CET")
    assert due.astimezone(UTC) - start.astimezone(UTC) == timedelta(hours=72)


def test_the_same_moment_in_another_time_zone_gives_the_same_instant():
    start = berlin(2026, 3, 27, 9, 0)
    in_shanghai = start.astimezone(SHANGHAI)  # 16:00 CST
    due_berlin = deadlines.deadline_at(start, 72, "hours")
    due_shanghai = deadlines.deadline_at(in_shanghai, 72, "hours")
    assert due_berlin == due_shanghai  # the same instant
    assert (due_shanghai.day, due_shanghai.hour) == (30, 16)  # China keeps no summer time
    assert due_shanghai.tzinfo is SHANGHAI


def test_four_business_days_from_a_friday_skip_the_weekend():
    start = berlin(2026, 3, 27, 10, 0)  # Friday
    due = deadlines.deadline_at(start, 4, "business_days")
    assert due.date() == date(2026, 4, 2)  # Thursday
    assert due.strftime("%A") == "Thursday"
    assert (due.hour, due.minute) == (10, 0)  # the same wall-clock time, in summer time now
    assert due.tzname() == "CEST"


def test_business_days_from_a_weekend_start_on_monday():
    def add(day, n):
        return deadlines.add_business_days(day, n)[0]

    assert add(date(2026, 3, 28), 1) == date(2026, 3, 30)  # Sat -> Mon
    assert add(date(2026, 3, 29), 4) == date(2026, 4, 2)  # Sun -> Thu
    assert add(date(2026, 3, 27), 2) == date(2026, 3, 31)  # Fri -> Tue


def test_business_days_skip_the_jurisdiction_s_public_holidays():
    us = deadlines.holiday_calendar("US")
    # Wednesday 24 December 2025 + 4 business days: Christmas Day skipped.
    day, skipped = deadlines.add_business_days(date(2025, 12, 24), 4, us)
    assert day == date(2025, 12, 31)
    assert [(s.day, s.name) for s in skipped] == [(date(2025, 12, 25), "Christmas Day")]
    # Without a calendar, weekends only.
    assert deadlines.add_business_days(date(2025, 12, 24), 4)[0] == date(2025, 12, 30)


def test_china_s_make_up_working_days_count_and_its_holidays_are_skipped():
    cn = deadlines.holiday_calendar("CN")
    # Friday 27 September 2024 + 4: Sunday 29 September was a make-up working day (1), Monday
    # 30 September (2), the National Day holiday 1-7 October skipped, 8 and 9 October (3, 4).
    day, skipped = deadlines.add_business_days(date(2024, 9, 27), 4, cn)
    assert day == date(2024, 10, 9)
    assert [s.day for s in skipped] == [date(2024, 10, d) for d in (1, 2, 3, 4, 7)]


def test_holiday_names_follow_the_language():
    zh = deadlines.holiday_calendar("CN", "zh_CN")
    assert zh.get(date(2024, 10, 1)) == "国庆节"
    assert deadlines.holiday_calendar("") is None


def test_a_business_deadline_keeps_the_wall_clock_time_and_lists_the_holidays():
    start = datetime(2025, 12, 24, 9, 0, tzinfo=ZoneInfo("America/New_York"))
    due = deadlines.business_deadline(start, 4, "business_days", deadlines.holiday_calendar("US"))
    assert due.at == datetime(2025, 12, 31, 9, 0, tzinfo=ZoneInfo("America/New_York"))
    assert [s.day for s in due.skipped] == [date(2025, 12, 25)]
    hours = deadlines.business_deadline(start, 72, "hours")
    assert hours.skipped == () and hours.at.day == 27


def test_calendar_days_keep_the_wall_clock_time_across_a_clock_change():
    start = berlin(2026, 3, 20, 9, 30)
    due = deadlines.deadline_at(start, 30, "days")
    assert due == berlin(2026, 4, 19, 9, 30)
    assert due.tzname() == "CEST"


def test_without_delay_is_immediate_and_none_has_no_deadline():
    start = berlin(2026, 3, 27, 9, 0)
    assert deadlines.deadline_at(start, None, "without_delay") == start
    assert deadlines.deadline_at(start, None, "none") is None


def test_a_time_inside_the_spring_gap_moves_forward_like_the_clocks():
    start = berlin(2026, 3, 29, 2, 30)  # does not exist in Berlin
    normalised = deadlines.normalise(start)
    assert (normalised.hour, normalised.minute, normalised.tzname()) == (3, 30, "CEST")


def test_deadline_arithmetic_refuses_bad_input():
    with pytest.raises(ValueError):
        deadlines.deadline_at(datetime(2026, 3, 27, 9, 0), 72, "hours")  # naive
    with pytest.raises(ValueError):
        deadlines.deadline_at(berlin(2026, 3, 27, 9, 0), None, "hours")
    with pytest.raises(ValueError):
        deadlines.deadline_at(berlin(2026, 3, 27, 9, 0), 3, "fortnights")


@pytest.mark.parametrize(
    "amount, unit, phase",
    [
        (None, "without_delay", "immediate"),
        (1, "hours", "immediate"),
        (72, "hours", "immediate"),
        (73, "hours", "containment"),
        (2, "business_days", "immediate"),
        (4, "business_days", "containment"),
        (30, "days", "containment"),
        (31, "days", "recovery"),
        (None, "none", None),
    ],
)
def test_the_playbook_phase_rule(amount, unit, phase):
    assert deadlines.playbook_phase(amount, unit) == phase


def test_model_units_are_the_arithmetic_units():
    # "none" is no Deadline row at all.
    assert {c.value for c in Deadline.Unit} == {u.value for u in deadlines.Unit} - {"none"}


# --- the fixture --------------------------------------------------------------------------


@pytest.mark.usefixtures("corpus")
@pytest.mark.django_db
def test_every_entry_of_the_facts_files_is_a_provision():
    keys = {entry["key"] for entry in _fact_entries()}
    assert len(keys) == len(_fact_entries())
    assert set(LegalProvision.objects.values_list("slug", flat=True)) == keys


@pytest.mark.usefixtures("corpus")
@pytest.mark.django_db
def test_every_provision_has_a_source_and_a_crisis_type():
    assert LegalProvision.objects.count() == len(_fact_entries())
    assert not LegalProvision.objects.filter(sources=None).exists()
    assert not LegalProvision.objects.filter(crisis_types=None).exists()
    assert not LegalProvision.objects.filter(duty_sources=None).exists()


@pytest.mark.usefixtures("corpus")
@pytest.mark.django_db
def test_every_fact_cites_sources_of_its_own_provision():
    for fact in LegalFact.objects.filter(kind=LegalFact.Kind.FACT).prefetch_related("sources"):
        sources = list(fact.sources.all())
        assert sources, fact
        assert all(s.provision_id == fact.provision_id for s in sources), fact


@pytest.mark.usefixtures("corpus")
@pytest.mark.django_db
def test_provisions_are_written_in_both_languages():
    fields = ("title", "law_name", "law_short", "article", "who", "what", "penalty_text")
    for provision in LegalProvision.objects.all():
        for name in fields:
            assert getattr(provision, f"{name}_en"), (provision.slug, name)
            assert getattr(provision, f"{name}_zh_hans"), (provision.slug, name)
    for clock in Deadline.objects.all():
        assert clock.trigger_en and clock.trigger_zh_hans, clock.pk
    for fact in LegalFact.objects.all():
        assert fact.text_en and fact.text_zh_hans, fact.pk


@pytest.mark.usefixtures("corpus")
@pytest.mark.django_db
def test_the_file_s_crisis_types_map_to_the_knowledge_base_s():
    for slug in ("cybersecurity-incident", "counterfeit", "false-advertising"):
        crisis_type = CrisisType.objects.get(slug=slug)
        assert crisis_type.name_en and crisis_type.name_zh_hans
    gdpr = LegalProvision.objects.get(slug="eu-gdpr-art33-breach-notification-authority")
    assert set(gdpr.crisis_types.values_list("slug", flat=True)) == {
        "data-leak",
        "cybersecurity-incident",
    }


@pytest.mark.usefixtures("corpus")
@pytest.mark.django_db
def test_deadlines_are_data():
    def clocks(slug):
        return [(d.amount, d.unit) for d in Deadline.objects.filter(provision__slug=slug)]

    gdpr = LegalProvision.objects.get(slug="eu-gdpr-art33-breach-notification-authority")
    assert clocks(gdpr.slug) == [(72, "hours")]
    assert gdpr.penalty_max_amount == 10_000_000 and gdpr.penalty_currency == "eur"
    assert clocks("us-sec-form-8k-item-1-05-material-cyber-incident") == [(4, "business_days")]
    assert clocks("cn-pipl-art57-breach-remedy-and-notification") == [(None, "without_delay")]
    assert clocks("eu-gdpr-art83-fines") == []


@pytest.mark.usefixtures("corpus")
@pytest.mark.django_db
def test_the_cac_rule_has_a_clock_per_reporter_class():
    clocks = Deadline.objects.filter(
        provision__slug="cn-cac-cybersecurity-incident-reporting-measures-2025"
    ).select_related("reporter_class")
    assert {(d.reporter_class.slug, d.amount, d.unit) for d in clocks} == {
        ("cn-cii-operator", 1, "hours"),
        ("cn-state-organ", 2, "hours"),
        ("cn-other-operator", 4, "hours"),
    }


@pytest.mark.usefixtures("corpus")
@pytest.mark.django_db
def test_loading_the_legal_fixture_twice_changes_nothing():
    report = run_units(legal_fixture_units(fixtures=settings.CRISISKB_FIXTURES))
    assert report.changes == 0 and not report.kept_edited


def _fixture_with(**changes) -> dict:
    data = json.loads((Path(settings.CRISISKB_FIXTURES) / "legal.json").read_text("utf-8"))
    provision = data["provisions"][0]
    for key, value in changes.items():
        provision[key] = value
    data["provisions"] = [provision]
    return data


@pytest.mark.django_db
@pytest.mark.parametrize(
    "changes, message",
    [
        ({"crisis_types": ["no-such-type"]}, "unknown crisis type"),
        ({"crisis_types": []}, "at least one crisis type"),
        ({"sources": []}, "at least one source"),
        ({"jurisdiction": "atlantis"}, "unknown jurisdiction"),
        ({"deadlines": [{"unit": "hours"}]}, r"deadlines\[1\]\.amount: .*positive whole amount"),
        ({"deadlines": [{"unit": "without_delay", "amount": 3}]}, "takes no amount"),
        ({"deadlines": [{"amount": 3}]}, r"deadlines\[1\]\.unit: a deadline needs a unit"),
        ({"deadlines": [{"unit": "fortnights", "amount": 3}]}, "unknown deadline unit"),
        ({"deadlines": [{"unit": "hours", "amount": 1, "reporter_class": "x"}]}, "unknown class"),
    ],
)
@pytest.mark.usefixtures("corpus")
def test_the_loader_fails_loudly_on_a_bad_fixture(changes, message):
    with pytest.raises(FixtureError, match=message):
        legal_load(data=_fixture_with(**changes))


@pytest.mark.usefixtures("corpus")
@pytest.mark.django_db
def test_the_database_refuses_a_deadline_unit_without_its_amount():
    clock = Deadline.objects.get(provision__slug="eu-gdpr-art33-breach-notification-authority")
    clock.amount = None
    with pytest.raises(IntegrityError), transaction.atomic():
        clock.save()


@pytest.mark.usefixtures("corpus")
@pytest.mark.django_db
def test_the_database_refuses_a_fine_without_a_currency():
    provision = LegalProvision.objects.get(slug="eu-gdpr-art33-breach-notification-authority")
    provision.penalty_currency = ""
    with pytest.raises(IntegrityError), transaction.atomic():
        provision.save()


def test_cases_and_strategies_never_import_legal():
    root = Path(settings.BASE_DIR)
    pattern = re.compile(r"^\s*(from|import)\s+legal\b", re.MULTILINE)
    for app in ("cases", "strategies"):
        for path in (root / app).rglob("*.py"):
            assert not pattern.search(path.read_text(encoding="utf-8")), path


# --- the pages ----------------------------------------------------------------------------

LEGAL_PAGES = [
    "/{lang}/legal/",
    "/{lang}/legal/jurisdictions/eu/",
    "/{lang}/legal/jurisdictions/cn/",
    "/{lang}/legal/types/data-leak/",
    "/{lang}/legal/types/counterfeit/",
    "/{lang}/legal/provisions/eu-gdpr-art33-breach-notification-authority/",
    "/{lang}/legal/provisions/cn-case-context-wei-zexi-baidu-2016/",
    "/{lang}/legal/clock/",
    "/{lang}/legal/clock/?date=2026-03-27&time=09:00&tz=Europe/Berlin&type=data-leak"
    "&jurisdiction=eu&jurisdiction=cn",
]


@pytest.mark.usefixtures("corpus")
@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["en", "zh-hans"])
@pytest.mark.parametrize("page", LEGAL_PAGES)
def test_every_legal_page_renders_with_the_study_aid_note(client, page, lang):
    response = client.get(page.format(lang=lang))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="legal-disclaimer notice"' in html
    note = "Study aid, not legal advice." if lang == "en" else "学习辅助材料，不构成法律意见。"
    checked = "Provisions last checked on" if lang == "en" else "法规条文最近核对于"
    assert note in html and checked in html, (page, lang)


@pytest.mark.django_db
def test_the_header_links_to_legal_duties(client):
    html = client.get("/en/").content.decode()
    assert 'href="/en/legal/"' in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/en/legal/jurisdictions/atlantis/",
        "/en/legal/types/no-such-type/",
        "/en/legal/provisions/no-such-provision/",
    ],
)
def test_unknown_legal_slugs_give_a_404(client, url):
    assert client.get(url).status_code == 404


@pytest.mark.usefixtures("corpus")
@pytest.mark.django_db
def test_the_provision_page_numbers_its_sources(client):
    html = client.get(
        "/en/legal/provisions/eu-gdpr-art33-breach-notification-authority/"
    ).content.decode()
    assert 'id="source-1"' in html and 'id="source-11"' in html
    assert 'href="#source-1"' in html
    assert "72 hours after becoming aware of the breach" in html
    assert "Caveats" in html  # the Digital Omnibus note
    assert "€10 million · 2% of annual turnover" in html


@pytest.mark.usefixtures("corpus")
@pytest.mark.django_db
def test_the_provision_page_in_chinese(client):
    html = client.get(
        "/zh-hans/legal/provisions/eu-gdpr-art33-breach-notification-authority/"
    ).content.decode()
    assert "向监管机构通报个人数据泄露" in html
    assert "知悉泄露后72小时内" in html


# --- the deadline clock -------------------------------------------------------------------

VALID = {
    "date": "2026-03-27",
    "time": "09:00",
    "tz": "Europe/Berlin",
    "type": "data-leak",
    "jurisdiction": ["eu", "cn"],
}


def _clock_rows(html: str) -> list[str]:
    return re.findall(r"<tr class=\"[^\"]*\">(.*?)</tr>", html, re.S)


@pytest.mark.usefixtures("corpus")
@pytest.mark.django_db
def test_the_clock_lists_every_deadline_sorted_and_linked(client):
    response = client.get(CLOCK, VALID)
    assert response.status_code == 200
    html = response.content.decode()
    rows = _clock_rows(html)
    expected = Deadline.objects.filter(
        provision__crisis_types__slug="data-leak",
        provision__jurisdiction__code__in=["eu", "cn"],
        provision__kind="provision",
        provision__in_force=True,
    ).exclude(provision__effective_date__gt=date(2026, 3, 27))
    assert len(rows) == expected.count() > 6
    # "Without delay" first, shown as immediate, then by time.
    immediate = [r for r in rows if "Immediately" in r]
    assert rows[: len(immediate)] == immediate
    moments = [re.search(r'datetime="([^"]+)"', r).group(1) for r in rows[len(immediate) :]]
    assert moments == sorted(moments, key=datetime.fromisoformat)
    # The CAC's clocks by reporter class, each labelled: 1, 2 and 4 hours.
    cac = [r for r in rows if "cn-cac-cybersecurity-incident-reporting-measures-2025/" in r]
    assert len(cac) == 3
    for row, hour in zip(cac, ["10:00", "11:00", "13:00"], strict=True):
        assert f"Fri 27 Mar 2026, {hour} CET" in row
    assert "Critical-information-infrastructure operator" in cac[0]
    gdpr = [
        r for r in rows if "/en/legal/provisions/eu-gdpr-art33-breach-notification-authority/" in r
    ]
    assert 'datetime="2026-03-30T10:00:00+02:00"' in gdpr[0]
    assert "Mon 30 Mar 2026, 10:00 CEST" in gdpr[0]
    # Penalty provisions have no deadline: listed apart.
    assert "Also in force, without a fixed deadline" in html


@pytest.mark.usefixtures("corpus")
@pytest.mark.django_db
@pytest.mark.parametrize(
    "reporter, hours",
    [("cn-cii-operator", "10:00"), ("cn-state-organ", "11:00"), ("cn-other-operator", "13:00")],
)
def test_the_cac_clock_follows_the_reporter_class(client, reporter, hours):
    html = client.get(CLOCK, {**VALID, "reporter": reporter}).content.decode()
    cac = [
        r
        for r in _clock_rows(html)
        if "cn-cac-cybersecurity-incident-reporting-measures-2025/" in r
    ]
    assert len(cac) == 1
    assert f"Fri 27 Mar 2026, {hours} CET" in cac[0]


@pytest.mark.usefixtures("corpus")
@pytest.mark.django_db
def test_a_reporter_of_an_unticked_jurisdiction_is_a_form_error(client):
    response = client.get(CLOCK, {**VALID, "jurisdiction": ["eu"], "reporter": "cn-cii-operator"})
    assert response.status_code == 400
    assert "tick that jurisdiction too" in response.content.decode()


@pytest.mark.usefixtures("corpus")
@pytest.mark.django_db
def test_two_reporters_of_one_jurisdiction_is_a_form_error(client):
    query = {**VALID, "reporter": ["cn-cii-operator", "cn-state-organ"]}
    response = client.get(CLOCK, query)
    assert response.status_code == 400
    assert "one reporter per jurisdiction" in response.content.decode()


@pytest.mark.usefixtures("corpus")
@pytest.mark.django_db
def test_an_sec_deadline_over_a_us_holiday_lands_a_business_day_later(client):
    # Wednesday 24 December 2025 + 4 business days: Christmas Day is skipped, so Wednesday
    # 31 December, not Tuesday 30 December.
    query = {
        "date": "2025-12-24",
        "time": "09:00",
        "tz": "America/New_York",
        "type": "data-leak",
        "jurisdiction": ["us"],
    }
    html = client.get(CLOCK, query).content.decode()
    sec = [r for r in _clock_rows(html) if "us-sec-form-8k-item-1-05-material-cyber-incident" in r]
    assert len(sec) == 1
    assert 'datetime="2025-12-31T09:00:00-05:00"' in sec[0]
    assert "Public holidays skipped:" in sec[0] and "Christmas Day" in sec[0]


@pytest.mark.usefixtures("corpus")
@pytest.mark.django_db
def test_the_clock_in_another_time_zone(client):
    html = client.get(CLOCK, {**VALID, "tz": "Asia/Shanghai", "time": "16:00"}).content.decode()
    assert "Mon 30 Mar 2026, 16:00 CST" in html


@pytest.mark.usefixtures("corpus")
@pytest.mark.django_db
def test_the_clock_counts_business_days_and_calendar_days(client):
    params = {**VALID, "date": "2026-03-27", "time": "10:00", "jurisdiction": ["us", "us-ca"]}
    html = client.get(CLOCK, params).content.decode()
    assert "Thu 2 Apr 2026, 10:00 CEST" in html  # SEC: four business days from a Friday
    assert "Sun 26 Apr 2026, 10:00 CEST" in html  # California: 30 calendar days


@pytest.mark.usefixtures("corpus")
@pytest.mark.django_db
def test_the_clock_leaves_out_provisions_not_yet_in_force(client):
    html = client.get(CLOCK, {**VALID, "date": "2019-06-01"}).content.decode()
    assert "Not yet in force on that date" in html
    results = html.split('id="clock-results"')[1]
    table = results.split("Not yet in force on that date")[0]
    assert "cn-pipl-art57" not in table  # PIPL: from 1 November 2021
    assert "eu-gdpr-art33" in table


@pytest.mark.usefixtures("corpus")
@pytest.mark.django_db
def test_a_link_with_only_type_and_jurisdictions_prefills_the_form(client):
    response = client.get(CLOCK, {"type": "data-leak", "jurisdiction": "cn"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="clock-results"' not in html
    assert 'class="form-errors"' not in html
    assert re.search(r'value="cn"[^>]*checked', html)
    assert re.search(r'<option value="data-leak" selected>', html)


@pytest.mark.usefixtures("corpus")
@pytest.mark.django_db
def test_the_clock_form_is_accessible(client):
    html = client.get(CLOCK).content.decode()
    for field in ("clock-date", "clock-time", "clock-tz", "clock-type"):
        assert f'<label for="{field}">' in html
    assert '<fieldset id="clock-jurisdictions"' in html and "<legend>" in html
    assert '<form class="clock-form" method="get"' in html


BAD_INPUT = [
    ({"time": ""}, "time", "Enter the time the crisis was discovered"),
    ({"time": "25:99"}, "time", "24-hour clock"),
    ({"date": ""}, "date", "Enter the date the crisis was discovered"),
    ({"date": "0001-01-01"}, "date", "Enter a date between 1970-01-01 and 2100-12-31"),
    ({"date": "99999-01-01"}, "date", "Enter a real date"),
    ({"date": "2026-02-30"}, "date", "Enter a real date"),
    ({"date": "1969-12-31"}, "date", "Enter a date between"),
    ({"tz": "Mars/Olympus_Mons"}, "tz", "is not a time zone the clock knows"),
    ({"tz": "../../etc/passwd"}, "tz", "is not a time zone the clock knows"),
    ({"tz": "Europe/Berlin\x00"}, "tz", ""),
    ({"tz": "x" * 500}, "tz", ""),
    ({"tz": ""}, "tz", "Enter a time zone"),
    ({"type": "no-such-type"}, "type", "That crisis type is unknown"),
    ({"type": "regulatory-action"}, "type", "That crisis type is unknown"),
    ({"jurisdiction": ["eu", "atlantis"]}, "jurisdiction", "Unknown jurisdiction: atlantis"),
    ({"jurisdiction": []}, "jurisdiction", "Tick at least one jurisdiction"),
    ({"jurisdiction": ["eu"] * 50}, "jurisdiction", ""),
]
FIELD_IDS = {
    "date": "clock-date",
    "time": "clock-time",
    "tz": "clock-tz",
    "type": "clock-type",
    "jurisdiction": "clock-jurisdictions",
}


@pytest.mark.usefixtures("corpus")
@pytest.mark.django_db
@pytest.mark.parametrize("changes, field, message", BAD_INPUT)
def test_bad_clock_input_is_a_clear_form_error_not_a_crash(client, changes, field, message):
    response = client.get(CLOCK, {**VALID, **changes})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="form-errors" role="alert"' in html
    assert 'id="clock-results"' not in html
    assert message in html
    # The error summary links to the field; the field points at its error message.
    assert f'href="#{FIELD_IDS[field]}"' in html
    error_id = "clock-jurisdiction-error" if field == "jurisdiction" else f"clock-{field}-error"
    assert f'id="{error_id}"' in html
    assert re.search(rf'aria-describedby="[^"]*\b{error_id}\b', html)


@pytest.mark.usefixtures("corpus")
@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        "?date=2026-03-27",
        "?tz=UTC",
        "?date[]=x&time=%00&tz=%ff%fe",
        "?date=2026-03-27&time=09:00&tz=UTC&type=data-leak&jurisdiction=" + "x" * 5000,
        "?date=2100-12-31&time=23:59&tz=Pacific/Kiritimati&type=data-leak&jurisdiction=us-ca",
        "?date=1970-01-01&time=00:00&tz=Etc/GMT%2B12&type=product-quality-service&jurisdiction=us",
    ],
)
def test_odd_clock_queries_never_fail(client, query):
    assert client.get(CLOCK + query).status_code in (200, 400)


# --- the case page and the playbooks ------------------------------------------------------


@pytest.mark.usefixtures("corpus")
@pytest.mark.django_db
def test_the_data_leak_case_shows_its_legal_duties_and_the_enforcement(client):
    html = client.get(DATA_LEAK_CASE).content.decode()
    assert 'href="#legal-duties"' in html
    panel = html.split('id="legal-duties"')[1].split("</section>")[0]
    assert "United States (federal)" in panel
    # Its countries (US, GB…) bring the UK's duties too, not only the US's.
    assert "United Kingdom" in panel
    assert "gb-uk-gdpr-art33-34-breach-notification" in panel
    assert "Came into force later" in panel  # SEC Item 1.05, December 2023
    assert "us-sec-form-8k-item-1-05-material-cyber-incident" in panel
    assert "FTC civil penalty" in panel and "UK ICO fine" in panel
    assert "Market value lost" not in panel  # not a fine
    assert "/en/legal/clock/?type=data-leak&amp;jurisdiction=gb&amp;jurisdiction=us" in panel
    assert 'href="/en/legal/types/data-leak/"' in panel


@pytest.mark.usefixtures("corpus")
@pytest.mark.django_db
def test_a_chinese_case_shows_the_duties_in_force_at_its_outbreak(client):
    html = client.get("/en/cases/weibo-user-data-leak-2020/").content.decode()
    panel = html.split('id="legal-duties"')[1].split("</section>")[0]
    in_force, later = panel.split("Came into force later")
    assert "cn-csl-art42-pi-breach-remedy-report" in in_force  # 2017
    assert "cn-pipl-art57-breach-remedy-and-notification" in later  # 2021
    assert "cn-dsl-art29-incident-response-and-art45-penalty" in later


@pytest.mark.usefixtures("corpus")
@pytest.mark.django_db
def test_a_precedent_shows_on_the_case_it_comes_from(client):
    html = client.get("/en/cases/baidu-wei-zexi-2016/").content.decode()
    assert "/en/legal/provisions/cn-case-context-wei-zexi-baidu-2016/" in html


def _window_titles(clock, window):
    return [
        i.action for w in clock.windows if w.code == window for i in w.items if i.kind == "legal"
    ]


@pytest.mark.usefixtures("corpus")
@pytest.mark.django_db
def test_the_data_leak_playbook_puts_legal_deadlines_in_their_hour():
    crisis_type = CrisisType.objects.get(slug="data-leak")
    clock = playbook_clock(crisis_type=crisis_type, user=None, params=QueryDict())
    hour = _window_titles(clock, "hour")
    three_days = _window_titles(clock, "72h")
    later = _window_titles(clock, "week") + _window_titles(clock, "after")
    assert "EU / EEA: Notify the supervisory authority of a personal data breach" in three_days
    assert any(t.startswith("China (PRC): Remedy a personal information leak") for t in hour)
    assert any(t.startswith("United States (federal): Disclose a material") for t in later)
    assert any(t.startswith("United States: California") for t in later)
    # Provisions without a deadline (fines) are not steps.
    every = [i.action for i in clock.items]
    assert not any("Administrative fines" in t for t in every)


@pytest.mark.usefixtures("corpus")
@pytest.mark.django_db
def test_the_playbook_clock_follows_the_chosen_jurisdictions_and_reporter(client):
    query = "date=2026-03-27&time=09:00&tz=Europe/Berlin&jurisdiction=cn&reporter=cn-cii-operator"
    html = client.get(f"/en/types/data-leak/playbook/?{query}").content.decode()
    assert "cn-cac-cybersecurity-incident-reporting-measures-2025/" in html
    assert "eu-gdpr-art33-breach-notification-authority/" not in html
    # The CII operator's clock (1 hour), not the others' (2 and 4 hours).
    assert "By Fri 27 Mar 2026, 10:00 CET" in html
    assert "(Any other network operator)" not in html


@pytest.mark.usefixtures("corpus")
@pytest.mark.django_db
def test_the_data_leak_playbook_page_shows_the_legal_steps(client):
    html = client.get("/en/types/data-leak/playbook/").content.decode()
    hour_to_72 = html.split('id="window-hour"')[1].split('id="window-week"')[0]
    assert "/en/legal/provisions/eu-gdpr-art33-breach-notification-authority/" in hour_to_72
    assert "/en/legal/provisions/cn-pipl-art57-breach-remedy-and-notification/" in hour_to_72
    assert "72 hours after becoming aware of the breach" in hour_to_72
    assert "Study aid, not legal advice" in html
    markdown = client.get("/en/types/data-leak/playbook.md").content.decode()
    assert "[Legal duty] **EU / EEA: Notify the supervisory authority" in markdown


# --- query counts -------------------------------------------------------------------------

# Exact counts on the corpus plus 3, then 60, made-up provisions (the case and admin pages are
# pinned in tests/test_query_counts.py).
QUERY_PAGES = {
    "index": ("/en/legal/", 4),
    "jurisdiction": ("/en/legal/jurisdictions/eu/", 5),
    "crisis type": ("/en/legal/types/data-leak/", 6),
    "provision": ("/en/legal/provisions/qc-provision-0/", 10),
    "clock": ("/en/legal/clock/?type=data-leak", 4),
    "clock results": (
        "/en/legal/clock/?date=2026-03-27&time=09:00&tz=UTC&type=data-leak&jurisdiction=eu",
        9,
    ),
    "playbook": ("/en/types/data-leak/playbook/", 10),
}


def _make_provisions(start, stop):
    eu = Jurisdiction.objects.get(code="eu")
    us = Jurisdiction.objects.get(code="us")
    data_leak = CrisisType.objects.get(slug="data-leak")
    for n in range(start, stop):
        provision = LegalProvision.objects.create(
            slug=f"qc-provision-{n}",
            jurisdiction=eu if n % 2 else us,
            title_en=f"Duty {n}",
            law_name_en="Law",
            law_short_en="Law",
            article_en=f"Art. {n}",
            who_en="Someone",
            what_en="Something",
            penalty_max_amount=1000,
            penalty_currency="eur",
            effective_date=date(2000, 1, 1),
            last_checked=date(2026, 11, 25),
        )
        provision.crisis_types.set([data_leak])
        Deadline.objects.create(provision=provision, position=1, amount=n + 1, unit="hours")
        for ref in (1, 2):
            LegalSource.objects.create(provision=provision, ref=ref, title=f"Source {ref}")
        fact = LegalFact.objects.create(provision=provision, position=1, text_en="A fact")
        fact.sources.set(provision.sources.all())
        provision.duty_sources.set(provision.sources.all())


def _count(client, url):
    client.get(url)  # warm caches (content types, translations)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


@pytest.mark.usefixtures("corpus")
@pytest.mark.django_db
@pytest.mark.parametrize("name", QUERY_PAGES)
def test_legal_query_counts_do_not_grow_with_the_number_of_provisions(client, settings, name):
    settings.CRISISKB_PAGE_CACHE_SECONDS = 0  # counted uncached
    url, expected = QUERY_PAGES[name]
    _make_provisions(0, 3)
    small = _count(client, url)
    _make_provisions(3, 60)
    large = _count(client, url)
    assert (small, large) == (expected, expected), (
        f"{name}: {small} with 3 provisions, {large} with 60"
    )


# --- the admin ----------------------------------------------------------------------------


@pytest.mark.usefixtures("corpus")
@pytest.mark.django_db
def test_curators_edit_provisions_in_the_admin(staff_client):
    provision = LegalProvision.objects.get(slug="eu-gdpr-art33-breach-notification-authority")
    for url in (
        "/admin/legal/legalprovision/",
        "/admin/legal/legalprovision/?jurisdiction__id__exact=1&in_force__exact=1",
        f"/admin/legal/legalprovision/{provision.pk}/change/",
        "/admin/legal/legalprovision/add/",
        "/admin/legal/jurisdiction/",
    ):
        assert staff_client.get(url).status_code == 200, url
    html = staff_client.get(f"/admin/legal/legalprovision/{provision.pk}/change/").content
    assert b"title_zh_hans" in html and b"sources-TOTAL_FORMS" in html
