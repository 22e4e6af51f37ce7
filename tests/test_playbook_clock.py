"""The playbook as a clock: curated steps and legal deadlines by when they are due, started at a
moment of discovery, printed, downloaded as Markdown and iCalendar."""

import re
from datetime import UTC, datetime

import pytest
from icalendar import Calendar

from cases.models import PlaybookStep

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("corpus")]

URL = "/en/types/data-leak/playbook/"
STARTED = {"date": "2026-03-27", "time": "09:00", "tz": "Europe/Berlin", "jurisdiction": "eu"}


def test_steps_are_curated_records_in_both_languages():
    steps = PlaybookStep.objects.all()
    assert steps.count() >= 40
    for step in steps:
        assert step.action_en and step.action_zh_hans, step.slug
    assert PlaybookStep.objects.filter(all_types=True).exists()


def test_the_page_lists_steps_by_window_with_continuous_numbers(client):
    html = client.get(URL).content.decode()
    starts = [int(n) for n in re.findall(r'<ol class="steps checklist" start="(\d+)">', html)]
    assert starts == sorted(starts) and starts[0] == 1
    for window in ("window-hour", "window-day", "window-72h", "window-week", "window-after"):
        assert f'id="{window}"' in html
    assert html.count("Study aid, not legal advice: check each deadline") == 1
    assert "data-print hidden" in html and "js/playbook-checklist" in html


def test_starting_the_clock_dates_every_step_in_the_reader_s_zone(client):
    html = client.get(URL, STARTED).content.decode()
    assert "Clock started: discovered Fri 27 Mar 2026, 09:00 CET" in html
    # A first-hour step is due by 10:00; GDPR's 72 hours fall after the clocks went forward.
    assert "By Fri 27 Mar 2026, 10:00 CET" in html
    assert "By Mon 30 Mar 2026, 10:00 CEST" in html


def test_the_icalendar_download_has_one_event_per_step_and_deadline(client):
    page = client.get(URL, STARTED).content.decode()
    items = len(re.findall(r'class="checklist-tick"', page))
    response = client.get("/en/types/data-leak/playbook.ics", STARTED)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == items
    gdpr = [e for e in events if "Notify the supervisory authority" in str(e.get("summary"))]
    assert len(gdpr) == 1
    assert gdpr[0].decoded("dtstart") == datetime(2026, 3, 30, 8, 0, tzinfo=UTC)
    assert gdpr[0].walk("VALARM"), "legal deadlines carry an alarm"
    steps = [e for e in events if not e.walk("VALARM")]
    assert steps, "curated steps are events too"
    first_hour = min(e.decoded("dtstart") for e in steps)
    assert first_hour == datetime(2026, 3, 27, 9, 0, tzinfo=UTC)  # 10:00 CET


def test_the_markdown_download_has_the_same_steps(client):
    page = client.get(URL, STARTED).content.decode()
    items = len(re.findall(r'class="checklist-tick"', page))
    text = client.get("/en/types/data-leak/playbook.md", STARTED).content.decode()
    assert len(re.findall(r"^\d+\. \[ \] ", text, re.M)) == items
    assert "Clock started: discovered 2026-03-27 09:00 CET (Europe/Berlin)." in text


def test_the_chinese_playbook(client):
    html = client.get("/zh-hans/types/data-leak/playbook/").content.decode()
    step = PlaybookStep.objects.filter(all_types=True).first()
    assert step.action_zh_hans in html


@pytest.mark.parametrize(
    "query",
    [
        {"date": "2026-02-30", "time": "09:00", "tz": "UTC"},
        {"date": "2026-03-27", "time": "25:61", "tz": "UTC"},
        {"date": "2026-03-27", "time": "09:00", "tz": "Mars/Olympus"},
        {"date": "2026-03-27", "time": "09:00", "tz": "x" * 10_000},
        {"date": "9" * 10_000, "time": "09:00", "tz": "UTC"},
    ],
)
def test_bad_clock_input_is_a_400_with_the_form_error(client, query):
    response = client.get(URL, query)
    assert response.status_code == 400
    assert "The clock could not start" in response.content.decode()
    assert client.get("/en/types/data-leak/playbook.ics", query).status_code == 400


def test_unknown_jurisdictions_are_ignored_and_said_so(client):
    response = client.get(URL, {**STARTED, "jurisdiction": ["eu", "atlantis"]})
    assert response.status_code == 200
    assert "Ignored, not understood:" in response.content.decode()


def test_the_icalendar_needs_a_started_clock(client):
    assert client.get("/en/types/data-leak/playbook.ics").status_code == 400
