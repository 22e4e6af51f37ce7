"""Countries instead of words, milestones as the files give them, provisions not yet in force,
and the content marks: quotation versus commentary, the knowledge base's own classification."""

import json
from datetime import time
from pathlib import Path

import pytest
from django.conf import settings

from cases.models import Case, Country, CrisisType, Source, TimelineEvent
from cases.services import _case_rows
from core import countries
from core.fixtures import _plain, fingerprint
from legal.models import Jurisdiction, LegalProvision
from strategies.models import Tactic

FACTS = Path(settings.BASE_DIR) / "fixtures" / "facts"
NEW_CASE_FILES = ("real-cases-2.json", "real-cases-3.json", "real-cases-cn-2.json")


def _new_records() -> dict:
    records = {}
    for name in NEW_CASE_FILES:
        for record in json.loads((FACTS / name).read_text(encoding="utf-8")):
            records[record["key"]] = record
    return records


NEW = _new_records()


# --- pure functions -----------------------------------------------------------------------


def test_country_names_in_both_languages():
    assert countries.name("GB", "en") == "United Kingdom"
    assert countries.name("GB", "zh-hans") == "英国"
    assert countries.name("US-CA", "en") == "California (United States)"
    assert countries.name("US-CA", "zh-hans") == "美国加利福尼亚州"


def test_country_codes_are_validated_by_iso_3166():
    assert countries.is_valid("CN") and countries.is_valid("US-NY")
    for bad in ("XX", "us", "USA", "US-ZZ", "", "Europe"):
        assert not countries.is_valid(bad), bad
    assert countries.country_of("US-CA") == "US"


def test_fingerprints_survive_a_change_of_column_type():
    # 87000000 stored as an integer and as a decimal are the same value.
    from decimal import Decimal

    assert _plain(87_000_000) == _plain(Decimal("87000000.00"))
    assert _plain(Decimal("14.60")) == "14.6"


# --- the new cases ------------------------------------------------------------------------


def test_there_are_26_new_cases_in_the_files():
    assert len(NEW) == 26


@pytest.mark.usefixtures("corpus")
@pytest.mark.django_db
@pytest.mark.parametrize("key", sorted(NEW))
def test_every_new_case_keeps_the_milestones_of_its_file(key):
    case = Case.objects.get(corpus_key=key)
    assert case.countries.exists(), key
    stored = list(case.timeline.order_by("position"))
    given = NEW[key]["timeline"]
    assert len(stored) == len(given), key
    for event, entry in zip(stored, given, strict=True):
        assert event.milestone == (entry.get("milestone") or ""), (key, event.position)
        if entry.get("time"):
            assert event.time == time.fromisoformat(entry["time"]), (key, event.position)
        else:
            assert event.time is None, (key, event.position)


@pytest.mark.usefixtures("corpus")
@pytest.mark.django_db
def test_the_new_crisis_types_are_the_knowledge_base_s_classification():
    for slug in ("food-safety", "financial-fraud", "environmental", "labour"):
        crisis_type = CrisisType.objects.get(slug=slug)
        assert not crisis_type.from_source_document
        assert crisis_type.description_en and crisis_type.description_zh_hans
    named = set(
        CrisisType.objects.filter(from_source_document=True).values_list("slug", flat=True)
    )
    assert named == {"data-leak", "negative-public-opinion", "product-quality-service"}


@pytest.mark.usefixtures("corpus")
@pytest.mark.django_db
def test_every_crisis_type_offered_has_a_published_case(client):
    html = client.get("/en/types/").content.decode()
    for crisis_type in CrisisType.objects.all():
        has_cases = Case.objects.published().filter(crisis_types=crisis_type).exists()
        assert (crisis_type.get_absolute_url() in html) == has_cases, crisis_type.slug
    for slug in ("counterfeit", "cybersecurity-incident", "false-advertising"):
        assert Case.objects.published().filter(crisis_types__slug=slug).exists(), slug


@pytest.mark.django_db
def test_a_type_with_only_draft_cases_is_a_404(client):
    lonely = CrisisType.objects.create(slug="only-drafts", name_en="Only drafts", position=99)
    draft = Case.objects.create(
        slug="a-draft", title_en="A draft", organisation_en="X", year=2020, primary_type=lonely
    )
    draft.crisis_types.set([lonely])
    assert client.get("/en/types/only-drafts/").status_code == 404
    assert "/en/types/only-drafts/" not in client.get("/en/types/").content.decode()


