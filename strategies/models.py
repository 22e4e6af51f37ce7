"""The doctrine: core principles of crisis PR, the strategies that serve them, their tactics.

This app never imports `cases`; cases reach principles and tactics through their own foreign keys
and the doctrine pages get their evidence through `strategies.evidence`.
"""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.markdown import RenderedMarkdownMixin
from core.models import OrderedQuerySet, SluggedRecord


class DoctrineQuerySet(OrderedQuerySet):
    pass


class PrincipleQuerySet(DoctrineQuerySet):
    def for_list(self):
        return self.ordered().prefetch_related("strategies")

    def for_detail(self):
        return self.prefetch_related(
            models.Prefetch("strategies", queryset=Strategy.objects.ordered())
        )


class StrategyQuerySet(DoctrineQuerySet):
    def for_list(self):
        return self.ordered().prefetch_related(
            models.Prefetch("principles", queryset=Principle.objects.ordered()),
            models.Prefetch("tactics", queryset=Tactic.objects.ordered()),
        )

    for_detail = for_list


class TacticQuerySet(DoctrineQuerySet):
    def for_detail(self):
        return self.select_related("strategy")


class QuotedFromSource(models.Model):
    """The source document's own words for a doctrine record, kept apart from the knowledge
    base's commentary (the Markdown body), so pages can tell quotation from analysis."""

    quote = models.TextField(
        _("quotation from the source document"),
        blank=True,
        help_text=_(
            "The source document's sentence, word for word in Chinese; in English, a "
            "translation. Words the knowledge base adds go in [square brackets]."
        ),
    )
    quote_section = models.CharField(
        _("section of the source document"), max_length=20, blank=True, help_text="3.2.3"
    )
    quote_note = models.CharField(
        _("note on the quotation"),
        max_length=300,
        blank=True,
        help_text=_("E.g. where the source breaks off and the knowledge base completes it."),
    )

    class Meta:
        abstract = True


class Principle(QuotedFromSource, RenderedMarkdownMixin, SluggedRecord):  # noqa: DJ008 (SluggedRecord.__str__)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    body = models.TextField(_("body (Markdown)"), blank=True)
    body_html = models.TextField(editable=False, blank=True)
    questions = models.TextField(
        _("discussion questions (Markdown)"),
        blank=True,
        help_text=_("The knowledge base's analysis: questions for students."),
    )
    questions_html = models.TextField(editable=False, blank=True)
    lessons = models.TextField(
        _("lessons (Markdown)"),
        blank=True,
        help_text=_("The knowledge base's analysis: what the cases teach about this principle."),
    )
    lessons_html = models.TextField(editable=False, blank=True)

    objects = PrincipleQuerySet.as_manager()

    markdown_fields = ("body", "questions", "lessons")

    class Meta:
        verbose_name = _("principle")
        verbose_name_plural = _("principles")
        ordering = ["position", "slug"]
        constraints = [
            models.UniqueConstraint(fields=["slug"], name="principle_slug_unique"),
        ]

    def get_absolute_url(self):
        return reverse("strategies:principle", kwargs={"slug": self.slug})


class Strategy(QuotedFromSource, RenderedMarkdownMixin, SluggedRecord):  # noqa: DJ008 (SluggedRecord.__str__)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    body = models.TextField(_("body (Markdown)"), blank=True)
    body_html = models.TextField(editable=False, blank=True)
    principles = models.ManyToManyField(
        Principle,
        related_name="strategies",
        blank=True,
        verbose_name=_("principles served"),
    )

    objects = StrategyQuerySet.as_manager()

    markdown_fields = ("body",)

    class Meta:
        verbose_name = _("strategy")
        verbose_name_plural = _("strategies")
        ordering = ["position", "slug"]
        constraints = [
            models.UniqueConstraint(fields=["slug"], name="strategy_slug_unique"),
        ]

    def get_absolute_url(self):
        return reverse("strategies:strategy", kwargs={"slug": self.slug})


class Tactic(QuotedFromSource, RenderedMarkdownMixin, SluggedRecord):  # noqa: DJ008 (SluggedRecord.__str__)
    strategy = models.ForeignKey(
        Strategy,
        on_delete=models.PROTECT,
        related_name="tactics",
        verbose_name=_("strategy"),
    )
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    body = models.TextField(_("body (Markdown)"), blank=True)
    body_html = models.TextField(editable=False, blank=True)

    objects = TacticQuerySet.as_manager()

    markdown_fields = ("body",)

    class Meta:
        verbose_name = _("tactic")
        verbose_name_plural = _("tactics")
        ordering = ["position", "slug"]
        constraints = [
            models.UniqueConstraint(fields=["slug"], name="tactic_slug_unique"),
        ]

    def get_absolute_url(self):
        return reverse("strategies:tactic", kwargs={"slug": self.slug})


class Essay(RenderedMarkdownMixin, models.Model):
    """A free-standing text of the doctrine, such as the source document's introduction."""

    slug = models.SlugField(_("slug"), max_length=80)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("body (Markdown)"), blank=True)
    body_html = models.TextField(editable=False, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = DoctrineQuerySet.as_manager()

    markdown_fields = ("body",)

    class Meta:
        verbose_name = _("essay")
        verbose_name_plural = _("essays")
        ordering = ["position", "slug"]
        constraints = [
            models.UniqueConstraint(fields=["slug"], name="essay_slug_unique"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("strategies:essay", kwargs={"slug": self.slug})
