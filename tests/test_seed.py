"""The seed data: the source document's doctrine and three cases, loaded idempotently."""

import json
from pathlib import Path

import pytest
from django.conf import settings

from cases.models import Case, CrisisType, ImpactFigure, ResponseMeasure, Source, TimelineEvent
from core.loading import load_all
from strategies.models import Principle, Strategy, Tactic

pytestmark = pytest.mark.django_db

SEED_CASES = [
    "social-platform-data-leak-2018",
    "ecommerce-counterfeit-scandal-2019",
    "shared-bike-quality-2017",
]
PRINCIPLES = [
    "transparency-integrity",
    "customer-first",
    "fast-response",
    "taking-responsibility",
    "consistency",
]
TACTICS = {
    "rapid-response-disclosure": {"emergency-plan", "news-centre"},
    "communication-coordination": {"internal-communication", "external-communication"},
    "sentiment-monitoring-response": {"sentiment-monitoring", "adaptive-response"},
}


@pytest.mark.usefixtures("corpus")
def test_five_principles_in_document_order():
    assert list(Principle.objects.ordered().values_list("slug", flat=True)[:5]) == PRINCIPLES


@pytest.mark.usefixtures("corpus")
def test_three_strategies_with_their_tactics():
    for slug, tactics in TACTICS.items():
        strategy = Strategy.objects.get(slug=slug)
        assert set(strategy.tactics.values_list("slug", flat=True)) == tactics
        assert strategy.principles.exists()


@pytest.mark.usefixtures("corpus")
def test_the_documents_three_crisis_types_have_descriptions():
    for slug in ("data-leak", "negative-public-opinion", "product-quality-service"):
        crisis_type = CrisisType.objects.get(slug=slug)
        assert crisis_type.description_en and crisis_type.description_zh_hans


@pytest.mark.usefixtures("corpus")
@pytest.mark.parametrize("slug", SEED_CASES)
def test_seed_case_keeps_the_documents_four_measures(slug):
    case = Case.objects.get(slug=slug)
    assert case.status == Case.Status.PUBLISHED
    document = case.sources.get(kind=Source.Kind.DOCUMENT)
    from_document = case.measures.filter(sources=document).order_by("position")
    assert from_document.count() == 4
    assert list(from_document.values_list("position", flat=True)) == [1, 2, 3, 4]


@pytest.mark.usefixtures("corpus")
@pytest.mark.parametrize("slug", SEED_CASES)
def test_seed_case_year_matches_the_document(slug):
    assert Case.objects.get(slug=slug).year == int(slug[-4:])


@pytest.mark.usefixtures("corpus")
def test_every_measure_embodies_at_least_one_principle():
    assert not ResponseMeasure.objects.filter(principles=None).exists()


@pytest.mark.usefixtures("corpus")
def test_data_leak_impact_is_a_structured_figure():
    case = Case.objects.get(slug="social-platform-data-leak-2018")
    values = set(case.figures.values_list("value", flat=True)) | set(
        case.figures.exclude(value_high=None).values_list("value_high", flat=True)
    )
    assert 87_000_000 in values


@pytest.mark.usefixtures("corpus")
def test_every_fixture_case_is_loaded():
    files = sorted((Path(settings.CRISISKB_FIXTURES) / "cases").glob("*.json"))
    slugs = {json.loads(p.read_text(encoding="utf-8"))["slug"] for p in files}
    assert slugs <= set(Case.objects.values_list("slug", flat=True))


@pytest.mark.usefixtures("corpus")
def test_loading_twice_changes_nothing():
    models = [Case, ResponseMeasure, Source, TimelineEvent, ImpactFigure, Principle, Tactic]
    before = {m: sorted(m.objects.values_list("pk", flat=True)) for m in models}
    stamps = dict(Case.objects.values_list("pk", "updated_at"))
    assert load_all().changes == 0
    after = {m: sorted(m.objects.values_list("pk", flat=True)) for m in models}
    assert before == after
    assert dict(Case.objects.values_list("pk", "updated_at")) == stamps
