"""Journeys through the site as its people make them: each opens one address, then only clicks,
types and presses keys, as a person would."""

import re

import pytest
from playwright.sync_api import expect

from .pages import DATA_LEAK_CASE

pytestmark = pytest.mark.browser


@pytest.fixture
def names(site):
    """The names a person reads on the pages, as the loaded fixtures have them."""
    from cases.models import Case, CrisisType
    from strategies.models import Principle

    case = Case.objects.get(slug=DATA_LEAK_CASE)
    fast = Principle.objects.get(slug="fast-response")
    measure = case.measures.filter(principles=fast).order_by("position").first()
    return {
        "case": case.title,
        "year": str(case.year),
        "data_leak": CrisisType.objects.get(slug="data-leak").name,
        "fast": fast.name,
        "honest": Principle.objects.get(slug="transparency-integrity").name,
        "measure": measure.title,
    }


@pytest.fixture
def watched_page(site, page):
    """The page, failing the test on any script error, CSP violation or broken asset."""
    problems = []

    def on_console(message):
        # A failed load is reported below with its address; anything else is a real error.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            problems.append(f"console error: {message.text}")

    def on_response(response):
        asset = response.request.resource_type != "document"
        if asset and response.status >= 400 and not response.url.endswith("/favicon.ico"):
            problems.append(f"{response.status} for {response.url}")

    page.set_default_timeout(10_000)
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.on("console", on_console)
    page.on("response", on_response)
    yield page
    assert not problems, problems


