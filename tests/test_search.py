"""Search: the judged query set, query syntax, Chinese segmentation, snippets, hostile input,
index freshness through the admin, drafts, facets and a bounded number of queries.

The seed and corpus fixtures are loaded (tests/conftest.py); the same tests run on SQLite and,
with DATABASE_URL pointing at PostgreSQL, on PostgreSQL.
"""

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.db import connection
from django.http import QueryDict
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from cases.models import Case, CrisisType, ResponseMeasure
from cases.services import cases_set_status
from search import query as q
from search import selectors, text
from search.models import SearchDocument
from tests import factories as f

pytestmark = pytest.mark.django_db

DATA_LEAK = "social-platform-data-leak-2018"
COUNTERFEIT = "ecommerce-counterfeit-scandal-2019"
BIKE = "shared-bike-quality-2017"


def _search(query="", user=None, lang="en", **params):
    data = QueryDict(mutable=True)
    data.update({"q": query, **params})
    with translation.override(lang):
        return selectors.search(params=data, user=user or AnonymousUser())


def _slugs(result):
    return [hit.url.rstrip("/").rsplit("/", 1)[-1] for hit in result.hits]


def _case_slugs(result):
    return [s for s, hit in zip(_slugs(result), result.hits, strict=True) if hit.kind == "case"]


# --- the judged query set -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "slug"),
    [
        ("数据泄露", DATA_LEAK),
        ("data leak", DATA_LEAK),
        ("假货", COUNTERFEIT),
        ("counterfeit", COUNTERFEIT),
        ("召回", BIKE),
        ("recall", BIKE),
    ],
)
@pytest.mark.usefixtures("corpus")
def test_judged_queries_rank_the_expected_case_first(client, query, slug):
    result = _search(query)
    assert _slugs(result)[0] == slug, _slugs(result)[:5]
    response = client.get("/en/search/", {"q": query})
    assert response.status_code == 200
    first = response.content.decode().split('class="search-hit', 2)[1]
    assert f"/en/cases/{slug}/" in first


@pytest.mark.usefixtures("corpus")
def test_chinese_words_are_found_inside_longer_text():
    # The seed text has "…爆出的数据泄露事件…" with no spaces; both two-character words match.
    assert "数据" in text.segment("爆出的数据泄露事件") and "泄露" in text.segment("爆出数据泄露")
    assert DATA_LEAK in _case_slugs(_search("泄露事件"))
    assert DATA_LEAK in _case_slugs(_search("数据泄露 道歉"))


@pytest.mark.usefixtures("corpus")
def test_chinese_page_shows_chinese_titles_and_snippets(client):
    response = client.get("/zh-hans/search/", {"q": "recall"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "某共享单车企业产品质量问题" in body


# --- query syntax -------------------------------------------------------------------------


@pytest.mark.usefixtures("corpus")
def test_all_words_must_match():
    assert DATA_LEAK in _case_slugs(_search("Zuckerberg apology"))
    assert _search("Zuckerberg Tylenol").total == 0


@pytest.mark.usefixtures("corpus")
def test_exact_phrase():
    assert DATA_LEAK in _case_slugs(_search('"Cambridge Analytica"'))
    assert DATA_LEAK not in _case_slugs(_search('"Analytica Cambridge"'))
    assert _search('"Analytica Cambridge"').total == 0


@pytest.mark.usefixtures("corpus")
def test_or_matches_either():
    slugs = _case_slugs(_search("Equifax or Tylenol"))
    assert "equifax-breach-2017" in slugs
    assert "johnson-johnson-tylenol-poisonings-1982" in slugs
    assert _search("Equifax Tylenol").total == 0


@pytest.mark.usefixtures("corpus")
def test_minus_excludes():
    with_samsung = _case_slugs(_search("recall"))
    assert "samsung-galaxy-note7-recall-2016" in with_samsung
    without = _case_slugs(_search("recall -samsung"))
    assert "samsung-galaxy-note7-recall-2016" not in without
    assert BIKE in without
    assert DATA_LEAK not in _case_slugs(_search('数据泄露 -"Cambridge Analytica"'))


def test_parser_passes_no_database_syntax_through():
    parsed = q.parse('NEAR(a b) title:x * "unbalanced AND -')
    rendered = q.to_fts5(parsed)
    for token in parsed.highlight_tokens():
        assert token.isalnum()
    assert "NEAR(" not in rendered and ":" not in rendered and "*" not in rendered


# --- snippets -----------------------------------------------------------------------------


@pytest.mark.usefixtures("corpus")
def test_snippets_highlight_the_matched_words():
    hit = _search("召回").hits[0]
    assert "<mark>召回</mark>" in hit.snippet
    hit = _search("counterfeit").hits[0]
    assert "<mark>counterfeit</mark>" in hit.snippet.lower()
    assert "<mark>" in hit.title


def test_snippets_are_escaped_before_marks_are_added():
    f.case(
        slug="xss-case",
        title_en="Escaping <b>test</b>",
        summary_en='<script>alert("x")</script> the zorblatt & <i>friends</i>',
    )
    hit = _search("zorblatt").hits[0]
    assert "<script>" not in hit.snippet and "&lt;script&gt;" in hit.snippet
    assert "<mark>zorblatt</mark>" in hit.snippet
    assert "<b>" not in hit.title and "&lt;b&gt;" in hit.title


# --- hostile queries ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        '"unbalanced',
        'data "leak',
        '"',
        '""',
        "-",
        "--",
        "or",
        "OR AND NOT",
        "- or -",
        "NEAR(",
        "NEAR(data leak, 3)",
        "*",
        "data*",
        ":",
        "title:data",
        "^data",
        "😀🔥",
        "数据😀泄露",
        "x" * 5000,
        "数" * 5000,
        "a \x00 b \x01\x02\x1b[31m",
        "'; DROP TABLE cases_case; --",
        "1) OR 1=1 --",
        "\\",
        "%_%",
        "&!|<->():*",
    ],
)
@pytest.mark.usefixtures("corpus")
def test_hostile_queries_never_fail(client, query):
    response = client.get("/en/search/", {"q": query})
    assert response.status_code == 200
    response = client.get("/zh-hans/search/", {"q": query, "type": "data-leak", "page": "x"})
    assert response.status_code == 200


