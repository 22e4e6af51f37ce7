"""Layout at a phone's width (375 px) and a laptop's (1280 px): no page scrolls sideways, and the
matrix scrolls inside its own container. The screenshots shown in the README come from here:
`make screenshots` writes them to docs/screenshots/ (otherwise they go to a temporary folder)."""

import os
from pathlib import Path

import pytest

from .pages import MAIN_PAGES, PAGE_TYPES, WIDTHS, horizontal_overflow, public_urls

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", WIDTHS, ids=list(WIDTHS))
def test_no_page_scrolls_sideways(site, new_context, width):
    page = new_context(viewport=WIDTHS[width]).new_page()
    problems = {}
    urls = public_urls(languages=["en"]) + public_urls(
        languages=["zh-hans"], page_types=MAIN_PAGES
    )
    for _name, url in urls:
        page.goto(url)
        overflow = horizontal_overflow(page)
        if overflow:
            problems[url] = overflow
    assert not problems, problems


def test_matrix_scrolls_inside_its_container_on_a_phone(site, new_context):
    page = new_context(viewport=WIDTHS["mobile"]).new_page()
    page.goto("/en/matrix/")
    box = page.evaluate(
        """() => {
          const scroller = document.querySelector('.table-scroll');
          const table = scroller.querySelector('table');
          return {right: scroller.getBoundingClientRect().right, inner: window.innerWidth,
                  clientWidth: scroller.clientWidth, tableWidth: table.scrollWidth,
                  overflowX: getComputedStyle(scroller).overflowX,
                  fontSize: parseFloat(getComputedStyle(table).fontSize)};
        }"""
    )
    assert box["right"] <= box["inner"]
    assert box["overflowX"] in {"auto", "scroll"}
    assert box["tableWidth"] > box["clientWidth"]  # the table scrolls, the page does not
    assert box["fontSize"] >= 13  # still readable
    # The scrolling region is reachable and scrollable from the keyboard.
    page.locator(".table-scroll").focus()
    assert page.evaluate("document.activeElement.classList.contains('table-scroll')")
    page.keyboard.press("ArrowRight")
    page.wait_for_function(
        "() => document.querySelector('.table-scroll').scrollLeft > 0", timeout=5000
    )


SCREENSHOTS = [("en", name) for name in MAIN_PAGES] + [("zh-hans", "home")]


def test_screenshots_of_the_main_pages(site, new_context, tmp_path):
    folder = Path(os.environ.get("CRISISKB_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for viewport in WIDTHS.values():
        page = new_context(viewport=viewport, device_scale_factor=1).new_page()
        for lang, name in SCREENSHOTS:
            page.goto(f"/{lang}/{PAGE_TYPES[name]}")
            assert horizontal_overflow(page) is None
            prefix = "" if lang == "en" else f"{lang}-"
            path = folder / f"{prefix}{name}-{viewport['width']}.png"
            page.screenshot(path=path, animations="disabled")
            written.append(path)
    assert all(path.stat().st_size > 1000 for path in written)