def test_pr_staff_from_a_crisis_type_to_a_principle_and_another_case(watched_page, names):
    page = watched_page
    page.goto("/en/")

    # Home → the case list filtered to data leaks, then to the year 2018.
    by_type = page.get_by_role("region", name="Cases by crisis type")
    by_type.get_by_role("link", name=names["data_leak"], exact=True).click()
    expect(page).to_have_url(re.compile(r"/en/cases/\?type=data-leak$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Cases")
    facets = page.get_by_role("complementary")
    expect(facets.locator("a.selected")).to_contain_text(names["data_leak"])
    facets.get_by_role("link", name=re.compile(rf"^{names['year']}\b")).click()
    expect(page).to_have_url(re.compile(rf"year={names['year']}"))

    # → the 2018 data-leak case.
    results = page.locator(".results")
    results.get_by_role("link", name=names["case"], exact=True).click()
    expect(page).to_have_url(re.compile(rf"/en/cases/{DATA_LEAK_CASE}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(names["case"])

    # → a principle one of its measures applied.
    measure = page.locator("li.measure").filter(
        has=page.get_by_role("heading", name=names["measure"], exact=True)
    )
    measure.get_by_role("link", name=names["fast"], exact=True).click()
    expect(page).to_have_url(re.compile(r"/en/principles/fast-response/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(names["fast"])

    # → another case that applied that principle.
    evidence = page.get_by_role("region", name="Measures that embody it, by case")
    others = evidence.locator("li.card").filter(
        has_not=page.get_by_role("link", name=names["case"], exact=True)
    )
    expect(others.first).to_be_visible()
    other_title = others.first.get_by_role("heading").inner_text()
    others.first.get_by_role("heading").get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(other_title)
    assert f"/en/cases/{DATA_LEAK_CASE}/" not in page.url
    # The other case shows the principle on one of its measures.
    expect(
        page.locator("li.measure").get_by_role("link", name=names["fast"], exact=True).first
    ).to_be_visible()


def test_student_from_a_principle_to_a_measure_its_case_and_the_matrix(watched_page, names):
    page = watched_page
    page.goto("/en/principles/")

    page.get_by_role("link", name=names["fast"], exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(names["fast"])

    # A measure that embodies it, from the evidence by case.
    evidence = page.get_by_role("region", name="Measures that embody it, by case")
    card = evidence.locator("li.card").first
    case_title = card.get_by_role("heading").inner_text()
    measure_link = card.locator(".evidence-measures a").first
    measure_title = measure_link.inner_text()
    measure_link.click()
    expect(page).to_have_url(re.compile(r"/en/cases/[\w-]+/#measure-\d+$"))
    measure = page.locator("li.measure:target")
    expect(measure.get_by_role("heading")).to_have_text(measure_title)
    expect(measure.get_by_role("link", name=names["fast"], exact=True)).to_be_visible()

    # Its case: read its type and year, then find its row in the matrix, narrowed to them.
    expect(page.get_by_role("heading", level=1)).to_have_text(case_title)
    facts = page.locator(".facts-inline")
    year = facts.locator("div", has_text="Year").locator("dd").inner_text().strip()
    crisis_type = (
        facts.locator("div", has_text="Crisis type").locator("dd a").first.inner_text().strip()
    )
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Matrix").click()
    expect(page).to_have_url(re.compile(r"/en/matrix/$"))
    page.get_by_label("Crisis type").select_option(label=crisis_type)
    page.get_by_label("Year").fill(year)
    page.get_by_role("button", name="Filter").click()
    expect(page).to_have_url(re.compile(rf"year={year}"))

    matrix = page.get_by_role("table")
    row = matrix.get_by_role("row").filter(
        has=page.get_by_role("rowheader", name=re.compile(re.escape(case_title)))
    )
    expect(row).to_have_count(1)
    headers = [text.strip() for text in matrix.locator("thead th").all_inner_texts()]
    cell = row.locator("th, td").nth(headers.index(names["fast"]))
    expect(cell.get_by_role("link", name=measure_title, exact=True)).to_be_visible()


def _admin_pick(scope, field_label, search, option):
    """Choose in an admin autocomplete (select2) box: open it, type, pick the option."""
    scope.get_by_role("combobox", name=field_label).first.click()
    page = scope.page  # select2 opens its drop-down at the end of the page
    page.locator(".select2-container--open .select2-search__field").fill(search)
    page.locator(".select2-results__option", has_text=option).first.click()


def test_curator_publishes_a_case_and_takes_it_down(
    watched_page, names, django_user_model, browser
):
    page = watched_page
    django_user_model.objects.create_superuser("curator", "c@example.org", "journey-pass-123")

    page.goto("/admin/")
    page.get_by_label("Username").fill("curator")
    page.get_by_label("Password").fill("journey-pass-123")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Curate cases and doctrine")).to_be_visible()

    # Add a case.
    page.get_by_role("row", name=re.compile("^Cases")).get_by_role("link", name="Add").click()
    expect(page.get_by_role("heading", name="Add case")).to_be_visible()
    main = page.locator("#case_form fieldset").first
    main.get_by_label("Title [en]").fill("Journey test outage 2024")
    main.get_by_label("Title [zh-hans]").fill("旅程测试故障")
    expect(main.get_by_label("Slug")).to_have_value("journey-test-outage-2024")
    main.get_by_label("Organisation [en]").fill("Example Cloud")
    main.get_by_label("Summary [en]").fill("A made-up case that the browser journey creates.")
    classification = page.get_by_role("group", name="Classification")
    _admin_pick(classification, "Primary crisis type", "Data", names["data_leak"])
    classification.get_by_role(
        "listbox", name=re.compile("^Available crisis types")
    ).select_option(label=names["data_leak"])
    classification.get_by_role("button", name="Choose selected crisis types").click()
    expect(
        classification.get_by_role("listbox", name=re.compile("^Chosen crisis types"))
    ).to_contain_text(names["data_leak"])
    classification.get_by_label("Tags").fill("journey-tag")
    page.get_by_role("group", name="When").get_by_label("Year").fill("2024")

    # Two measures, each linked to principles.
    measures = page.locator("#measures-group")
    measures.get_by_role("button", name=re.compile("Add another Response measure")).click()
    measures.get_by_role("button", name=re.compile("Add another Response measure")).click()
    forms = measures.locator(".inline-related:not(.empty-form)")
    expect(forms).to_have_count(2)
    first, second = forms.nth(0), forms.nth(1)
    first.get_by_label("Title [en]").fill("Apologised the same day")
    first.get_by_label("Phase").select_option("immediate")
    _admin_pick(first, "Principles", names["fast"][:4], names["fast"])
    second.get_by_label("Title [en]").fill("Published the incident report")
    second.get_by_label("Phase").select_option("recovery")
    _admin_pick(second, "Principles", names["honest"][:5], names["honest"])

    # One source.
    sources = page.locator("#sources-group")
    sources.get_by_role("button", name=re.compile("Add another Source")).click()
    row = sources.locator("tr.form-row:not(.empty-form)").first
    row.get_by_label("Title [en]").fill("Incident report")
    row.get_by_label("URL").fill("https://example.org/incident")
    row.get_by_label("Kind").select_option("official")

    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")

    # Publish it from the case list.
    case_row = page.get_by_role("row").filter(has_text="Journey test outage 2024")
    case_row.get_by_role("checkbox").check()
    page.get_by_label("Action:").select_option(label="Publish selected cases")
    page.get_by_role("button", name="Go").click()
    expect(page.locator(".messagelist")).to_contain_text("1 case published.")

    # It is on the public case list and on the principle's page.
    visitor = browser.new_context(base_url=page.url.split("/admin/")[0])
    public = visitor.new_page()
    public.goto("/en/cases/")
    public.get_by_role("link", name="Journey test outage 2024").click()
    expect(public.get_by_role("heading", level=1)).to_have_text("Journey test outage 2024")
    expect(public.locator("li.measure")).to_have_count(2)
    expect(public.get_by_role("link", name="#journey-tag")).to_be_visible()
    expect(public.locator("#sources")).to_contain_text("Incident report")
    public.locator("li.measure").first.get_by_role("link", name=names["fast"]).click()
    evidence = public.get_by_role("region", name="Measures that embody it, by case")
    expect(evidence.get_by_role("link", name="Journey test outage 2024")).to_be_visible()
    expect(evidence.get_by_role("link", name="Apologised the same day")).to_be_visible()
    case_url = public.url.split("/en/")[0] + "/en/cases/journey-test-outage-2024/"

    # Unpublish it; an anonymous visitor no longer finds it.
    case_row = page.get_by_role("row").filter(has_text="Journey test outage 2024")
    case_row.get_by_role("checkbox").check()
    page.get_by_label("Action:").select_option(label="Unpublish selected cases")
    page.get_by_role("button", name="Go").click()
    expect(page.locator(".messagelist")).to_contain_text("1 case unpublished.")

    assert public.goto(case_url).status == 404
    public.goto("/en/cases/")
    expect(public.get_by_role("link", name="Journey test outage 2024")).to_have_count(0)
    public.goto("/en/principles/fast-response/")
    expect(public.get_by_text("Journey test outage 2024")).to_have_count(0)
    visitor.close()


def _focus_outline(page):
    return page.evaluate(
        """() => {
          const el = document.activeElement;
          const style = getComputedStyle(el);
          return {tag: el.tagName.toLowerCase(), text: (el.innerText || el.value || '').trim(),
                  href: el.getAttribute('href'), style: style.outlineStyle,
                  width: parseFloat(style.outlineWidth), color: style.outlineColor};
        }"""
    )


def _tab_to(page, predicate, limit=200):
    """Press Tab until predicate(focused) holds; every element on the way shows its focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = _focus_outline(page)
        assert focused["style"] != "none" and focused["width"] >= 2, (
            f"no visible focus indicator on {focused}"
        )
        if predicate(focused):
            return focused
    raise AssertionError("never reached the element with Tab")


def test_keyboard_only_navigation_and_filters(watched_page, names):
    page = watched_page
    page.goto("/en/")

    # The first Tab reaches the skip link, shown on focus.
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()

    # The main navigation: Tab on to "Cases", Enter.
    _tab_to(page, lambda f: f["text"] == "Cases" and f["href"] == "/en/cases/")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/en/cases/$"))

    # The skip link takes the keyboard past the navigation, straight to the filters.
    _tab_to(page, lambda f: f["text"] == "Skip to content")
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()

    # The facets: Tab to the data-leak type, Enter.
    _tab_to(page, lambda f: (f["href"] or "").endswith("type=data-leak"))
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"type=data-leak"))
    expect(page.locator(".results").get_by_role("link", name=names["case"])).to_be_visible()

    # The sort control: Tab to it, choose with the arrow keys, Tab to Apply, Enter.
    _tab_to(page, lambda f: f["tag"] == "select")
    page.keyboard.press("ArrowDown")
    _tab_to(page, lambda f: f["tag"] == "button")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"sort=oldest"))
    expect(page).to_have_url(re.compile(r"type=data-leak"))

    # Back to the main navigation from the filtered list, to the matrix.
    page.keyboard.press("Tab")
    _tab_to(page, lambda f: f["text"] == "Matrix")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/en/matrix/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Cases × principles")
