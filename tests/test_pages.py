"""Every public page: status, content, facets, drafts, bad input."""

import re

import pytest

from cases.models import Case
from tests import factories as f

pytestmark = pytest.mark.django_db

DATA_LEAK = "/en/cases/social-platform-data-leak-2018/"

PUBLIC_PAGES = [
    ("/en/", "Learn crisis PR from the cases"),
    ("/en/cases/", "Cases"),
    (DATA_LEAK, "87 million"),
    ("/en/types/", "Crisis types"),
    ("/en/types/data-leak/", "social-platform-data-leak-2018"),
    ("/en/tags/", "Tags"),
    ("/en/matrix/", "row-social-platform-data-leak-2018"),
    ("/en/principles/", "fast-response"),
    # The newest case whose measures embody the principle leads its first page.
    ("/en/principles/fast-response/", "crowdstrike-falcon-update-outage-2024"),
    ("/en/strategies/", "rapid-response-disclosure"),
    ("/en/strategies/communication-coordination/", "external-communication"),
    ("/en/tactics/external-communication/", "communication-coordination"),
    ("/en/about/introduction/", "<h1>"),
]


@pytest.mark.usefixtures("corpus")
@pytest.mark.parametrize(("url", "expected"), PUBLIC_PAGES)
def test_public_page_renders(client, url, expected):
    response = client.get(url)
    assert response.status_code == 200
    assert expected in response.content.decode()


