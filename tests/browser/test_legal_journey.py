"""The legal-duties journey: from a data-leak case to its legal duties, the deadline clock for
the EU and China, and the printed list of deadlines; and the clock without JavaScript."""

import re

import pytest
from playwright.sync_api import expect

from .pages import DATA_LEAK_CASE

pytestmark = pytest.mark.browser

GDPR_ART_33 = "/en/legal/provisions/eu-gdpr-art33-breach-notification-authority/"


def _fill_the_clock(page):
    page.get_by_label("Date the crisis was discovered").fill("2026-03-27")
    page.get_by_label("Time it was discovered").fill("09:00")
    page.get_by_label("Time zone").fill("Europe/Berlin")
    jurisdictions = page.get_by_role("group", name="Jurisdictions involved")
    for name in ("EU / EEA", "China (PRC)"):
        jurisdictions.get_by_label(name, exact=True).check()
    page.get_by_role("button", name="Count the deadlines").click()


def test_pr_lead_from_a_data_leak_case_to_the_printed_deadline_clock(site, page):
    page.set_default_timeout(10_000)
    page.goto(f"/en/cases/{DATA_LEAK_CASE}/")

    # The case page → its legal duties.
    page.get_by_role("navigation", name="On this page").get_by_role(
        "link", name="Legal duties"
    ).click()
    expect(page).to_have_url(re.compile(r"#legal-duties$"))
    panel = page.get_by_role("region", name="Legal duties", exact=True)
    expect(panel.get_by_text("Study aid, not legal advice.")).to_be_visible()
    expect(panel.get_by_role("heading", name="Enforcement that followed")).to_be_visible()
    expect(panel.get_by_text("FTC civil penalty")).to_be_visible()

    # → the deadline clock, pre-filled with the case's crisis type and the jurisdictions its
    # countries fall under (the US, New York and the UK for Cambridge Analytica).
    panel.get_by_role("link", name="Run the deadline clock").click()
    expect(page).to_have_url(
        re.compile(
            r"/en/legal/clock/\?type=data-leak&jurisdiction=gb&jurisdiction=us&jurisdiction=us-ny$"
        )
    )
    expect(page.get_by_role("heading", level=1)).to_have_text("Deadline clock")
    expect(page.get_by_label("Crisis type")).to_have_value("data-leak")
    jurisdictions = page.get_by_role("group", name="Jurisdictions involved")
    expect(jurisdictions.get_by_label("United States (federal)")).to_be_checked()

    expect(jurisdictions.get_by_label("United Kingdom")).to_be_checked()

    # Run it for the EU and China only.
    for name in ("United States (federal)", "United Kingdom", "United States: New York"):
        jurisdictions.get_by_label(name).uncheck()
    _fill_the_clock(page)
    expect(page).to_have_url(re.compile(r"jurisdiction=eu&jurisdiction=cn$"))
    table = page.get_by_role("table", name="Legal deadlines, soonest first")
    rows = table.locator("tbody tr")
    expect(rows.first).to_contain_text("Immediately")
    gdpr = rows.filter(has=page.locator(f'a[href="{GDPR_ART_33}"]'))
    expect(gdpr).to_contain_text("Mon 30 Mar 2026, 10:00 CEST")
    # The CAC's clocks, one per reporter class, each labelled.
    cac = rows.filter(has_text="Critical-information-infrastructure operator")
    expect(cac.first).to_contain_text("Fri 27 Mar 2026, 10:00 CET")

    # The shareable URL gives the same deadlines.
    shared = page.url
    page.goto(shared)
    expect(page.get_by_role("table", name="Legal deadlines, soonest first")).to_be_visible()

    # Print it: the navigation and the form go, the deadlines and the note stay.
    expect(page.get_by_role("button", name="Print the deadlines")).to_be_visible()
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator("nav.main-nav")).to_be_hidden()
    expect(page.locator(".breadcrumbs")).to_be_hidden()
    expect(page.locator("form.clock-form")).to_be_hidden()
    expect(page.get_by_role("button", name="Print the deadlines")).to_be_hidden()
    expect(page.get_by_role("table", name="Legal deadlines, soonest first")).to_be_visible()
    expect(page.locator(".legal-disclaimer")).to_be_visible()
    expect(page.get_by_text("Address of this page:")).to_be_visible()
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 1000


def test_the_clock_works_without_javascript(site, browser):
    context = browser.new_context(base_url=site, java_script_enabled=False, locale="en-GB")
    try:
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.goto("/en/legal/clock/?type=data-leak")
        _fill_the_clock(page)
        table = page.get_by_role("table", name="Legal deadlines, soonest first")
        expect(table.locator("tbody tr").first).to_contain_text("Immediately")
        expect(table.get_by_role("link").first).to_be_visible()
        # Without scripts the print button stays hidden; the browser's Print command remains.
        expect(page.get_by_role("button", name="Print the deadlines")).to_have_count(0)
    finally:
        context.close()
