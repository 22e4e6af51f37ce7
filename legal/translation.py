"""Fields stored once per language (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Deadline, Jurisdiction, LegalFact, LegalProvision, ReporterClass


@register(Jurisdiction)
class JurisdictionTranslation(TranslationOptions):
    fields = ("name",)


@register(LegalProvision)
class LegalProvisionTranslation(TranslationOptions):
    fields = (
        "title", "law_name", "law_short", "article", "effective_note", "who", "notify", "what",
        "deadline_text", "penalty_text",
    )  # fmt: skip


@register(LegalFact)
class LegalFactTranslation(TranslationOptions):
    fields = ("text",)


@register(ReporterClass)
class ReporterClassTranslation(TranslationOptions):
    fields = ("name",)


@register(Deadline)
class DeadlineTranslation(TranslationOptions):
    fields = ("trigger", "notify", "text")
