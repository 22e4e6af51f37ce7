"""The curators' admin: every page loads, inlines save, bulk actions, field errors."""

import pytest
from django.urls import reverse

from cases.models import (
    Case,
    CaseRelation,
    CrisisType,
    ImpactFigure,
    ResponseMeasure,
    Source,
    TimelineEvent,
)
from strategies.models import Essay, Principle, Strategy, Tactic

pytestmark = pytest.mark.django_db

MODELS = [
    Case,
    CaseRelation,
    CrisisType,
    ImpactFigure,
    ResponseMeasure,
    Source,
    TimelineEvent,
    Essay,
    Principle,
    Strategy,
    Tactic,
]


def _url(model, action, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{action}", args=args)


@pytest.mark.usefixtures("corpus")
@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_admin_list_add_and_change_pages_load(staff_client, model):
    assert staff_client.get(_url(model, "changelist")).status_code == 200
    assert staff_client.get(_url(model, "changelist") + "?q=data").status_code == 200
    assert staff_client.get(_url(model, "add")).status_code == 200
    if model is CaseRelation and not model.objects.exists():
        first, second = Case.objects.all()[:2]
        CaseRelation.objects.create(from_case=first, to_case=second, reason_en="test")
    obj = model.objects.first()
    assert obj is not None
    assert staff_client.get(_url(model, "change", obj.pk)).status_code == 200


def _inline_management(prefix, total=0, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def _case_form(**overrides):
    data = {
        "title_en": "Admin-made case",
        "title_zh_hans": "管理员创建的案例",
        "slug": "admin-made-case",
        "status": "draft",
        "organisation_en": "Example Org",
        "primary_type": CrisisType.objects.get(slug="data-leak").pk,
        "crisis_types": [CrisisType.objects.get(slug="data-leak").pk],
        "tags": "admin-tag",
        "year": "2021",
        "outbreak_precision": "day",
        "origin": "editorial",
        "search_weight": "1",
    }
    data.update(_inline_management("measures"))
    data.update(_inline_management("timeline"))
    data.update(_inline_management("sources"))
    data.update(_inline_management("figures"))
    data.update(_inline_management("relations"))
    data.update(overrides)
    return data


def _assert_rejected(staff_client, data):
    """The add form comes back with its errors (200, not a redirect) and nothing is saved."""
    response = staff_client.post(_url(Case, "add"), data)
    assert response.status_code == 200
    assert not Case.objects.filter(slug="admin-made-case").exists()
    return response


@pytest.mark.usefixtures("corpus")
def test_saving_a_case_with_inline_measures(staff_client):
    fast = Principle.objects.get(slug="fast-response")
    honest = Principle.objects.get(slug="transparency-integrity")
    data = _case_form(
        **_inline_management("measures", total=2),
        **{
            "measures-0-position": "1",
            "measures-0-title_en": "Apologised within hours",
            "measures-0-phase": "immediate",
            "measures-0-date_precision": "day",
            "measures-0-principles": [fast.pk],
            "measures-1-position": "2",
            "measures-1-title_en": "Published the audit",
            "measures-1-phase": "recovery",
            "measures-1-date_precision": "day",
            "measures-1-principles": [honest.pk, fast.pk],
        },
        **_inline_management("sources", total=1),
        **{
            "sources-0-ref": "1",
            "sources-0-title_en": "A report",
            "sources-0-kind": "news",
            "sources-0-url": "https://example.org/report",
        },
    )
    response = staff_client.post(_url(Case, "add"), data)
    assert response.status_code == 302, (
        response.context["adminform"].form.errors if response.context else response
    )
    case = Case.objects.get(slug="admin-made-case")
    assert [m.title for m in case.measures.order_by("position")] == [
        "Apologised within hours",
        "Published the audit",
    ]
    assert set(case.measures.get(position=2).principles.all()) == {fast, honest}
    assert list(case.tags.names()) == ["admin-tag"]
    assert case.sources.get().url == "https://example.org/report"


@pytest.mark.usefixtures("corpus")
def test_invalid_year_is_a_field_error_and_saves_nothing(staff_client):
    response = staff_client.post(_url(Case, "add"), _case_form(year="1700"))
    assert response.status_code == 200
    assert "year" in response.context["adminform"].form.errors
    assert not Case.objects.filter(slug="admin-made-case").exists()


@pytest.mark.usefixtures("corpus")
def test_duplicate_slug_is_a_field_error(staff_client):
    response = staff_client.post(
        _url(Case, "add"), _case_form(slug="social-platform-data-leak-2018")
    )
    assert response.status_code == 200
    assert "slug" in response.context["adminform"].form.errors


@pytest.mark.usefixtures("corpus")
def test_rows_added_in_the_browser_are_numbered_on_save(staff_client):
    # "Add another" copies one template, so new rows arrive alike: position 0, no source number.
    data = _case_form(
        **_inline_management("measures", total=2),
        **{
            "measures-0-position": "0",
            "measures-0-title_en": "First",
            "measures-0-phase": "immediate",
            "measures-0-date_precision": "day",
            "measures-1-position": "0",
            "measures-1-title_en": "Second",
            "measures-1-phase": "recovery",
            "measures-1-date_precision": "day",
        },
        **_inline_management("sources", total=1),
        **{"sources-0-ref": "", "sources-0-title_en": "A report", "sources-0-kind": "news"},
    )
    response = staff_client.post(_url(Case, "add"), data)
    assert response.status_code == 302, (
        response.context["adminform"].form.errors if response.context else response
    )
    case = Case.objects.get(slug="admin-made-case")
    assert [(m.position, m.title) for m in case.measures.order_by("position")] == [
        (1, "First"),
        (2, "Second"),
    ]
    assert case.sources.get().ref == 1


@pytest.mark.usefixtures("corpus")
def test_duplicate_measure_positions_are_reported_not_saved(staff_client):
    data = _case_form(
        **_inline_management("measures", total=2),
        **{
            "measures-0-position": "1",
            "measures-0-title_en": "One",
            "measures-0-phase": "immediate",
            "measures-0-date_precision": "day",
            "measures-1-position": "1",
            "measures-1-title_en": "Two",
            "measures-1-phase": "immediate",
            "measures-1-date_precision": "day",
        },
    )
    _assert_rejected(staff_client, data)


@pytest.mark.usefixtures("corpus")
def test_negative_figure_is_a_field_error(staff_client):
    data = _case_form(
        **_inline_management("figures", total=1),
        **{
            "figures-0-position": "1",
            "figures-0-label_en": "People",
            "figures-0-value": "-5",
            "figures-0-unit": "people",
        },
    )
    _assert_rejected(staff_client, data)


@pytest.mark.usefixtures("corpus")
def test_bulk_publish_and_unpublish(staff_client):
    slugs = ["shared-bike-quality-2017", "ecommerce-counterfeit-scandal-2019"]
    ids = list(Case.objects.filter(slug__in=slugs).values_list("pk", flat=True))
    staff_client.post(_url(Case, "changelist"), {"action": "unpublish", "_selected_action": ids})
    assert set(Case.objects.filter(pk__in=ids).values_list("status", flat=True)) == {"draft"}
    staff_client.post(_url(Case, "changelist"), {"action": "publish", "_selected_action": ids})
    assert set(Case.objects.filter(pk__in=ids).values_list("status", flat=True)) == {"published"}


@pytest.mark.usefixtures("corpus")
def test_view_on_site_links_to_the_public_page(staff_client):
    case = Case.objects.get(slug="shared-bike-quality-2017")
    html = staff_client.get(_url(Case, "change", case.pk)).content.decode()
    assert "View on site" in html


@pytest.mark.usefixtures("corpus")
def test_autocomplete_for_principles_answers(staff_client):
    response = staff_client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "cases",
            "model_name": "responsemeasure",
            "field_name": "principles",
            "term": "fast",
        },
    )
    assert response.status_code == 200
    assert "results" in response.json()
