"""axe-core finds no WCAG 2.1 A/AA violation on any public page type, in both languages, nor on
the curators' admin pages (case list and case form)."""

import re

import pytest

from .pages import axe_violations, describe, public_urls

pytestmark = pytest.mark.browser


@pytest.fixture
def axe_page(site, new_context, axe_source):
    # The site's CSP forbids injected scripts; the test's own context may bypass it.
    context = new_context(bypass_csp=True)
    return context.new_page()


def test_axe_reports_a_known_violation(axe_page, axe_source):
    # Proves that axe runs in the page and that its findings reach the assertions below.
    axe_page.set_content('<!DOCTYPE html><html lang="en"><title>t</title><img src="x.png"></html>')
    assert "image-alt" in {v["rule"] for v in axe_violations(axe_page, axe_source)}


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_public_pages_have_no_wcag_violations(axe_page, axe_source, language):
    problems = {}
    for name, url in public_urls(languages=[language]):
        response = axe_page.goto(url)
        expected = 404 if name.endswith("not-found") else 200
        assert response.status == expected, url
        violations = axe_violations(axe_page, axe_source)
        if violations:
            problems[url] = violations
    assert not problems, describe(problems)


def test_admin_pages_have_no_wcag_violations(axe_page, axe_source, django_user_model):
    from cases.models import Case

    page = axe_page
    problems = {}

    def check(where):
        violations = axe_violations(page, axe_source)
        if violations:
            problems[where] = violations

    django_user_model.objects.create_superuser("axe-curator", "a@example.org", "axe-pass-123")
    page.goto("/admin/login/?next=/admin/")
    check("login")
    page.get_by_label("Username").fill("axe-curator")
    page.get_by_label("Password").fill("axe-pass-123")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/admin/")

    case = Case.objects.get(slug="social-platform-data-leak-2018")
    change_form = f"/admin/cases/case/{case.pk}/change/"
    for url in [
        "/admin/",
        "/admin/cases/case/",
        "/admin/cases/case/?status__exact=published&q=data",
        change_form,
        "/admin/cases/case/add/",
        "/admin/strategies/principle/",
    ]:
        response = page.goto(url)
        assert response.ok, url
        check(url)

    # The case form with rows that "Add another" adds, as a curator sees it while editing.
    page.goto(change_form)
    for group in ["#measures-group", "#timeline-group", "#sources-group", "#figures-group"]:
        page.locator(group).get_by_role("button", name=re.compile("^Add another")).click()
    check(change_form + " (rows added)")
    assert not problems, describe(problems)
