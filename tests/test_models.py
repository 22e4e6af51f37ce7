"""Model constraints, querysets and Markdown rendering on save."""

import pytest
from django.db import IntegrityError, transaction

from cases.models import Case, CaseRelation, ImpactFigure, ResponseMeasure
from strategies.models import Principle
from tests import factories as f

pytestmark = pytest.mark.django_db


def _violates(create):
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


def test_case_slug_is_unique():
    f.case(slug="same-slug")
    _violates(lambda: f.case(slug="same-slug"))


def test_principle_slug_is_unique():
    f.principle(slug="p-unique")
    _violates(lambda: f.principle(slug="p-unique"))


@pytest.mark.parametrize("year", [1899, 2101])
def test_case_year_must_be_sane(year):
    _violates(lambda: f.case(year=year))


def test_case_year_bounds_are_allowed():
    assert f.case(year=1900).pk and f.case(year=2100).pk


def test_measure_positions_are_unique_per_case():
    case = f.case()
    f.measure(case=case, position=1)
    _violates(lambda: f.measure(case=case, position=1))
    # The same position in another case is fine.
    assert f.measure(case=f.case(), position=1).pk


def test_source_refs_are_unique_per_case_and_positive():
    case = f.case()
    f.source(case=case, ref=1)
    _violates(lambda: f.source(case=case, ref=1))
    _violates(lambda: f.source(case=case, ref=0))


def test_impact_figures_are_non_negative_and_ranges_ordered():
    case = f.case()
    _violates(
        lambda: ImpactFigure.objects.create(case=case, label_en="x", value=-1, unit="people")
    )
    _violates(
        lambda: ImpactFigure.objects.create(
            case=case, label_en="x", value=10, value_high=5, unit="people"
        )
    )
    assert ImpactFigure.objects.create(
        case=case, label_en="range", value=50, value_high=87, unit="people"
    ).pk


def test_a_case_cannot_relate_to_itself():
    case = f.case()
    _violates(lambda: CaseRelation.objects.create(from_case=case, to_case=case))


def test_published_excludes_drafts():
    draft = f.case(status=Case.Status.DRAFT)
    live = f.case()
    published = set(Case.objects.published())
    assert live in published
    assert draft not in published


def test_published_at_is_set_once_on_first_publication():
    case = f.case(status=Case.Status.DRAFT)
    assert case.published_at is None
    case.status = Case.Status.PUBLISHED
    case.save()
    first = case.published_at
    assert first is not None
    case.status = Case.Status.DRAFT
    case.save()
    case.status = Case.Status.PUBLISHED
    case.save()
    assert case.published_at == first


def test_markdown_is_rendered_per_language_on_save():
    principle = f.principle(body_en="**Bold** claim", body_zh_hans="*强调*")
    principle.refresh_from_db()
    assert "<strong>Bold</strong>" in principle.body_html_en
    assert "<em>强调</em>" in principle.body_html_zh_hans


def test_measure_markdown_is_rendered_on_save():
    measure = f.measure(case=f.case(), description_en="- one\n- two")
    assert "<li>one</li>" in ResponseMeasure.objects.get(pk=measure.pk).description_html_en


def test_principle_ordering_follows_position():
    f.principle(slug="zz-first", position=0)
    assert Principle.objects.ordered().first().slug == "zz-first"
