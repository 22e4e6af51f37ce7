"""Fields stored once per language (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Essay, Principle, Strategy, Tactic


@register(Principle)
class PrincipleTranslation(TranslationOptions):
    fields = (
        "name", "summary", "body", "body_html", "questions", "questions_html", "lessons",
        "lessons_html", "quote", "quote_note",
    )  # fmt: skip


@register(Strategy)
class StrategyTranslation(TranslationOptions):
    fields = ("name", "summary", "body", "body_html", "quote", "quote_note")


@register(Tactic)
class TacticTranslation(TranslationOptions):
    fields = ("name", "summary", "body", "body_html", "quote", "quote_note")


@register(Essay)
class EssayTranslation(TranslationOptions):
    fields = ("title", "body", "body_html")