def test_only_operators_gives_a_friendly_message(client):
    response = client.get("/en/search/", {"q": "- or *"})
    assert response.status_code == 200
    assert "Nothing to search for" in response.content.decode()


# --- facets, kinds, pagination ------------------------------------------------------------


@pytest.mark.usefixtures("corpus")
def test_combines_with_the_case_facets(client):
    result = _search("apology", type="data-leak")
    assert result.total >= 1
    assert all(hit.kind == "case" for hit in result.hits)
    data_leak = CrisisType.objects.get(slug="data-leak")
    for hit in result.hits:
        slug = hit.url.rstrip("/").rsplit("/", 1)[-1]
        assert Case.objects.get(slug=slug).crisis_types.filter(pk=data_leak.pk).exists()
    type_facet = next(facet for facet in result.facets if facet.name == "type")
    assert [o.value for o in type_facet.options if o.selected] == ["data-leak"]
    assert result.query_params.get("q") == "apology"
    # On the page, the selected type's link removes the type and keeps the query.
    html = client.get("/en/search/", {"q": "apology", "type": "data-leak"}).content.decode()
    links = re.findall(r'<a href="([^"]*)" aria-current="true" class="selected">', html)
    assert links and all("q=apology" in link and "type=" not in link for link in links)
    response = client.get("/en/search/", {"q": "apology", "type": "data-leak", "year": "2018"})
    assert response.status_code == 200


@pytest.mark.usefixtures("corpus")
def test_kind_filter_and_doctrine_results():
    result = _search("透明度", kind="principle")
    assert result.hits and all(hit.kind == "principle" for hit in result.hits)
    assert "/principles/transparency-integrity/" in result.hits[0].url
    kinds = {hit.kind for hit in _search("fast response").hits}
    assert "principle" in kinds and "case" in kinds


def test_results_are_paginated(client):
    for n in range(25):
        f.case(slug=f"pager-{n}", title_en=f"Quuxly case {n}")
    first = _search("quuxly")
    assert first.total == 25 and len(first.hits) == 20
    response = client.get("/en/search/", {"q": "quuxly", "page": "2"})
    assert response.status_code == 200
    assert response.content.decode().count('class="search-hit ') == 5


def test_results_beyond_the_cap_are_announced_not_counted(client, monkeypatch):
    monkeypatch.setattr(selectors, "MAX_RESULTS", 4)
    monkeypatch.setattr(selectors, "FACET_SAMPLE", 4)
    for n in range(6):
        f.case(slug=f"capped-{n}", title_en=f"Blorptastic case {n}")
    result = _search("blorptastic")
    assert result.capped and result.total == 4
    body = client.get("/en/search/", {"q": "blorptastic"}).content.decode()
    assert "More than 4 results" in body
    assert "best-matching cases" in body


# --- freshness and drafts -----------------------------------------------------------------


def _change_form(client, case, **overrides):
    """The admin change form's current values for a case without inline rows."""
    response = client.get(reverse("admin:cases_case_change", args=[case.pk]))
    data = {
        "slug": case.slug,
        "status": case.status,
        "primary_type": case.primary_type_id,
        "crisis_types": [t.pk for t in case.crisis_types.all()],
        "tags": ", ".join(case.tags.names()),
        "year": str(case.year),
        "outbreak_precision": case.outbreak_precision,
        "origin": case.origin,
        "search_weight": str(case.search_weight),
        "title_en": case.title_en,
        "title_zh_hans": case.title_zh_hans or "",
        "organisation_en": case.organisation_en,
    }
    for formset in response.context["inline_admin_formsets"]:
        prefix = formset.formset.prefix
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": "0",
                f"{prefix}-INITIAL_FORMS": "0",
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
    data.update(overrides)
    return data