@pytest.mark.usefixtures("corpus")
@pytest.mark.django_db
def test_the_counterfeit_cases_are_typed_so():
    slugs = set(
        Case.objects.filter(crisis_types__slug="counterfeit").values_list("slug", flat=True)
    )
    assert {
        "pinduoduo-counterfeit-controversy-2018",
        "taobao-saic-counterfeit-report-2015",
        "ecommerce-counterfeit-scandal-2019",
    } <= slugs


# --- countries on the case list and the case page -----------------------------------------


@pytest.mark.usefixtures("corpus")
@pytest.mark.django_db
def test_the_case_list_filters_by_country(client):
    html = client.get("/en/cases/?country=GB").content.decode()
    expected = Case.objects.published().filter(countries__code="GB").distinct().count()
    assert expected >= 3
    assert f"{expected} case" in html
    assert "/en/cases/kfc-uk-chicken-shortage-2018/" in html
    assert "/en/cases/weibo-user-data-leak-2020/" not in html


@pytest.mark.usefixtures("corpus")
@pytest.mark.django_db
def test_a_country_filter_includes_its_subdivisions(client):
    case = Case.objects.get(slug="equifax-breach-2017")
    case.countries.set([Country.objects.get_or_create(code="US-NY")[0]])
    html = client.get("/en/cases/", {"country": "US", "year": 2017}).content.decode()
    assert "/en/cases/equifax-breach-2017/" in html
    html = client.get("/en/cases/", {"country": "GB", "year": 2017}).content.decode()
    assert "/en/cases/equifax-breach-2017/" not in html


@pytest.mark.django_db
def test_an_unknown_or_malformed_country_is_ignored_not_an_error(client):
    for value in ("XX", "usa", "<script>", "U" * 500):
        response = client.get("/en/cases/", {"country": value})
        assert response.status_code == 200, value
        assert "Country or region" in response.content.decode()


@pytest.mark.usefixtures("corpus")
@pytest.mark.django_db
def test_the_case_page_names_its_countries_in_both_languages(client):
    en = client.get("/en/cases/kfc-uk-chicken-shortage-2018/").content.decode()
    zh = client.get("/zh-hans/cases/kfc-uk-chicken-shortage-2018/").content.decode()
    assert '?country=GB">United Kingdom</a>' in en
    assert '?country=GB">英国</a>' in zh


@pytest.mark.usefixtures("corpus")
@pytest.mark.django_db
def test_jurisdictions_follow_countries_through_the_tree():
    eu = Jurisdiction.objects.get(code="eu")
    assert {"DE", "FR", "NO"} <= set(eu.countries.values_list("code", flat=True))
    assert Jurisdiction.objects.get(code="us-ca").parent.code == "us"
    # The UK is apart from the EU.
    assert not eu.countries.filter(code="GB").exists()


@pytest.mark.usefixtures("corpus")
@pytest.mark.django_db
def test_a_case_in_a_member_state_gets_the_eu_s_duties(client):
    html = client.get("/en/cases/norsk-hydro-lockergoga-ransomware-2019/").content.decode()
    panel = html.split('id="legal-duties"')[1].split("</section>")[0]
    assert "EU / EEA" in panel


# --- provisions ---------------------------------------------------------------------------


@pytest.mark.usefixtures("corpus")
@pytest.mark.django_db
def test_a_provision_not_in_force_says_so_and_stays_off_the_clock(client):
    circia = LegalProvision.objects.get(
        slug="us-circia-cisa-incident-and-ransom-payment-reporting-pending"
    )
    assert not circia.in_force
    assert "not yet in force" in client.get(circia.get_absolute_url()).content.decode()
    html = client.get(
        "/en/legal/clock/",
        {
            "date": "2026-03-02",
            "time": "09:00",
            "tz": "America/New_York",
            "type": "cybersecurity-incident",
            "jurisdiction": "us",
        },
    ).content.decode()
    later = html.split("Not yet in force on that date")[1]
    assert circia.get_absolute_url() in later


@pytest.mark.usefixtures("corpus")
@pytest.mark.django_db
def test_partly_verified_provisions_are_shown_as_such(client):
    partial = LegalProvision.objects.filter(verification="partial").first()
    assert partial is not None
    html = client.get(f"/en/legal/jurisdictions/{partial.jurisdiction.code}/").content.decode()
    assert "partly verified" in html


