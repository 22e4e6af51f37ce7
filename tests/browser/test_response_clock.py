"""The response clock in a browser: the playbook clock started from its form, its checklist kept
across a reload, the case clock and the response-speed page at phone and desktop widths."""

import re

import pytest
from playwright.sync_api import expect

from .pages import WIDTHS

pytestmark = pytest.mark.browser

PLAYBOOK = "/en/types/data-leak/playbook/"


def test_start_the_playbook_clock_and_keep_the_ticks_across_a_reload(site, page):
    page.set_default_timeout(10_000)
    page.goto(PLAYBOOK)
    form = page.locator("form.clock-form")
    form.get_by_label("Date the crisis was discovered").fill("2026-03-27")
    form.get_by_label("Time it was discovered").fill("09:00")
    form.get_by_label("Time zone").fill("Europe/Berlin")
    form.get_by_role("group", name="Jurisdictions involved").get_by_label(
        "EU / EEA", exact=True
    ).check()
    form.get_by_role("button", name="Start the clock").click()
    expect(page).to_have_url(re.compile(r"date=2026-03-27"))
    expect(
        page.get_by_text("Clock started: discovered Fri 27 Mar 2026, 09:00 CET")
    ).to_be_visible()
    expect(page.get_by_text("By Mon 30 Mar 2026, 10:00 CEST").first).to_be_visible()
    expect(page.get_by_role("link", name="Add to a calendar (.ics)")).to_be_visible()

    ticks = page.locator("input.checklist-tick")
    assert ticks.count() > 5
    ticks.nth(0).check()
    ticks.nth(2).check()
    page.reload()
    expect(page.locator("input.checklist-tick").nth(0)).to_be_checked()
    expect(page.locator("input.checklist-tick").nth(1)).not_to_be_checked()
    expect(page.locator("input.checklist-tick").nth(2)).to_be_checked()
    # Untick: the change is kept too.
    page.locator("input.checklist-tick").nth(0).uncheck()
    page.reload()
    expect(page.locator("input.checklist-tick").nth(0)).not_to_be_checked()

    # Printed: the form and the buttons go, the numbered steps stay.
    expect(page.get_by_role("button", name="Print the playbook")).to_be_visible()
    page.emulate_media(media="print")
    expect(page.locator("details.clock-start")).to_be_hidden()
    expect(page.locator(".step").first).to_be_visible()


def test_the_playbook_works_without_javascript(site, browser):
    context = browser.new_context(base_url=site, java_script_enabled=False, locale="en-GB")
    try:
        page = context.new_page()
        page.goto(PLAYBOOK + "?date=2026-03-27&time=09:00&tz=UTC")
        expect(page.get_by_text("Clock started:")).to_be_visible()
        expect(page.get_by_role("button", name="Print the playbook")).to_have_count(0)
        expect(page.locator("input.checklist-tick").first).to_be_enabled()
    finally:
        context.close()


@pytest.mark.parametrize("width", ["mobile", "desktop"])
@pytest.mark.parametrize(
    "url",
    [
        PLAYBOOK + "?date=2026-03-27&time=09:00&tz=Europe/Berlin&jurisdiction=eu",
        "/en/cases/crowdstrike-falcon-update-outage-2024/#response-clock",
        "/en/response-speed/?step=statement&sort=fastest",
        "/zh-hans/response-speed/?step=disclosure",
    ],
)
def test_clock_pages_fit_the_screen(site, browser, url, width):
    context = browser.new_context(base_url=site, viewport=WIDTHS[width])
    try:
        page = context.new_page()
        page.goto(url)
        overflow = page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 1, f"{url} at {width}: {overflow}px of horizontal scroll"
    finally:
        context.close()


def test_the_case_clock_shows_its_intervals(site, page):
    page.goto("/en/cases/crowdstrike-falcon-update-outage-2024/")
    section = page.locator("#response-clock")
    expect(section.get_by_role("heading", name="Response clock")).to_be_visible()
    expect(section.get_by_role("img")).to_be_visible()
    expect(section.get_by_role("table", name="Milestones")).to_be_visible()
    expect(section.get_by_role("link", name="Compare response speed across cases")).to_be_visible()


def test_compare_add_and_remove_a_case_on_the_page(site, page):
    page.set_default_timeout(10_000)
    page.goto("/en/compare/?cases=equifax-breach-2017")
    page.get_by_label("Find a case to add").fill("Marriott")
    page.get_by_role("button", name="Find").click()
    page.get_by_role("link", name=re.compile(r"^Add Marriott")).click()
    expect(page).to_have_url(
        re.compile(r"cases=equifax-breach-2017,marriott-starwood-breach-2018")
    )
    table = page.get_by_role("table", name="Cases side by side")
    expect(table.get_by_role("link", name=re.compile("^Marriott"))).to_be_visible()
    # Align on discovery, then remove Equifax: the URL holds the state.
    page.get_by_role("link", name="discovery by the organisation").click()
    expect(page).to_have_url(re.compile(r"t0=discovered"))
    expect(page.get_by_role("table", name="Each milestone from T0")).to_be_visible()
    page.get_by_role("link", name=re.compile(r"^Remove Equifax")).click()
    expect(page).to_have_url(re.compile(r"cases=marriott-starwood-breach-2018&t0=discovered$"))
    expect(page.get_by_role("table", name="Cases side by side")).to_be_visible()


@pytest.mark.parametrize("width", ["mobile", "desktop"])
def test_compare_fits_the_screen(site, browser, width):
    context = browser.new_context(base_url=site, viewport=WIDTHS[width])
    try:
        page = context.new_page()
        page.goto("/en/compare/?cases=equifax-breach-2017,marriott-starwood-breach-2018")
        overflow = page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 1, f"compare at {width}: {overflow}px of horizontal scroll"
    finally:
        context.close()