def test_root_redirects_to_a_language(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/en/")


@pytest.mark.usefixtures("corpus")
def test_case_page_shows_measures_principles_sources_and_analysis(client):
    html = client.get(DATA_LEAK).content.decode()
    assert html.count('class="measure"') >= 4
    assert 'href="/en/principles/' in html
    assert 'id="source-1"' in html
    assert 'href="#source-1"' in html
    assert (
        "knowledge base&#x27;s own judgement" in html or "knowledge base's own judgement" in html
    )
    assert 'id="measure-1"' in html


@pytest.mark.usefixtures("corpus")
def test_principle_page_groups_measures_by_case_and_names_strategies(client):
    html = client.get("/en/principles/fast-response/").content.decode()
    assert "Strategies that serve it" in html
    assert "#measure-" in html


@pytest.mark.usefixtures("corpus")
def test_tag_page_lists_tagged_cases(client):
    case = Case.objects.get(slug="social-platform-data-leak-2018")
    case.tags.add("only-on-this-case")
    response = client.get("/en/tags/only-on-this-case/")
    assert response.status_code == 200
    assert case.get_absolute_url() in response.content.decode()


def test_case_list_facets_combine(client):
    leak = f.crisis_type(slug="facet-leak")
    other = f.crisis_type(slug="facet-other")
    p = f.principle(slug="facet-principle")
    both = f.case(slug="both-match", crisis_types=[leak], year=2011, tags=["facet-tag"])
    f.measure(case=both, principles=[p])
    type_only = f.case(slug="type-only", crisis_types=[leak], year=2011)
    f.case(slug="other-type", crisis_types=[other], year=2011, tags=["facet-tag"])

    html = client.get("/en/cases/?type=facet-leak&tag=facet-tag").content.decode()
    assert "/en/cases/both-match/" in html
    assert "/en/cases/type-only/" not in html
    assert "/en/cases/other-type/" not in html

    html = client.get("/en/cases/?type=facet-leak&principle=facet-principle&year=2011").content
    assert b"/en/cases/both-match/" in html and b"/en/cases/type-only/" not in html
    # Without the tag filter the type alone finds both.
    html = client.get("/en/cases/?type=facet-leak").content.decode()
    assert type_only.get_absolute_url() in html and "/en/cases/both-match/" in html


def test_facet_counts_count_other_filters(client):
    leak = f.crisis_type(slug="count-leak", name_en="Count leak")
    for n in range(3):
        f.case(slug=f"count-{n}", crisis_types=[leak], year=1990 + n)
    result = client.get("/en/cases/?type=count-leak").context["result"]
    years = {
        o.value: o.count for facet in result.facets if facet.name == "year" for o in facet.options
    }
    assert years["1990"] == 1 and years["1992"] == 1
    types = {o.value: o for facet in result.facets if facet.name == "type" for o in facet.options}
    assert types["count-leak"].count == 3 and types["count-leak"].selected
    assert result.total == 3


def test_case_list_sorts(client):
    f.case(slug="sort-a", title_en="Aaaa first", year=1901)
    titles = [c.slug for c in client.get("/en/cases/?sort=oldest").context["result"].page]
    assert titles[0] == "sort-a"


def test_case_list_empty_state(client):
    html = client.get("/en/cases/?year=1901").content.decode()
    assert "No case matches these filters." in html


def test_case_list_paginates(client):
    for n in range(25):
        f.case(slug=f"page-{n}", year=1950)
    page1 = client.get("/en/cases/?year=1950")
    page2 = client.get("/en/cases/?year=1950&page=2")
    assert len(page1.context["result"].page.object_list) == 20
    assert len(page2.context["result"].page.object_list) == 5
    assert 'rel="next"' in page1.content.decode()


@pytest.mark.usefixtures("corpus")
@pytest.mark.parametrize(
    "query",
    [
        "?page=abc",
        "?page=999999",
        "?page=-1",
        "?year=19x9",
        "?year=99999999999999999999",
        "?type=no-such-type",
        "?type=<script>",
        "?tag=nope&principle=nope&tactic=nope",
        "?region=" + "x" * 5000,
        "?industry=%00",
        "?type=%00&tag=a%00b&principle=%00&tactic=x%00&country=%00",
        "?principle=" + "x" * 5000,
        "?type=%E5%8D%B1%E6%9C%BA",
        "?sort=drop+table",
        "?type=data-leak&type=other",
    ],
)
def test_hostile_list_parameters_never_fail(client, query):
    response = client.get("/en/cases/" + query)
    assert response.status_code == 200


@pytest.mark.usefixtures("corpus")
def test_facet_links_keep_the_valid_filters_and_drop_the_ignored(client):
    response = client.get("/en/cases/?type=data-leak&year=19x9&sort=title&page=2")
    html = response.content.decode()
    links = re.findall(r'<section class="facet".*?</section>', html, flags=re.S)
    hrefs = [
        h.replace("&amp;", "&") for block in links for h in re.findall(r'href="([^"]*)"', block)
    ]
    assert hrefs
    assert all("sort=title" in h and "19x9" not in h and "page=" not in h for h in hrefs)
    selected = re.findall(r'href="([^"]*)" aria-current="true"', html)
    assert selected == ["?sort=title"]  # the selected type's link removes it, keeps the rest
    year_links = [h for h in hrefs if "year=" in h]
    assert year_links and all("type=data-leak" in h for h in year_links)


def test_unknown_filter_values_are_ignored_and_reported(client):
    response = client.get("/en/cases/?type=no-such-type&year=19x9")
    result = response.context["result"]
    assert result.filters == {}
    assert result.total == Case.objects.published().count()
    assert "were not understood" in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/en/cases/no-such-case/",
        "/en/types/no-such-type/",
        "/en/tags/no-such-tag/",
        "/en/principles/no-such-principle/",
        "/en/strategies/no-such-strategy/",
        "/en/tactics/no-such-tactic/",
        "/en/about/no-such-essay/",
        "/en/no/such/page/",
    ],
)
def test_unknown_slugs_give_a_real_404_page(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


@pytest.mark.usefixtures("corpus")
@pytest.mark.parametrize(
    "url",
    [
        "/en/matrix/?page=abc&year=x",
        "/en/principles/fast-response/?page=zz",
        "/en/types/data-leak/?page=99999",
    ],
)
def test_other_pages_tolerate_bad_parameters(client, url):
    assert client.get(url).status_code == 200


def test_drafts_are_hidden_from_anonymous_visitors(client):
    p = f.principle(slug="draft-principle")
    draft = f.case(slug="secret-draft", status=Case.Status.DRAFT, tags=["draft-only"])
    f.measure(case=draft, principles=[p])
    assert client.get("/en/cases/secret-draft/").status_code == 404
    for url in [
        "/en/cases/",
        "/en/matrix/",
        "/en/principles/draft-principle/",
        "/en/",
        "/en/tags/",
    ]:
        assert b"secret-draft" not in client.get(url).content, url
    assert client.get("/en/tags/draft-only/").context["page"].paginator.count == 0


def test_staff_can_preview_drafts(staff_client):
    f.case(slug="staff-draft", status=Case.Status.DRAFT)
    response = staff_client.get("/en/cases/staff-draft/")
    assert response.status_code == 200
    assert "Draft: only curators can see this case." in response.content.decode()


@pytest.mark.usefixtures("corpus")
def test_matrix_filters_by_type_and_year(client):
    html = client.get("/en/matrix/?type=data-leak").content.decode()
    assert "row-social-platform-data-leak-2018" in html
    assert "row-shared-bike-quality-2017" not in html
    html = client.get("/en/matrix/?year=2017").content.decode()
    assert "row-shared-bike-quality-2017" in html
    assert "row-social-platform-data-leak-2018" not in html


def test_security_headers_and_csp_without_unsafe_inline(client):
    response = client.get("/en/")
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_static_assets_are_fingerprinted(client):
    html = client.get("/en/").content.decode()
    assert "/static/css/site." in html
    assert "/static/css/site.css" not in html


def test_the_500_page_renders_without_a_database_or_context(rf):
    from django.views.defaults import server_error

    response = server_error(rf.get("/en/"))
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()