# --- doctrine: quotation versus commentary ------------------------------------------------


@pytest.mark.usefixtures("corpus")
@pytest.mark.django_db
def test_a_principle_page_sets_the_source_s_words_apart_from_the_commentary(client):
    html = client.get("/zh-hans/principles/fast-response/").content.decode()
    quote = html.split('<figure class="source-quote">')[1].split("</figure>")[0]
    assert "在危机发生后迅速作出反应，及时披露信息，抢占舆论引导的先机。" in quote
    assert "源文档第3.1节" in quote
    assert 'class="analysis-label"' in html.split("</figure>")[1]


@pytest.mark.usefixtures("corpus")
@pytest.mark.django_db
def test_the_adaptive_response_completion_is_marked_as_the_knowledge_base_s(client):
    tactic = Tactic.objects.get(slug="adaptive-response")
    assert "［调整公司的应对。］" in tactic.quote_zh_hans
    html = client.get("/en/tactics/adaptive-response/").content.decode()
    assert "[adjust the company&#x27;s response.]" in html
    assert "the words in square brackets are the knowledge base" in html


# --- sources ------------------------------------------------------------------------------


@pytest.mark.usefixtures("corpus")
@pytest.mark.django_db
def test_inferred_source_dates_are_marked_on_the_page(client):
    source = Source.objects.filter(date_inferred=True, case__status="published").first()
    assert source is not None
    html = client.get(source.case.get_absolute_url()).content.decode()
    assert "date inferred, not read in the source" in html


@pytest.mark.usefixtures("corpus")
@pytest.mark.django_db
def test_derived_milestones_are_marked_on_the_page(client):
    event = TimelineEvent.objects.filter(derived=True).select_related("case").first()
    assert event is not None
    html = client.get(event.case.get_absolute_url()).content.decode()
    assert 'class="badge badge-derived"' in html


@pytest.mark.usefixtures("corpus")
@pytest.mark.django_db
def test_a_case_fingerprint_changes_with_its_children():
    case = Case.objects.get(slug="equifax-breach-2017")
    before = fingerprint(_case_rows(case))
    event = case.timeline.first()
    event.text_en += " (edited)"
    event.save()
    assert fingerprint(_case_rows(case)) != before


# --- milestones trace back to their facts -------------------------------------------------

MILESTONE_RECORDS = json.loads((FACTS / "milestones.json").read_text(encoding="utf-8"))
CASE_RECORDS = {
    r["key"]: r
    for name in ("real-cases.json", "real-cases-cn.json")
    for r in json.loads((FACTS / name).read_text(encoding="utf-8"))
}


def _norm(url: str) -> str:
    return (url or "").strip().rstrip("/")


@pytest.mark.usefixtures("corpus")
@pytest.mark.django_db
@pytest.mark.parametrize("record", MILESTONE_RECORDS, ids=lambda r: r["key"])
def test_every_milestone_traces_to_its_entry_and_sources(record):
    case = Case.objects.get(corpus_key=record["key"])
    facts = CASE_RECORDS[record["key"]]
    events = list(case.timeline.prefetch_related("sources"))
    for milestone in record["milestones"]:
        if not milestone["milestone"]:
            continue  # an untyped entry of the file: nothing to carry
        day, precision = milestone["date"], milestone.get("precision")
        parts = len(day.split("-"))
        matches = [
            e
            for e in events
            if e.milestone == milestone["milestone"]
            and e.date is not None
            and e.date_precision == {1: "year", 2: "month", 3: "day"}[parts]
            and e.date.isoformat()[: len(day)] == day
            and (e.time.strftime("%H:%M") if e.time else None) == milestone.get("time")
        ]
        assert len(matches) == 1, (record["key"], milestone["milestone"], day, precision)
        event = matches[0]
        assert event.derived == (milestone.get("confidence") == "derived"), event.pk
        cited = {_norm(s.url) for s in event.sources.all()}
        for index in milestone.get("src") or []:
            assert _norm(facts["sources"][index]["url"]) in cited, (record["key"], index)
        for source in milestone.get("new_sources") or []:
            assert _norm(source["url"]) in cited, (record["key"], source["url"])
