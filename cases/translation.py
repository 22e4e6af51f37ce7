"""Fields stored once per language (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from .models import (
    Case,
    CaseRelation,
    CrisisType,
    ImpactFigure,
    PlaybookStep,
    ResponseMeasure,
    Source,
    TimelineEvent,
)


@register(CrisisType)
class CrisisTypeTranslation(TranslationOptions):
    fields = ("name", "summary", "description", "description_html")


@register(Case)
class CaseTranslation(TranslationOptions):
    fields = (
        "title", "organisation", "industry", "region", "summary",
        "background", "background_html", "impact", "impact_html", "outcome", "outcome_html",
        "assessment", "assessment_html", "lessons", "lessons_html", "questions", "questions_html",
    )  # fmt: skip


@register(CaseRelation)
class CaseRelationTranslation(TranslationOptions):
    fields = ("reason",)


@register(Source)
class SourceTranslation(TranslationOptions):
    fields = ("title",)


@register(ImpactFigure)
class ImpactFigureTranslation(TranslationOptions):
    fields = ("label",)


@register(TimelineEvent)
class TimelineEventTranslation(TranslationOptions):
    fields = ("text",)


@register(ResponseMeasure)
class ResponseMeasureTranslation(TranslationOptions):
    fields = ("title", "description", "description_html", "timing")


@register(PlaybookStep)
class PlaybookStepTranslation(TranslationOptions):
    fields = ("action", "detail")
