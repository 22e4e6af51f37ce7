"""The curators' admin for legal duties: provisions with their sources and facts inline."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import (
    TranslationAdmin,
    TranslationStackedInline,
)

from core.admin import PositionedInlineMixin

from .models import (
    Deadline,
    Jurisdiction,
    LegalFact,
    LegalProvision,
    LegalSource,
    ReporterClass,
)


def _provision_sources(request):
    """The sources of the provision being edited (none on the add page)."""
    provision_id = request.resolver_match.kwargs.get("object_id")
    return LegalSource.objects.filter(provision_id=provision_id or None).order_by("ref")


@admin.register(Jurisdiction)
class JurisdictionAdmin(TranslationAdmin):
    list_display = ["name", "code", "parent", "position", "holidays_country"]
    list_editable = ["position"]
    list_select_related = ["parent"]
    search_fields = ["code", "name_en", "name_zh_hans"]
    filter_horizontal = ["countries"]


@admin.register(ReporterClass)
class ReporterClassAdmin(TranslationAdmin):
    list_display = ["name", "slug", "jurisdiction", "position"]
    list_select_related = ["jurisdiction"]
    list_filter = ["jurisdiction"]
    search_fields = ["slug", "name_en", "name_zh_hans"]


class DeadlineInline(PositionedInlineMixin, TranslationStackedInline):
    model = Deadline
    extra = 0
    parent_field = "provision"
    fields = [("position", "amount", "unit", "reporter_class"), "trigger", "notify", "text"]


class LegalSourceInline(PositionedInlineMixin, admin.TabularInline):
    model = LegalSource
    extra = 0
    position_field = "ref"
    parent_field = "provision"
    fields = ["ref", "title", "publisher", "url", "kind"]


class LegalFactInline(PositionedInlineMixin, TranslationStackedInline):
    model = LegalFact
    extra = 0
    parent_field = "provision"
    fields = ["position", "kind", "text", "sources"]
    filter_horizontal = ["sources"]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "sources":
            kwargs["queryset"] = _provision_sources(request)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


@admin.register(LegalProvision)
class LegalProvisionAdmin(TranslationAdmin):
    list_display = [
        "__str__",
        "title",
        "jurisdiction",
        "in_force",
        "effective_date",
        "last_checked",
    ]
    list_filter = ["jurisdiction", "kind", "in_force", "verification", "crisis_types"]
    list_select_related = ["jurisdiction"]
    search_fields = [
        "slug",
        "title_en",
        "title_zh_hans",
        "law_name_en",
        "law_name_zh_hans",
        "law_short_en",
        "law_short_zh_hans",
    ]
    prepopulated_fields = {"slug": ("law_short_en", "article_en")}
    autocomplete_fields = ["case"]
    filter_horizontal = ["crisis_types", "duty_sources", "penalty_sources", "effective_sources"]
    inlines = [DeadlineInline, LegalSourceInline, LegalFactInline]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "title",
                    "slug",
                    "jurisdiction",
                    "kind",
                    "position",
                    "verification",
                    "last_checked",
                ]
            },
        ),
        (
            _("Law"),
            {
                "fields": [
                    "law_name",
                    "law_short",
                    "article",
                    ("effective_date", "effective_precision", "in_force"),
                    "effective_note",
                    "effective_sources",
                ]
            },
        ),
        (
            _("Duty"),
            {"fields": ["who", "notify", "what", "crisis_types", "case", "duty_sources"]},
        ),
        (_("Deadlines"), {"fields": ["deadline_text"]}),
        (
            _("Penalty"),
            {
                "fields": [
                    "penalty_text",
                    ("penalty_max_amount", "penalty_currency", "penalty_max_per"),
                    "penalty_max_percent",
                    "penalty_sources",
                ]
            },
        ),
    ]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name in ("duty_sources", "penalty_sources", "effective_sources"):
            kwargs["queryset"] = _provision_sources(request)
        return super().formfield_for_manytomany(db_field, request, **kwargs)
