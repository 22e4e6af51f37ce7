"""What the law requires when a crisis hits: provisions by jurisdiction and crisis type, each with
its deadline as data, its penalty, its sources and the facts read in them.

`legal` builds on `cases` (crisis types, the case a precedent comes from); `cases` and
`strategies` never import `legal`. The case page and the playbooks show legal duties through
`cases.extensions` (registered in `LegalConfig.ready`).
"""

from django.db import models
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from cases.models import Case, Country, CrisisType, DatePrecision
from core.models import NumberedSource, SluggedRecord

from . import deadlines


class JurisdictionQuerySet(models.QuerySet):
    def ordered(self):
        return self.order_by("position", "code")


class Jurisdiction(models.Model):
    """A legal order: a country, a sub-national unit (its `parent` the country) or a union
    (the EU/EEA over its member states). It covers the ISO 3166 codes in `countries`; a case
    falls under it when one of the case's codes, or the country of one of them, is covered."""

    code = models.SlugField(_("code"), max_length=20, help_text=_("E.g. eu, cn, us-ca."))
    name = models.CharField(_("name"), max_length=120)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("part of"),
    )
    countries = models.ManyToManyField(
        Country,
        related_name="jurisdictions",
        blank=True,
        verbose_name=_("countries and regions covered"),
    )
    holidays_country = models.CharField(
        _("public holidays of"),
        max_length=6,
        blank=True,
        help_text=_(
            "ISO 3166 code whose public holidays business days skip (e.g. US, CN, US-CA); "
            "empty: weekends only."
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


class ReporterClass(SluggedRecord):
    """Who reports, where a law sets different clocks for different reporters (China's CAC:
    critical-information-infrastructure operators 1 hour, central and state organs 2 hours,
    other operators 4 hours)."""

    jurisdiction = models.ForeignKey(
        Jurisdiction,
        on_delete=models.CASCADE,
        related_name="reporter_classes",
        verbose_name=_("jurisdiction"),
    )
    name = models.CharField(_("name"), max_length=200)  # longer than SluggedRecord's

    class Meta:
        verbose_name = _("reporter class")
        verbose_name_plural = _("reporter classes")
        ordering = ["jurisdiction__position", "position", "slug"]
        constraints = [
            models.UniqueConstraint(fields=["slug"], name="reporterclass_slug_unique"),
        ]


class LegalProvisionQuerySet(models.QuerySet):
    def ordered(self):
        return self.order_by("jurisdiction__position", "jurisdiction__code", "position", "slug")

    def in_force_on(self, day):
        """Provisions in force on `day` (an unknown in-force date counts as in force)."""
        return self.filter(Q(effective_date__isnull=True) | Q(effective_date__lte=day))

    def with_deadline(self):
        return self.filter(Exists(Deadline.objects.filter(provision=OuterRef("pk"))))

    def for_list(self):
        """What a list row shows: its jurisdiction and crisis types, no per-row queries."""
        return (
            self.select_related("jurisdiction")
            .prefetch_related(
                Prefetch("crisis_types", queryset=CrisisType.objects.ordered()),
                Prefetch("deadlines", queryset=Deadline.objects.for_list()),
            )
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
            Prefetch("deadlines", queryset=Deadline.objects.for_list()),
        )


class LegalProvision(models.Model):
    """One duty (or penalty rule) of one law, as the sources read it."""

    class Kind(models.TextChoices):
        PROVISION = "provision", _("Legal provision")
        PRECEDENT = "precedent", _("Enforcement precedent (not a statute)")

    class Verification(models.TextChoices):
        VERIFIED = "verified", _("Verified against the sources")
        PARTIAL = "partial", _("Partly verified")

    class Currency(models.TextChoices):
        EUR = "eur", _("euros")
        CNY = "cny", _("yuan")
        USD = "usd", _("US dollars")
        GBP = "gbp", _("pounds sterling")
        INR = "inr", _("Indian rupees")
        AUD = "aud", _("Australian dollars")
        SGD = "sgd", _("Singapore dollars")
        JPY = "jpy", _("yen")
        KRW = "krw", _("won")
        HKD = "hkd", _("Hong Kong dollars")
        CAD = "cad", _("Canadian dollars")

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
    deadline_text = models.TextField(_("deadlines in words"), blank=True)
    in_force = models.BooleanField(
        _("in force"),
        default=True,
        help_text=_("Unticked for a rule adopted or proposed but not yet in force."),
    )
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
    def clocks(self) -> list:
        """Its deadlines, shortest first (prefetched by for_list / for_detail)."""
        return sorted(self.deadlines.all(), key=Deadline.sort_key)

    @property
    def has_deadline(self) -> bool:
        return bool(self.deadlines.all())

    @property
    def deadline_label(self) -> str:
        """Its deadlines in a few words: "72 hours", "1 hour / 2 hours / 4 hours"."""
        clocks = self.clocks
        if not clocks:
            return str(_("No fixed deadline"))
        return " / ".join(dict.fromkeys(c.label for c in clocks))

    @property
    def titled_with_jurisdiction(self) -> str:
        """E.g. "EU / EEA: Notify the supervisory authority …" (needs the jurisdiction loaded)."""
        return _("%(jurisdiction)s: %(title)s") % {
            "jurisdiction": self.jurisdiction.name,
            "title": self.title,
        }

    def in_force_on(self, day) -> bool:
        if not self.in_force:
            return False
        return self.effective_date is None or self.effective_date <= day


class DeadlineQuerySet(models.QuerySet):
    def for_list(self):
        return self.select_related("reporter_class").order_by("position")


class Deadline(models.Model):
    """One clock of a provision: how long, counted from what, to whom, binding whom."""

    class Unit(models.TextChoices):
        # The same values as legal.deadlines.Unit, which does the arithmetic.
        HOURS = "hours", _("hours")
        DAYS = "days", _("calendar days")
        MONTHS = "months", _("calendar months")
        BUSINESS_DAYS = "business_days", _("business days")
        WITHOUT_DELAY = "without_delay", _("without delay")

    provision = models.ForeignKey(
        LegalProvision,
        on_delete=models.CASCADE,
        related_name="deadlines",
        verbose_name=_("legal provision"),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    amount = models.PositiveIntegerField(_("amount"), null=True, blank=True)
    unit = models.CharField(_("unit"), max_length=14, choices=Unit.choices)
    trigger = models.CharField(
        _("the moment that starts the clock"),
        max_length=400,
        blank=True,
        help_text=_("A noun phrase: “becoming aware of the breach”."),
    )
    notify = models.CharField(_("to whom"), max_length=400, blank=True)
    reporter_class = models.ForeignKey(
        ReporterClass,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="deadlines",
        verbose_name=_("binds"),
        help_text=_("Empty: everyone the provision binds."),
    )
    text = models.TextField(_("as the law words it"), blank=True)
    step = models.CharField(
        _("step of the response it times"),
        max_length=12,
        blank=True,
        choices=[
            ("regulator", _("Notifying the regulator (from discovery)")),
            ("disclosure", _("Disclosing to the people affected or the public (from discovery)")),
        ],
        help_text=_(
            "Which of a case's measured intervals this clock can be set against, as arithmetic "
            "on dates (cases.response_time)."
        ),
    )
    applies_until = models.DateField(
        _("applied until"),
        null=True,
        blank=True,
        help_text=_("For a clock the law has since replaced: the last day it applied."),
    )

    objects = DeadlineQuerySet.as_manager()

    class Meta:
        verbose_name = _("deadline")
        verbose_name_plural = _("deadlines")
        ordering = ["provision_id", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["provision", "position"], name="deadline_position_unique"
            ),
            models.CheckConstraint(
                condition=(
                    Q(
                        unit__in=[u.value for u in deadlines.TIMED_UNITS],
                        # Spelled out: NULL >= 1 is unknown, which a CHECK lets through.
                        amount__isnull=False,
                        amount__gte=1,
                    )
                    | Q(unit=deadlines.Unit.WITHOUT_DELAY.value, amount__isnull=True)
                ),
                name="deadline_amount_fits_unit",
            ),
        ]

    def __str__(self):
        return self.with_trigger

    def sort_key(self):
        return (deadlines.nominal_length(self.amount, self.unit), self.position)

    @property
    def is_immediate(self) -> bool:
        return self.unit == deadlines.Unit.WITHOUT_DELAY

    @property
    def label(self) -> str:
        """ "72 hours", "4 business days", "Without delay"."""
        n = self.amount
        if self.unit == deadlines.Unit.HOURS:
            return ngettext("%(n)d hour", "%(n)d hours", n) % {"n": n}
        if self.unit == deadlines.Unit.DAYS:
            return ngettext("%(n)d calendar day", "%(n)d calendar days", n) % {"n": n}
        if self.unit == deadlines.Unit.BUSINESS_DAYS:
            return ngettext("%(n)d business day", "%(n)d business days", n) % {"n": n}
        if self.unit == deadlines.Unit.MONTHS:
            return ngettext("%(n)d month", "%(n)d months", n) % {"n": n}
        return str(_("Without delay"))

    def applies_on(self, day) -> bool:
        return self.applies_until is None or day <= self.applies_until

    @property
    def with_trigger(self) -> str:
        """ "72 hours after becoming aware of the breach", "Without delay after …"."""
        if not self.trigger:
            return self.label
        if self.is_immediate:
            return _("Without delay after %(trigger)s") % {"trigger": self.trigger}
        return _("%(deadline)s after %(trigger)s") % {
            "deadline": self.label,
            "trigger": self.trigger,
        }

    @property
    def playbook_phase(self) -> str | None:
        return deadlines.playbook_phase(self.amount, self.unit)


class LegalSource(NumberedSource):
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