def _save(client, case, **overrides):
    response = client.post(
        reverse("admin:cases_case_change", args=[case.pk]), _change_form(client, case, **overrides)
    )
    assert response.status_code == 302, (
        response.context["adminform"].form.errors if response.context else response
    )


def test_an_admin_title_edit_is_found_at_once(staff_client, client):
    case = f.case(slug="fresh-case", title_en="Plain old title")
    assert _search("Frobnicated").total == 0
    _save(staff_client, case, title_en="Frobnicated title", title_zh_hans="全新标题")
    assert _slugs(_search("frobnicated")) == ["fresh-case"]
    assert "fresh-case" in _slugs(_search("全新标题"))
    assert _search("plain old title").total == 0
    response = client.get("/en/search/", {"q": "frobnicated"})
    assert "/en/cases/fresh-case/" in response.content.decode()


def test_the_index_follows_tags_measures_publication_and_deletion(staff_client):
    case = f.case(slug="follow-case", title_en="Follow case")
    _save(staff_client, case, tags="wibblewobble")
    assert _slugs(_search("wibblewobble")) == ["follow-case"]

    ResponseMeasure.objects.create(case=case, position=1, title_en="Quarantined the gizmotron")
    assert _slugs(_search("gizmotron")) == ["follow-case"]

    cases_set_status(cases=Case.objects.filter(pk=case.pk), status=Case.Status.DRAFT)
    assert _search("gizmotron").total == 0
    response = staff_client.post(
        reverse("admin:cases_case_changelist"),
        {"action": "publish", "_selected_action": [case.pk]},
    )
    assert response.status_code == 302
    assert _slugs(_search("gizmotron")) == ["follow-case"]

    response = staff_client.post(
        reverse("admin:cases_case_delete", args=[case.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert _search("gizmotron").total == 0
    assert not SearchDocument.objects.filter(kind="case", object_id=case.pk).exists()


def test_doctrine_edits_are_indexed():
    principle = f.principle(slug="p-fresh", name_en="Snorkelling candour")
    assert _slugs(_search("snorkelling")) == ["p-fresh"]
    principle.name_en = "Renamed candour"
    principle.save()
    assert _search("snorkelling").total == 0
    principle.delete()
    assert _search("candour", kind="principle").total == 0


def test_a_draft_is_never_found_anonymously(staff_client, django_user_model):
    client = Client()  # `staff_client` is pytest-django's `client`, logged in
    f.case(slug="secret-draft", title_en="Hushhush draft", status=Case.Status.DRAFT)
    assert _search("hushhush").total == 0
    assert "secret-draft" not in client.get("/en/search/", {"q": "hushhush"}).content.decode()
    assert _search("hushhush", kind="case").total == 0
    assert _search("hushhush", type="data-leak").total == 0
    staff = django_user_model.objects.get(username="curator")
    assert _slugs(_search("hushhush", user=staff)) == ["secret-draft"]
    body = staff_client.get("/en/search/", {"q": "hushhush"}).content.decode()
    assert "secret-draft" in body and "badge-draft" in body


@pytest.mark.usefixtures("corpus")
def test_rebuild_command_rebuilds_everything(capsys):
    SearchDocument.objects.all().delete()
    assert _search("counterfeit").total == 0
    call_command("rebuild_search_index")
    assert "rebuilt" in capsys.readouterr().out
    assert _slugs(_search("counterfeit"))[0] == COUNTERFEIT
    assert SearchDocument.objects.filter(kind="case").count() == Case.objects.count()


# --- query count ------------------------------------------------------------------------


def _count(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("url", ["/en/search/?q=qcword", "/en/search/?q=qcword&tag=qc-tag"])
def test_search_page_query_count_is_bounded(client, url):
    crisis_type = f.crisis_type(slug="qc-type")
    for n in range(5):
        f.case(slug=f"qc-{n}", title_en=f"Qcword {n}", crisis_types=[crisis_type], tags=["qc-tag"])
    small = _count(client, url)
    for n in range(5, 60):
        f.case(slug=f"qc-{n}", title_en=f"Qcword {n}", crisis_types=[crisis_type], tags=["qc-tag"])
    large = _count(client, url)
    assert small == large
    assert large <= 14


def test_a_curators_search_weight_reorders_equal_matches(staff_client):
    first = f.case(slug="weight-a", title_en="Quuxable recall story")
    second = f.case(slug="weight-b", title_en="Quuxable recall story")
    before = _case_slugs(_search("quuxable"))
    assert set(before) == {"weight-a", "weight-b"}
    low, high = (first, second) if before[0] == "weight-a" else (second, first)
    _save(staff_client, low, search_weight="5")
    assert _case_slugs(_search("quuxable"))[0] == low.slug
    _save(staff_client, low, search_weight="0.5")
    assert _case_slugs(_search("quuxable"))[0] == high.slug
