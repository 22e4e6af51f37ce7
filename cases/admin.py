"""The curators' admin: cases with their measures, timeline, sources and figures inline."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import (
    TranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)

from core.admin import PositionedInlineMixin

from . import services
from .models import (
    Case,
    CaseRelation,
    Country,
    CrisisType,
    ImpactFigure,
    PlaybookStep,
    ResponseMeasure,
    Source,
    TimelineEvent,
)


class CaseChildInline(PositionedInlineMixin):
    """Source pickers in a case's inlines offer that case's own sources only."""

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "sources":
            case_id = request.resolver_match.kwargs.get("object_id")
            kwargs["queryset"] = Source.objects.filter(case_id=case_id or None).order_by("ref")
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class ResponseMeasureInline(CaseChildInline, TranslationStackedInline):
    model = ResponseMeasure
    extra = 0
    autocomplete_fields = ["principles", "tactics"]
    filter_horizontal = ["sources"]
    fields = [
        "position",
        "title",
        "description",
        "phase",
        ("date", "date_precision"),
        "timing",
        "principles",
        "tactics",
        "sources",
    ]


class TimelineEventInline(CaseChildInline, TranslationTabularInline):
    model = TimelineEvent
    extra = 0
    fields = [
        "position",
        "date",
        "date_precision",
        "time",
        "tz",
        "kind",
        "milestone",
        "derived",
        "text",
        "sources",
    ]


class SourceInline(PositionedInlineMixin, TranslationTabularInline):
    model = Source
    extra = 0
    position_field = "ref"
    fields = [
        "ref",
        "title",
        "publisher",
        "url",
        "kind",
        "published_on",
        "date_inferred",
        "is_mirror",
    ]


class ImpactFigureInline(CaseChildInline, TranslationTabularInline):
    model = ImpactFigure
    extra = 0
    fields = ["position", "label", "value", "value_high", "unit", "sources"]


class CaseRelationInline(PositionedInlineMixin, TranslationTabularInline):
    model = CaseRelation
    fk_name = "from_case"
    parent_field = "from_case"
    extra = 0
    autocomplete_fields = ["to_case"]
    fields = ["position", "to_case", "reason"]


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]
    search_fields = ["code"]

    def get_search_results(self, request, queryset, search_term):
        # Names come from ISO 3166, not the database: match them too.
        found, distinct = super().get_search_results(request, queryset, search_term)
        term = search_term.strip().lower()
        if term:
            by_name = [c.pk for c in queryset if term in c.name.lower()]
            found = found | queryset.filter(pk__in=by_name)
        return found, distinct


@admin.register(Case)
class CaseAdmin(TranslationAdmin):
    list_display = ["title", "organisation", "year", "primary_type", "status", "updated_at"]
    list_filter = ["status", "primary_type", "crisis_types", "origin", "year"]
    list_select_related = ["primary_type"]
    search_fields = [
        "slug",
        "title_en",
        "title_zh_hans",
        "organisation_en",
        "organisation_zh_hans",
        "corpus_key",
    ]
    prepopulated_fields = {"slug": ("title_en",)}
    autocomplete_fields = ["primary_type", "countries"]
    filter_horizontal = ["crisis_types"]
    list_per_page = 50
    show_full_result_count = False
    readonly_fields = ["published_at", "created_at", "updated_at"]
    actions = ["publish", "unpublish"]
    inlines = [
        ResponseMeasureInline,
        TimelineEventInline,
        SourceInline,
        ImpactFigureInline,
        CaseRelationInline,
    ]
    fieldsets = [
        (None, {"fields": ["title", "slug", "status", "organisation", "summary"]}),
        (
            _("Classification"),
            {
                "fields": [
                    "primary_type",
                    "crisis_types",
                    "tags",
                    "industry",
                    "countries",
                    "region",
                ]
            },
        ),
        (_("When"), {"fields": ["year", ("outbreak_date", "outbreak_precision")]}),
        (_("Facts"), {"fields": ["background", "impact", "outcome"]}),
        (
            _("Analysis (the knowledge base's own judgement)"),
            {"fields": ["outcome_rating", "assessment", "lessons", "questions"]},
        ),
        (
            _("Record"),
            {
                "classes": ["collapse"],
                "fields": [
                    "origin",
                    "corpus_key",
                    "search_weight",
                    "published_at",
                    "created_at",
                    "updated_at",
                ],
            },
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("primary_type")

    @admin.action(description=_("Publish selected cases"), permissions=["change"])
    def publish(self, request, queryset):
        count = services.cases_set_status(cases=queryset, status=Case.Status.PUBLISHED)
        self.message_user(
            request,
            ngettext("%d case published.", "%d cases published.", count) % count,
            messages.SUCCESS,
        )

    @admin.action(description=_("Unpublish selected cases"), permissions=["change"])
    def unpublish(self, request, queryset):
        count = services.cases_set_status(cases=queryset, status=Case.Status.DRAFT)
        self.message_user(
            request,
            ngettext("%d case unpublished.", "%d cases unpublished.", count) % count,
            messages.SUCCESS,
        )


@admin.register(CrisisType)
class CrisisTypeAdmin(TranslationAdmin):
    list_display = ["name", "slug", "position", "from_source_document"]
    list_editable = ["position"]
    list_filter = ["from_source_document"]
    search_fields = ["slug", "name_en", "name_zh_hans"]
    prepopulated_fields = {"slug": ("name_en",)}


@admin.register(ResponseMeasure)
class ResponseMeasureAdmin(TranslationAdmin):
    list_display = ["title", "case", "position", "phase", "date"]
    list_filter = ["phase", "principles", "tactics", "case__status"]
    list_select_related = ["case"]
    search_fields = ["title_en", "title_zh_hans", "case__title_en", "case__slug"]
    autocomplete_fields = ["case", "principles", "tactics"]
    show_full_result_count = False
    list_per_page = 50


@admin.register(TimelineEvent)
class TimelineEventAdmin(TranslationAdmin):
    list_display = ["text", "case", "date", "kind"]
    list_filter = ["kind"]
    list_select_related = ["case"]
    search_fields = ["text_en", "text_zh_hans", "case__slug"]
    autocomplete_fields = ["case"]
    show_full_result_count = False


@admin.register(Source)
class SourceAdmin(TranslationAdmin):
    list_display = ["title", "publisher", "kind", "is_mirror", "case", "ref"]
    list_filter = ["kind", "is_mirror"]
    list_select_related = ["case"]
    search_fields = ["title_en", "title_zh_hans", "publisher", "url", "case__slug"]
    autocomplete_fields = ["case"]
    show_full_result_count = False


@admin.register(ImpactFigure)
class ImpactFigureAdmin(TranslationAdmin):
    list_display = ["label", "case", "value", "value_high", "unit"]
    list_filter = ["unit"]
    list_select_related = ["case"]
    search_fields = ["label_en", "label_zh_hans", "case__slug"]
    autocomplete_fields = ["case"]


@admin.register(CaseRelation)
class CaseRelationAdmin(TranslationAdmin):
    list_display = ["from_case", "to_case", "reason"]
    list_select_related = ["from_case", "to_case"]
    search_fields = ["from_case__slug", "to_case__slug", "reason_en"]
    autocomplete_fields = ["from_case", "to_case"]


@admin.register(PlaybookStep)
class PlaybookStepAdmin(TranslationAdmin):
    list_display = ["action", "due", "owner", "position", "all_types"]
    list_filter = ["due", "owner", "all_types", "crisis_types"]
    list_editable = ["position"]
    search_fields = ["slug", "action_en", "action_zh_hans"]
    autocomplete_fields = ["principle", "tactic"]
    filter_horizontal = ["crisis_types"]
    prepopulated_fields = {"slug": ("action_en",)}
