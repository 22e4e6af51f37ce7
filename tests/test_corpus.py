"""The documented corpus: every case of the fact files is here, sourced, in both languages,
and no number on a case page is missing from that case's recorded facts."""

import json
import re
from collections import Counter
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings

from cases.models import Case, CaseRelation, ImpactFigure, ResponseMeasure, TimelineEvent

pytestmark = pytest.mark.django_db

FACTS = Path(settings.BASE_DIR) / "fixtures" / "facts"
# The facts files' crisis types -> the knowledge base's slugs ("product_defect" is the seed's
# product quality and service problems).
TYPE_MAP = {
    "data_leak": "data-leak",
    "negative_public_opinion": "negative-public-opinion",
    "product_quality_service": "product-quality-service",
    "product_defect": "product-quality-service",
    "other:regulatory_action": "regulatory-action",
    "service_outage": "service-outage",
    "product_safety": "product-safety",
    "corporate_misconduct": "corporate-misconduct",
    "food_safety": "food-safety",
    "environmental": "environmental",
    "financial_fraud": "financial-fraud",
    "customer_treatment": "customer-treatment",
    "supply_chain": "supply-chain",
    "labour": "labour",
}
CASE_FILES = (
    "real-cases.json",
    "real-cases-cn.json",
    "real-cases-2.json",
    "real-cases-3.json",
    "real-cases-cn-2.json",
)


def _records():
    records = []
    for name in CASE_FILES:
        records += json.loads((FACTS / name).read_text(encoding="utf-8"))
    return records


RECORDS = {r["key"]: r for r in _records()}
# The typed, timed milestones of the 34 earlier cases: facts too (their texts and times).
MILESTONES = {
    r["key"]: r for r in json.loads((FACTS / "milestones.json").read_text(encoding="utf-8"))
}


@pytest.mark.usefixtures("corpus")
def test_every_case_of_the_fact_files_is_a_record():
    keys = set(Case.objects.exclude(corpus_key="").values_list("corpus_key", flat=True))
    assert keys == set(RECORDS)


@pytest.mark.usefixtures("corpus")
@pytest.mark.parametrize("key", sorted(RECORDS))
def test_every_documented_case_is_published_in_both_languages(key):
    case = Case.objects.get(corpus_key=key)
    assert case.status == Case.Status.PUBLISHED
    for field in ("title", "organisation", "summary", "background", "outcome", "assessment"):
        assert getattr(case, f"{field}_en"), (key, field)
        assert getattr(case, f"{field}_zh_hans"), (key, field)
    assert case.year == RECORDS[key]["year"]
    assert case.primary_type.slug == TYPE_MAP[RECORDS[key]["crisis_type"]]
    assert case.sources.count() >= 1
    assert case.measures.count() >= len(RECORDS[key]["response_measures"])
    for measure in case.measures.all():
        assert measure.title_en and measure.title_zh_hans


@pytest.mark.usefixtures("corpus")
def test_counts_per_crisis_type_match_the_files():
    expected = Counter(TYPE_MAP[r["crisis_type"]] for r in RECORDS.values())
    actual = Counter(
        Case.objects.exclude(corpus_key="").values_list("primary_type__slug", flat=True)
    )
    assert actual == expected


@pytest.mark.usefixtures("corpus")
def test_every_timeline_entry_and_figure_cites_a_source():
    assert not TimelineEvent.objects.filter(sources=None).exists()
    assert not ImpactFigure.objects.filter(sources=None).exists()


@pytest.mark.usefixtures("corpus")
def test_every_measure_embodies_a_principle_and_every_case_has_a_type():
    assert not ResponseMeasure.objects.filter(principles=None).exists()
    assert not Case.objects.filter(crisis_types=None).exists()


@pytest.mark.usefixtures("corpus")
def test_mirrors_are_marked_and_shown(client):
    mirrored = Case.objects.filter(sources__is_mirror=True).distinct()
    assert mirrored.exists()
    html = client.get(mirrored[0].get_absolute_url()).content.decode()
    assert "badge-mirror" in html


