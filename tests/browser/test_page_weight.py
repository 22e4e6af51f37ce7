"""Page weight: the heaviest case pages transfer under 150 KB in all, every page shows its
content without JavaScript, and static assets are fingerprinted, compressed and cached for good."""

import re

import pytest

from .pages import DATA_LEAK_CASE, PAGE_TYPES, public_urls

pytestmark = pytest.mark.browser

BUDGET = 150 * 1024
FINGERPRINTED = re.compile(r"^/static/.+\.[0-9a-f]{12}\.(css|js|svg|png|woff2?)$")


def _weigh(page, url):
    """Load url; return {url: bytes on the wire (headers and encoded body)} for every response."""
    responses = []

    def record(response):
        responses.append(response)

    page.on("response", record)
    page.goto(url, wait_until="load")
    page.remove_listener("response", record)
    weights = {}
    for response in responses:
        sizes = response.request.sizes()
        weights[response.url] = sizes["responseHeadersSize"] + sizes["responseBodySize"]
    return weights


def _heaviest_case_slugs(n: int) -> list[str]:
    """The published cases with the most on their page (timeline, measures, sources, figures):
    the ones that could go over the budget. Weighing every case page in a browser takes over a
    minute; the weight grows with these rows, so the heaviest few stand for the rest."""
    from django.db.models import Count

    from cases.models import Case

    return list(
        Case.objects.published()
        .annotate(
            rows=Count("timeline", distinct=True)
            + Count("measures", distinct=True)
            + Count("sources", distinct=True)
            + Count("figures", distinct=True)
        )
        .order_by("-rows", "slug")
        .values_list("slug", flat=True)[:n]
    )


def test_the_heaviest_case_pages_transfer_under_150_kb(site, new_context):
    slugs = [*_heaviest_case_slugs(5), DATA_LEAK_CASE]
    heaviest = {}
    for slug in slugs:
        context = new_context()  # a cold cache: everything the page needs is fetched
        weights = _weigh(context.new_page(), f"/en/cases/{slug}/")
        context.close()
        assert any(u.endswith(".css") for u in weights), "the stylesheet was not loaded"
        heaviest[slug] = sum(weights.values())
    over = {slug: total for slug, total in heaviest.items() if total >= BUDGET}
    print("heaviest case pages (bytes):", sorted(heaviest.items(), key=lambda i: -i[1]))
    assert not over, f"over {BUDGET} bytes: {over}"


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_every_page_shows_its_content_without_javascript(site, new_context, language):
    page = new_context(java_script_enabled=False).new_page()
    for name, url in public_urls(languages=[language]):
        page.goto(url)
        assert page.locator("h1").first.is_visible(), url
        assert len(page.locator("main").inner_text().strip()) > 40, url
        if name.endswith("case-detail"):
            assert page.locator("li.measure").count() >= 4
            assert page.locator("#sources li").count() >= 1
            assert page.get_by_role("link", name=re.compile(".+")).count() > 10
    # Filtering works without JavaScript too: facets are plain links.
    page.goto(f"/{language}/cases/")
    page.locator(".facet a[href*='type=data-leak']").first.click()
    page.wait_for_url(re.compile(r"type=data-leak"))
    assert page.locator(f"a[href$='/cases/{DATA_LEAK_CASE}/']").count() >= 1


def test_static_assets_are_fingerprinted_compressed_and_cached(site, page):
    static = []
    page.on("response", lambda r: static.append(r) if "/static/" in r.url else None)
    page.goto(f"/en/{PAGE_TYPES['case-detail']}")
    references = page.evaluate(
        "() => [...document.querySelectorAll('link[href], script[src], img[src]')]"
        ".map(e => e.getAttribute('href') || e.getAttribute('src'))"
        ".filter(u => u.startsWith('/static/'))"
    )
    assert any(u.startswith("/static/css/site.") for u in references), references
    assert all(FINGERPRINTED.match(u) for u in references), references

    stylesheet = next(u for u in references if u.startswith("/static/css/site."))
    css = [r for r in static if r.url.endswith(stylesheet)]
    assert css and css[0].status == 200
    assert css[0].headers.get("content-encoding") in {"br", "gzip"}  # as the browser got it

    request = page.context.request
    for encoding in ["gzip", "br"]:
        response = request.get(stylesheet, headers={"Accept-Encoding": encoding})
        assert response.ok
        assert response.headers.get("content-encoding") == encoding, response.headers
        assert "immutable" in response.headers.get("cache-control", "")
    plain = request.get(stylesheet, headers={"Accept-Encoding": "identity"})
    assert plain.ok and "content-encoding" not in plain.headers
