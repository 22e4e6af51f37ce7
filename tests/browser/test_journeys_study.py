"""Journeys added by the bilingual and cross-reference work: switching language on a record, and
going from a case to a comparison to its type's playbook, printed."""

import re

import pytest
from playwright.sync_api import expect

from .pages import DATA_LEAK_CASE

pytestmark = pytest.mark.browser


def test_switching_language_keeps_the_case(site, page):
    from cases.models import Case

    case = Case.objects.get(slug="shared-bike-quality-2017")
    page.goto(f"/en/cases/{case.slug}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(case.title_en)

    page.get_by_role("navigation", name="Language").get_by_role("link", name="简体中文").click()

    expect(page).to_have_url(re.compile(rf"/zh-hans/cases/{case.slug}/$"))
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    expect(page.get_by_role("heading", level=1)).to_have_text(case.title_zh_hans)
    # The interface is Chinese too, and the switch back keeps the case.
    expect(page.get_by_role("navigation", name="语言")).to_be_visible()
    page.get_by_role("navigation", name="语言").get_by_role("link", name="English").click()
    expect(page).to_have_url(re.compile(rf"/en/cases/{case.slug}/$"))


def test_from_a_case_compare_two_related_cases_then_print_the_playbook(site, page):
    from cases.models import Case

    case = Case.objects.get(slug=DATA_LEAK_CASE)
    page.goto(f"/en/cases/{case.slug}/")

    related = page.locator("#related-section")
    boxes = related.get_by_role("checkbox")
    assert boxes.count() >= 2
    picked = []
    for index in range(2):
        box = boxes.nth(index)
        box.check()
        picked.append(box.get_attribute("value"))
    related.get_by_role("button", name="Compare with the selected cases").click()

    expect(page).to_have_url(re.compile(r"/en/compare/\?cases="))
    expect(page.get_by_role("heading", level=1)).to_have_text("Compare cases")
    table = page.get_by_role("table", name="Cases side by side")
    for slug in [case.slug, *picked]:
        title = Case.objects.get(slug=slug).title
        expect(table.get_by_role("link", name=title, exact=True)).to_be_visible()
    expect(table.get_by_role("rowheader", name="Time to first public statement")).to_be_visible()

    page.get_by_role("link", name=re.compile(r"^Playbook: ")).click()
    expect(page).to_have_url(re.compile(r"/en/types/[-a-z]+/playbook/$"))
    expect(page.get_by_role("heading", level=2, name="First hour")).to_be_visible()

    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator(".breadcrumbs")).to_be_hidden()
    expect(page.get_by_role("link", name="Download as Markdown")).to_be_hidden()
    expect(page.locator(".step").first).to_be_visible()
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 1000