@pytest.mark.usefixtures("corpus")
def test_seed_cases_relate_to_their_documented_counterparts():
    assert Case.objects.get(corpus_key="facebook-cambridge-analytica-2018").slug == (
        "social-platform-data-leak-2018"
    )
    pairs = set(CaseRelation.objects.values_list("from_case__slug", "to_case__slug"))
    for seed, documented in [
        ("ecommerce-counterfeit-scandal-2019", "pinduoduo-counterfeit-controversy-2018"),
        ("shared-bike-quality-2017", "ofo-mobike-bike-sharing-2018"),
    ]:
        assert (documented, seed) in pairs
        assert (seed, documented) in pairs


# --- the guard against invented figures -------------------------------------------------

SCALE = {
    "k": 10**3,
    "m": 10**6,
    "bn": 10**9,
    "thousand": 10**3,
    "million": 10**6,
    "billion": 10**9,
    "trillion": 10**12,
    "千": 10**3,
    "万": 10**4,
    "亿": 10**8,
}
NUMBER = re.compile(
    r"(\d[\d,]*(?:\.\d+)?)\s*(thousand|million|billion|trillion|千|万|亿|bn\b|m\b|k\b)?",
    re.IGNORECASE,
)


def numbers_in(text: str) -> set[Decimal]:
    """Every number in `text`, raw and scaled (87 million -> 87 and 87000000)."""
    found = set()
    for digits, scale in NUMBER.findall(text):
        value = Decimal(digits.replace(",", ""))
        found.add(value * SCALE[scale.lower()] if scale else value)
    return found


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, int | float):
        yield str(value)


class _MainText(HTMLParser):
    """Text of <main>, without the parts that belong to other records or to navigation."""

    # The legal-duties panel shows provisions (records of their own, with their own sources) and
    # repeats the case's regulatory events and fines, which the timeline and figures already show.
    # The response clock is arithmetic on the case's own dates (labelled as such).
    SKIP_IDS = {"related-section", "sources", "cite", "legal-duties", "response-clock"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.skip = 0
        self.stack = []
        self.parts = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "main":
            self.depth += 1
        skipping = (
            attrs.get("id") in self.SKIP_IDS
            or "ref" in (attrs.get("class") or "").split()
            # Arithmetic on two dates the page shows (the response delay), not a figure.
            or "computed" in (attrs.get("class") or "").split()
            or tag == "nav"
        )
        self.stack.append((tag, skipping))
        self.skip += skipping

    def handle_endtag(self, tag):
        while self.stack:
            opened, skipping = self.stack.pop()
            self.skip -= skipping
            if opened == tag:
                break
        if tag == "main":
            self.depth -= 1

    def handle_data(self, data):
        if self.depth and not self.skip:
            self.parts.append(data)


def page_numbers(html: str) -> set[Decimal]:
    parser = _MainText()
    parser.feed(html)
    return numbers_in(" ".join(parser.parts))


def fact_numbers(record: dict) -> set[Decimal]:
    numbers = set()
    for text in _strings(record):
        numbers |= numbers_in(text)
        # In the facts, "87 million" vouches for 87 as well as 87000000.
        numbers |= {Decimal(d.replace(",", "")) for d, _scale in NUMBER.findall(text)}
    for text in _strings(record):
        for match in re.findall(r"\d{4}-(\d{2})(?:-(\d{2}))?", text):
            numbers |= {Decimal(int(n)) for n in match if n}
    return numbers


@pytest.mark.usefixtures("corpus")
@pytest.mark.parametrize("lang", ["en", "zh-hans"])
@pytest.mark.parametrize("key", sorted(RECORDS))
def test_every_number_on_a_case_page_is_in_its_facts(client, key, lang):
    case = Case.objects.get(corpus_key=key)
    html = client.get(f"/{lang}{case.get_absolute_url()[3:]}").content.decode()
    allowed = fact_numbers(RECORDS[key]) | fact_numbers(MILESTONES.get(key, {}))
    if case.origin == Case.Origin.SEED:
        document = (FACTS / "crisis-pr-review.zh.txt").read_text(encoding="utf-8")
        allowed |= numbers_in(document)
    # Single digits are list positions, ordinals and counts of sentences, not figures.
    invented = {n for n in page_numbers(html) - allowed if n >= 10}
    assert not invented, f"{key} ({lang}): {sorted(invented)}"
