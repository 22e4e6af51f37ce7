"""The curators' admin for the doctrine."""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from .models import Essay, Principle, Strategy, Tactic


@admin.register(Principle)
class PrincipleAdmin(TranslationAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    search_fields = ["slug", "name_en", "name_zh_hans"]
    prepopulated_fields = {"slug": ("name_en",)}


class TacticInline(TranslationTabularInline):
    model = Tactic
    extra = 0
    fields = ["position", "name", "slug", "summary"]
    prepopulated_fields = {"slug": ("name_en",)}


@admin.register(Strategy)
class StrategyAdmin(TranslationAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    search_fields = ["slug", "name_en", "name_zh_hans"]
    prepopulated_fields = {"slug": ("name_en",)}
    autocomplete_fields = ["principles"]
    inlines = [TacticInline]


@admin.register(Tactic)
class TacticAdmin(TranslationAdmin):
    list_display = ["name", "strategy", "slug", "position"]
    list_filter = ["strategy"]
    list_select_related = ["strategy"]
    search_fields = ["slug", "name_en", "name_zh_hans"]
    prepopulated_fields = {"slug": ("name_en",)}
    autocomplete_fields = ["strategy"]


@admin.register(Essay)
class EssayAdmin(TranslationAdmin):
    list_display = ["title", "slug", "position"]
    search_fields = ["slug", "title_en", "title_zh_hans"]
    prepopulated_fields = {"slug": ("title_en",)}
