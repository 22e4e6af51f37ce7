"""What the law requires when a crisis hits: provisions by jurisdiction and crisis type, each with
its deadline as data, its penalty, its sources and the facts read in them.

`legal` builds on `cases` (crisis types, the case a precedent comes from); `cases` and
`strategies` never import `legal`. The case page and the playbooks show legal duties through
`cases.extensions` (registered in `LegalConfig.ready`).
"""

import re

from django.db import models
from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from cases.models import Case, CrisisType, DatePrecision, HttpsURLField

from . import deadlines


class JurisdictionQuerySet(models.QuerySet):
    def ordered(self):
        return self.order_by("position", "code")


class Jurisdiction(models.Model):
    code = models.SlugField(_("code"), max_length=20, help_text=_("E.g. eu, cn, us-ca."))
    name = models.CharField(_("name"), max_length=120)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    region_terms = models.CharField(
        _("region terms"),
        max_length=300,
        blank=True,
        help_text=_(
            "Comma-separated words that name this jurisdiction in a case's region (English), "
            "e.g. “China, PRC”. A case whose region contains one of them, as a whole word, "
            "is read as belonging to this jurisdiction."
        ),
    )

    objects = JurisdictionQuerySet.as_manager()

    class Meta:
        verbose_name = _("jurisdiction")
        verbose_name_plural = _("jurisdictions")
        ordering = ["position", "code"]
        constraints = [
            models.UniqueConstraint(fields=["code"], name="jurisdiction_code_unique"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("legal:jurisdiction", kwargs={"code": self.code})

    @property
    def terms(self) -> list[str]:
        return [t.strip() for t in self.region_terms.split(",") if t.strip()]

    def matches_region(self, region: str) -> bool:
        return any(
            re.search(rf"(?<![\w-]){re.escape(term)}(?![\w-])", region or "", re.IGNORECASE)
            for term in self.terms
        )


class LegalProvisionQuerySet(models.QuerySet):
    def ordered(self):
        return self.order_by("jurisdiction__position", "jurisdiction__code", "position", "slug")

    def in_force_on(self, day):
        """Provisions in force on `day` (an unknown in-force date counts as in force)."""
        return self.filter(Q(effective_date__isnull=True) | Q(effective_date__lte=day))

    def with_deadline(self):
        return self.exclude(deadline_unit=LegalProvision.DeadlineUnit.NONE)

    def for_list(self):
        """What a list row shows: its jurisdiction and crisis types, no per-row queries."""
        return (
            self.select_related("jurisdiction")
            .prefetch_related(Prefetch("crisis_types", queryset=CrisisType.objects.ordered()))
            .ordered()
        )

    def for_detail(self):
        return self.select_related("jurisdiction", "case").prefetch_related(
            Prefetch("crisis_types", queryset=CrisisType.objects.ordered()),
            Prefetch("sources", queryset=LegalSource.objects.order_by("ref")),
            Prefetch(
                "facts",
                queryset=LegalFact.objects.order_by("position").prefetch_related(
                    Prefetch("sources", queryset=LegalSource.objects.order_by("ref"))
                ),
            ),
            Prefetch("duty_sources", queryset=LegalSource.objects.order_by("ref")),
            Prefetch("penalty_sources", queryset=LegalSource.objects.order_by("ref")),
            Prefetch("effective_sources", queryset=LegalSource.objects.order_by("ref")),
        )


class LegalProvision(models.Model):
    """One duty (or penalty rule) of one law, as the sources read it."""

    class Kind(models.TextChoices):
        PROVISION = "provision", _("Legal provision")
        PRECEDENT = "precedent", _("Enforcement precedent (not a statute)")

    class Verification(models.TextChoices):
        VERIFIED = "verified", _("Verified against the sources")
        PARTIAL = "partial", _("Partly verified")

    class DeadlineUnit(models.TextChoices):
        # The same values as legal.deadlines.Unit, which does the arithmetic.
        HOURS = "hours", _("hours")
        DAYS = "days", _("calendar days")
        BUSINESS_DAYS = "business_days", _("business days")
        WITHOUT_DELAY = "without_delay", _("without delay")
        NONE = "none", _("no deadline")

    class Currency(models.TextChoices):
        EUR = "eur", _("euros")
        CNY = "cny", _("yuan")
        USD = "usd", _("US dollars")

    class PenaltyPer(models.TextChoices):
        WHOLE = "", _("in all")
        VIOLATION = "violation", _("per violation")
        PERSON = "person", _("per person affected")

    slug = models.SlugField(_("slug"), max_length=120)
    jurisdiction = models.ForeignKey(
        Jurisdiction,
        on_delete=models.PROTECT,
        related_name="provisions",
        verbose_name=_("jurisdiction"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.PROVISION)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    title = models.CharField(
        _("title"), max_length=250, help_text=_("The duty in a few words, e.g. “Notify …”.")
    )
    law_name = models.CharField(_("law"), max_length=300)
    law_short = models.CharField(_("short name of the law"), max_length=80)
    article = models.CharField(_("article"), max_length=200)
    verification = models.CharField(
        _("verification"),
        max_length=10,
        choices=Verification.choices,
        default=Verification.VERIFIED,
    )
    effective_date = models.DateField(_("in force from"), null=True, blank=True)
    effective_precision = models.CharField(
        _("in-force date precision"),
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
    )
    effective_note = models.CharField(_("note on the in-force date"), max_length=400, blank=True)
    who = models.TextField(_("who must act"))
    notify = models.TextField(_("whom to notify"), blank=True)
    what = models.TextField(_("what the law requires"))
    deadline_amount = models.PositiveIntegerField(_("deadline: amount"), null=True, blank=True)
    deadline_unit = models.CharField(
        _("deadline: unit"),
        max_length=14,
        choices=DeadlineUnit.choices,
        default=DeadlineUnit.NONE,
    )
    deadline_trigger = models.CharField(
        _("deadline: the moment that starts the clock"), max_length=300, blank=True
    )
    deadline_text = models.TextField(_("deadline in words"), blank=True)
    penalty_text = models.TextField(_("penalty"), blank=True)
    penalty_max_amount = models.PositiveBigIntegerField(_("maximum fine"), null=True, blank=True)
    penalty_currency = models.CharField(
        _("currency"), max_length=3, choices=Currency.choices, blank=True
    )
    penalty_max_per = models.CharField(
        _("maximum fine counted"), max_length=10, choices=PenaltyPer.choices, blank=True
    )
    penalty_max_percent = models.DecimalField(
        _("maximum fine, per cent of annual turnover"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
    )
    crisis_types = models.ManyToManyField(
        CrisisType, related_name="legal_provisions", verbose_name=_("crisis types")
    )
    case = models.ForeignKey(
        Case,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="legal_precedents",
        verbose_name=_("case"),
        help_text=_("For a precedent: the case in the knowledge base it comes from."),
    )
    duty_sources = models.ManyToManyField(
        "LegalSource", related_name="+", blank=True, verbose_name=_("sources of the duty")
    )
    penalty_sources = models.ManyToManyField(
        "LegalSource", related_name="+", blank=True, verbose_name=_("sources of the penalty")
    )
    effective_sources = models.ManyToManyField(
        "LegalSource", related_name="+", blank=True, verbose_name=_("sources of the date")
    )
    last_checked = models.DateField(_("last checked"))

    objects = LegalProvisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("legal provision")
        verbose_name_plural = _("legal provisions")
        ordering = ["jurisdiction__position", "position", "slug"]
        constraints = [
            models.UniqueConstraint(fields=["slug"], name="legalprovision_slug_unique"),
            models.CheckConstraint(
                condition=(
                    Q(
                        deadline_unit__in=[u.value for u in deadlines.TIMED_UNITS],
                        # Spelled out: NULL >= 1 is unknown, which a CHECK lets through.
                        deadline_amount__isnull=False,
                        deadline_amount__gte=1,
                    )
                    | Q(
                        deadline_unit__in=[
                            deadlines.Unit.WITHOUT_DELAY.value,
                            deadlines.Unit.NONE.value,
                        ],
                        deadline_amount__isnull=True,
                    )
                ),
                name="legalprovision_deadline_amount_fits_unit",
            ),
            models.CheckConstraint(
                condition=(
                    Q(penalty_max_amount__isnull=True, penalty_currency="")
                    | (Q(penalty_max_amount__isnull=False) & ~Q(penalty_currency=""))
                ),
                name="legalprovision_fine_has_currency",
            ),
            models.CheckConstraint(
                condition=Q(penalty_max_percent__isnull=True)
                | (Q(penalty_max_percent__gt=0) & Q(penalty_max_percent__lte=100)),
                name="legalprovision_percent_in_range",
            ),
        ]

    def __str__(self):
        return f"{self.law_short} {self.article}"

    def get_absolute_url(self):
        return reverse("legal:provision", kwargs={"slug": self.slug})

    @property
    def has_deadline(self) -> bool:
        return self.deadline_unit != deadlines.Unit.NONE

    @property
    def is_immediate(self) -> bool:
        return self.deadline_unit == deadlines.Unit.WITHOUT_DELAY

    @property
    def deadline_label(self) -> str:
        """The deadline in a few words: "72 hours", "4 business days", "Without delay"."""
        n = self.deadline_amount
        unit = self.deadline_unit
        if unit == deadlines.Unit.HOURS:
            return ngettext("%(n)d hour", "%(n)d hours", n) % {"n": n}
        if unit == deadlines.Unit.DAYS:
            return ngettext("%(n)d calendar day", "%(n)d calendar days", n) % {"n": n}
        if unit == deadlines.Unit.BUSINESS_DAYS:
            return ngettext("%(n)d business day", "%(n)d business days", n) % {"n": n}
        if unit == deadlines.Unit.WITHOUT_DELAY:
            return str(_("Without delay"))
        return str(_("No fixed deadline"))

    @property
    def deadline_with_trigger(self) -> str:
        """ "72 hours after becoming aware of the breach", "Without delay after …"."""
        trigger = self.deadline_trigger
        if not self.has_deadline or not trigger:
            return self.deadline_label
        if self.is_immediate:
            return _("Without delay after %(trigger)s") % {"trigger": trigger}
        return _("%(deadline)s after %(trigger)s") % {
            "deadline": self.deadline_label,
            "trigger": trigger,
        }

    @property
    def titled_with_jurisdiction(self) -> str:
        """E.g. "EU / EEA: Notify the supervisory authority …" (needs the jurisdiction loaded)."""
        return _("%(jurisdiction)s: %(title)s") % {
            "jurisdiction": self.jurisdiction.name,
            "title": self.title,
        }

    @property
    def playbook_phase(self) -> str | None:
        return deadlines.playbook_phase(self.deadline_amount, self.deadline_unit)

    def in_force_on(self, day) -> bool:
        return self.effective_date is None or self.effective_date <= day


class LegalSource(models.Model):
    """Where a provision's facts were read; numbered per provision, shown as [n]."""

    class Kind(models.TextChoices):
        TEXT = "text", _("Text of the law (copy or translation)")
        OFFICIAL = "official", _("Government or regulator")
        COMMENTARY = "commentary", _("Legal commentary")
        NEWS = "news", _("News report")
        REFERENCE = "reference", _("Reference or summary")

    provision = models.ForeignKey(
        LegalProvision,
        on_delete=models.CASCADE,
        related_name="sources",
        verbose_name=_("legal provision"),
    )
    ref = models.PositiveSmallIntegerField(
        _("reference number"), help_text=_("Shown as [n] beside the facts it supports.")
    )
    title = models.CharField(_("title"), max_length=400)
    publisher = models.CharField(_("publisher"), max_length=200, blank=True)
    url = HttpsURLField(_("URL"), max_length=600, blank=True)
    kind = models.CharField(
        _("kind"), max_length=10, choices=Kind.choices, default=Kind.COMMENTARY
    )

    class Meta:
        verbose_name = _("legal source")
        verbose_name_plural = _("legal sources")
        ordering = ["provision_id", "ref"]
        constraints = [
            models.UniqueConstraint(
                fields=["provision", "ref"], name="legalsource_ref_unique_per_provision"
            ),
            models.CheckConstraint(condition=Q(ref__gte=1), name="legalsource_ref_positive"),
        ]

    def __str__(self):
        return f"[{self.ref}] {self.title}"


class LegalFact(models.Model):
    """A fact read in the sources, or a caveat: where sources disagree or were not read."""

    class Kind(models.TextChoices):
        FACT = "fact", _("Fact")
        CAVEAT = "caveat", _("Caveat")

    provision = models.ForeignKey(
        LegalProvision,
        on_delete=models.CASCADE,
        related_name="facts",
        verbose_name=_("legal provision"),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    kind = models.CharField(_("kind"), max_length=6, choices=Kind.choices, default=Kind.FACT)
    text = models.TextField(_("text"))
    sources = models.ManyToManyField(
        LegalSource, related_name="facts", blank=True, verbose_name=_("sources")
    )

    class Meta:
        verbose_name = _("fact or caveat")
        verbose_name_plural = _("facts and caveats")
        ordering = ["provision_id", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["provision", "position"], name="legalfact_position_unique"
            ),
        ]

    def __str__(self):
        return self.text[:60]
