"""The legal pages, in both languages, are valid HTML (Nu HTML Checker), have no WCAG 2.1 A/AA
violation (axe-core) and do not scroll sideways at 375 or 1280 px: the lists, a provision, the
clock empty, with results and with errors, a case page's legal panel and a playbook."""

import pytest

from .pages import (
    DATA_LEAK_CASE,
    WIDTHS,
    axe_violations,
    describe,
    horizontal_overflow,
    vnu_errors,
)

pytestmark = pytest.mark.browser

CLOCK = "legal/clock/?date=2026-03-27&time=09:00&tz=Europe/Berlin&type=data-leak"
LEGAL_PAGES = {
    "legal-index": ("legal/", 200),
    "legal-jurisdiction": ("legal/jurisdictions/cn/", 200),
    "legal-type": ("legal/types/data-leak/", 200),
    "legal-provision": ("legal/provisions/eu-gdpr-art33-breach-notification-authority/", 200),
    "legal-precedent": ("legal/provisions/cn-case-context-wei-zexi-baidu-2016/", 200),
    "clock-empty": ("legal/clock/?type=data-leak&jurisdiction=eu", 200),
    "clock-results": (f"{CLOCK}&jurisdiction=eu&jurisdiction=cn", 200),
    "clock-errors": ("legal/clock/?date=0001-01-01&time=&tz=Mars&type=x&jurisdiction=x", 400),
    "case-panel": (f"cases/{DATA_LEAK_CASE}/", 200),
    "playbook": ("types/data-leak/playbook/", 200),
}


def _urls():
    return [
        (f"{lang}/{name}", f"/{lang}/{path}", status)
        for lang in ("en", "zh-hans")
        for name, (path, status) in LEGAL_PAGES.items()
    ]


def test_legal_pages_are_valid_html(site, page, vnu_command, tmp_path):
    files = {}
    for number, (name, url, status) in enumerate(_urls()):
        response = page.goto(url)
        assert response.status == status, url
        path = tmp_path / f"{number:02d}-{name.replace('/', '-')}.html"
        path.write_bytes(response.body())
        files[path.name] = url
    problems = vnu_errors(vnu_command, tmp_path, files)
    assert not problems, describe(problems)


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_legal_pages_have_no_wcag_violations(site, new_context, axe_source, language):
    # The site's CSP forbids injected scripts; the test's own context may bypass it.
    page = new_context(bypass_csp=True).new_page()
    problems = {}
    for name, url, status in _urls():
        if not name.startswith(language + "/"):
            continue
        response = page.goto(url)
        assert response.status == status, url
        violations = axe_violations(page, axe_source)
        if violations:
            problems[url] = violations
    assert not problems, describe(problems)


@pytest.mark.parametrize("width", WIDTHS)
def test_legal_pages_fit_the_screen(site, new_context, width):
    page = new_context(viewport=WIDTHS[width]).new_page()
    problems = {}
    for _name, url, status in _urls():
        response = page.goto(url)
        assert response.status == status, url
        overflow = horizontal_overflow(page)
        if overflow:
            problems[url] = overflow
    assert not problems, describe(problems)
