"""The evidence: crisis types, cases, the measures each organisation took, their sources."""

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager

from core import countries
from core.markdown import RenderedMarkdownMixin
from core.models import (
    HttpsURLField,  # noqa: F401  (the migrations name it here)
    NumberedSource,
    OrderedQuerySet,
    SluggedRecord,
)
from strategies.models import Principle, Tactic

MIN_YEAR = 1900


def valid_zone(name: str) -> bool:
    """Whether `name` is an IANA time zone this machine knows."""
    try:
        ZoneInfo(name)
    except (ValueError, ZoneInfoNotFoundError, OSError):
        return False
    return True


MAX_YEAR = 2100


class DatePrecision(models.TextChoices):
    YEAR = "year", _("year")
    MONTH = "month", _("month")
    DAY = "day", _("day")


class Country(models.Model):
    """A country (ISO 3166-1 alpha-2) or sub-national unit (ISO 3166-2, e.g. US-CA) that a
    case involves. Names come from ISO 3166 itself (pycountry), in both languages."""

    code = models.CharField(_("ISO 3166 code"), max_length=6)

    class Meta:
        verbose_name = _("country or region")
        verbose_name_plural = _("countries and regions")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["code"], name="country_code_unique"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("cases:list") + f"?country={self.code}"

    @property
    def name(self) -> str:
        return countries.name(self.code, get_language() or "en")

    @property
    def country_code(self) -> str:
        """The ISO 3166-1 country: US for US-CA."""
        return countries.country_of(self.code)

    def clean(self):
        if not countries.is_valid(self.code):
            raise ValidationError({"code": _("Not an ISO 3166 country or subdivision code.")})


def country_q(code: str, field: str = "countries__code") -> Q:
    """Cases (or rows reached through `field`) in a country, its subdivisions included:
    US finds a case in US-CA."""
    return Q(**{field: code}) | Q(**{f"{field}__startswith": f"{code}-"})


class CrisisTypeQuerySet(OrderedQuerySet):
    pass


class CrisisType(RenderedMarkdownMixin, SluggedRecord):
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    description = models.TextField(_("description (Markdown)"), blank=True)
    description_html = models.TextField(editable=False, blank=True)
    from_source_document = models.BooleanField(
        _("named in the source document"),
        default=False,
        help_text=_(
            "Unticked: the type is the knowledge base's own classification, not the source "
            "document's."
        ),
    )

    objects = CrisisTypeQuerySet.as_manager()

    markdown_fields = ("description",)

    class Meta:
        verbose_name = _("crisis type")
        verbose_name_plural = _("crisis types")
        ordering = ["position", "slug"]
        constraints = [
            models.UniqueConstraint(fields=["slug"], name="crisistype_slug_unique"),
        ]

    def get_absolute_url(self):
        return reverse("cases:type", kwargs={"slug": self.slug})


class CaseQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Case.Status.PUBLISHED)

    def visible_to(self, user):
        """Staff preview drafts; everyone else sees published cases only."""
        if user is not None and user.is_authenticated and user.is_staff:
            return self
        return self.published()

    def for_list(self):
        """What a case card shows: its types and tags, no per-row queries."""
        return self.select_related("primary_type").prefetch_related(
            Prefetch("crisis_types", queryset=CrisisType.objects.ordered()),
            "tags",
            "countries",
        )

    def for_detail(self):
        """Everything the case page shows, in a fixed number of queries."""
        return self.select_related("primary_type").prefetch_related(
            Prefetch("crisis_types", queryset=CrisisType.objects.ordered()),
            "tags",
            "countries",
            Prefetch("sources", queryset=Source.objects.order_by("ref")),
            Prefetch(
                "figures",
                queryset=ImpactFigure.objects.order_by("position").prefetch_related("sources"),
            ),
            Prefetch(
                "timeline",
                queryset=TimelineEvent.objects.order_by("position").prefetch_related("sources"),
            ),
            Prefetch(
                "measures",
                queryset=ResponseMeasure.objects.order_by("position").prefetch_related(
                    Prefetch("principles", queryset=Principle.objects.ordered()),
                    Prefetch("tactics", queryset=Tactic.objects.ordered()),
                    "sources",
                ),
            ),
        )

    def for_matrix(self):
        """Cases with their measures and each measure's principles, for the matrix."""
        return self.order_by("-year", "slug").prefetch_related(
            Prefetch(
                "measures",
                queryset=ResponseMeasure.objects.order_by("position").prefetch_related(
                    Prefetch("principles", queryset=Principle.objects.only("id", "slug"))
                ),
            )
        )


class Case(RenderedMarkdownMixin, models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    class OutcomeRating(models.TextChoices):
        RECOVERED = "recovered", _("Trust largely recovered")
        MIXED = "mixed", _("Mixed")
        DAMAGED = "damaged", _("Lasting damage")

    class Origin(models.TextChoices):
        SEED = "seed", _("Source document")
        CORPUS = "corpus", _("Documented corpus")
        EDITORIAL = "editorial", _("Editorial")

    slug = models.SlugField(_("slug"), max_length=120)
    title = models.CharField(_("title"), max_length=250)
    organisation = models.CharField(
        _("organisation"),
        max_length=200,
        help_text=_("As the sources word it; may stay anonymised."),
    )
    industry = models.CharField(_("industry"), max_length=120, blank=True)
    region = models.CharField(
        _("region note"),
        max_length=120,
        blank=True,
        help_text=_("Nuance the countries cannot carry, e.g. “global user base”."),
    )
    countries = models.ManyToManyField(
        Country,
        related_name="cases",
        blank=True,
        verbose_name=_("countries and regions"),
        help_text=_("ISO 3166 codes; the legal duties shown follow from them."),
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(MIN_YEAR), MaxValueValidator(MAX_YEAR)]
    )
    outbreak_date = models.DateField(_("outbreak date"), null=True, blank=True)
    outbreak_precision = models.CharField(
        _("outbreak date precision"),
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
    )
    primary_type = models.ForeignKey(
        CrisisType,
        on_delete=models.PROTECT,
        related_name="primary_cases",
        verbose_name=_("primary crisis type"),
    )
    crisis_types = models.ManyToManyField(
        CrisisType, related_name="cases", verbose_name=_("crisis types")
    )
    summary = models.TextField(_("summary"), blank=True)
    background = models.TextField(_("background (Markdown)"), blank=True)
    background_html = models.TextField(editable=False, blank=True)
    impact = models.TextField(_("impact (Markdown)"), blank=True)
    impact_html = models.TextField(editable=False, blank=True)
    outcome = models.TextField(_("outcome (Markdown)"), blank=True)
    outcome_html = models.TextField(editable=False, blank=True)
    outcome_rating = models.CharField(
        _("outcome rating"),
        max_length=10,
        choices=OutcomeRating.choices,
        blank=True,
        help_text=_("Analysis: how the organisation came out of it, for comparing cases."),
    )
    assessment = models.TextField(
        _("assessment (Markdown)"),
        blank=True,
        help_text=_("Analysis: what worked and what fell short."),
    )
    assessment_html = models.TextField(editable=False, blank=True)
    lessons = models.TextField(_("lessons (Markdown)"), blank=True, help_text=_("Analysis."))
    lessons_html = models.TextField(editable=False, blank=True)
    questions = models.TextField(
        _("discussion questions (Markdown)"), blank=True, help_text=_("Analysis.")
    )
    questions_html = models.TextField(editable=False, blank=True)
    origin = models.CharField(
        _("origin"), max_length=10, choices=Origin.choices, default=Origin.EDITORIAL
    )
    corpus_key = models.CharField(_("corpus key"), max_length=120, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    search_weight = models.FloatField(
        _("search weight"),
        default=1.0,
        validators=[MinValueValidator(0.1), MaxValueValidator(10.0)],
        help_text=_(
            "Editorial: multiplies the case's search relevance. 1 is neutral; the source "
            "document's reference cases use 2 so they lead among cases that match."
        ),
    )
    published_at = models.DateTimeField(_("first published"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    tags = TaggableManager(_("tags"), blank=True)
    related = models.ManyToManyField(
        "self",
        through="CaseRelation",
        through_fields=("from_case", "to_case"),
        symmetrical=False,
        blank=True,
        verbose_name=_("related cases"),
    )

    objects = CaseQuerySet.as_manager()

    markdown_fields = ("background", "impact", "outcome", "assessment", "lessons", "questions")

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-year", "slug"]
        constraints = [
            models.UniqueConstraint(fields=["slug"], name="case_slug_unique"),
            models.CheckConstraint(
                condition=Q(year__gte=MIN_YEAR) & Q(year__lte=MAX_YEAR),
                name="case_year_sane",
            ),
            models.CheckConstraint(
                condition=Q(search_weight__gte=0.1) & Q(search_weight__lte=10.0),
                name="case_search_weight_sane",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "-year"], name="case_status_year_idx"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("cases:detail", kwargs={"slug": self.slug})

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED

    @property
    def has_kb_classified_type(self) -> bool:
        """Whether one of its types is the knowledge base's classification (uses the
        prefetched crisis types)."""
        return any(not t.from_source_document for t in self.crisis_types.all())


class CaseRelation(models.Model):
    """A curated link from one case to another, with the reason the curator gives."""

    from_case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="relations", verbose_name=_("case")
    )
    to_case = models.ForeignKey(
        Case,
        on_delete=models.CASCADE,
        related_name="inbound_relations",
        verbose_name=_("related case"),
    )
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("related case")
        verbose_name_plural = _("related cases")
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["from_case", "to_case"], name="caserelation_unique_pair"
            ),
            models.CheckConstraint(
                condition=~Q(from_case=F("to_case")), name="caserelation_not_self"
            ),
        ]

    def __str__(self):
        return f"{self.from_case} → {self.to_case}"


class Source(NumberedSource):
    class Kind(models.TextChoices):
        NEWS = "news", _("News report")
        OFFICIAL = "official", _("Official statement")
        REGULATOR = "regulator", _("Regulator")
        STUDY = "study", _("Study")
        REFERENCE = "reference", _("Reference work")
        DOCUMENT = "document", _("Source document")

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="sources", verbose_name=_("case")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.NEWS)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    is_mirror = models.BooleanField(
        _("reprint or mirror"),
        default=False,
        help_text=_("The publisher reprints, mirrors or quotes the original."),
    )
    date_inferred = models.BooleanField(
        _("date inferred"),
        default=False,
        help_text=_("The date was inferred (e.g. from the address), not read in the source."),
    )

    class Meta:
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        ordering = ["case_id", "ref"]
        constraints = [
            models.UniqueConstraint(fields=["case", "ref"], name="source_ref_unique_per_case"),
            models.CheckConstraint(condition=Q(ref__gte=1), name="source_ref_positive"),
        ]


class ImpactFigure(models.Model):
    """A structured figure of a case's impact: people affected, a fine, a loss of value."""

    class Unit(models.TextChoices):
        PEOPLE = "people", _("people")
        ACCOUNTS = "accounts", _("accounts")
        RECORDS = "records", _("records")
        ITEMS = "items", _("items")
        USD = "usd", _("US dollars")
        CNY = "cny", _("yuan")
        EUR = "eur", _("euros")
        GBP = "gbp", _("pounds sterling")
        PERCENT = "percent", _("per cent")
        OTHER = "other", _("other")

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="figures", verbose_name=_("case")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    label = models.CharField(_("label"), max_length=250)
    # Decimal, not integer: shares fall by 14.6 per cent and compensation is 107,055.94 yuan.
    value = models.DecimalField(
        _("value"), max_digits=18, decimal_places=2, validators=[MinValueValidator(0)]
    )
    value_high = models.DecimalField(
        _("upper value"),
        max_digits=18,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Where sources disagree: the upper end of the range."),
    )
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices)
    sources = models.ManyToManyField(
        Source, related_name="figures", blank=True, verbose_name=_("sources")
    )

    class Meta:
        verbose_name = _("impact figure")
        verbose_name_plural = _("impact figures")
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(value__gte=0), name="figure_value_non_negative"),
            models.CheckConstraint(
                condition=Q(value_high__isnull=True) | Q(value_high__gte=F("value")),
                name="figure_range_ordered",
            ),
        ]

    def __str__(self):
        return self.label


class TimelineEvent(models.Model):
    class Kind(models.TextChoices):
        CONTEXT = "context", _("Context")
        OUTBREAK = "outbreak", _("Outbreak")
        FIRST_STATEMENT = "first_statement", _("First public statement")
        RESPONSE = "response", _("Response")
        REGULATORY = "regulatory", _("Regulatory action")
        OUTCOME = "outcome", _("Outcome")

    class Milestone(models.TextChoices):
        BEGAN = "began", _("Incident began")
        DISCOVERED = "discovered", _("Discovered by the organisation")
        OUTBREAK = "outbreak", _("First public report")
        DISCLOSED = "disclosed", _("Disclosed by the organisation")
        FIRST_STATEMENT = "first_statement", _("First public statement")
        REGULATOR_NOTIFIED = "regulator_notified", _("Regulator notified")
        APOLOGY = "apology", _("Apology")
        REMEDY = "remedy", _("Remedy announced")
        LEADER_STATEMENT = "leader_statement", _("Leader's statement")
        RESOLVED = "resolved", _("Resolved")
        PENALTY = "penalty", _("Penalty")

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="timeline", verbose_name=_("case")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    date = models.DateField(_("date"), null=True, blank=True)
    date_precision = models.CharField(
        _("date precision"),
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.CONTEXT)
    milestone = models.CharField(
        _("milestone"), max_length=20, choices=Milestone.choices, blank=True
    )
    time = models.TimeField(_("time of day"), null=True, blank=True)
    tz = models.CharField(
        _("time zone"), max_length=64, blank=True, help_text=_("An IANA name, e.g. Asia/Shanghai.")
    )
    derived = models.BooleanField(
        _("derived by the knowledge base"),
        default=False,
        help_text=_(
            "The date or time is worked out (from “on Friday”, “hours later”), not stated."
        ),
    )
    text = models.TextField(_("what happened"))
    sources = models.ManyToManyField(
        Source, related_name="timeline_events", blank=True, verbose_name=_("sources")
    )

    class Meta:
        verbose_name = _("timeline event")
        verbose_name_plural = _("timeline events")
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "position"], name="timeline_position_unique_per_case"
            ),
            models.CheckConstraint(
                condition=Q(time__isnull=True) | Q(date__isnull=False, date_precision="day"),
                name="timeline_time_needs_a_day",
            ),
        ]

    def __str__(self):
        return self.text[:60]

    def clean(self):
        errors = {}
        if self.time is not None and (self.date is None or self.date_precision != "day"):
            errors["time"] = _("A time of day needs a date to the day.")
        if self.tz and not valid_zone(self.tz):
            errors["tz"] = _("Not a time zone: use an IANA name such as Asia/Shanghai.")
        if errors:
            raise ValidationError(errors)


class ResponseMeasure(RenderedMarkdownMixin, models.Model):
    """What an organisation did: the hinge of principle ⇄ measure ⇄ case."""

    class Phase(models.TextChoices):
        IMMEDIATE = "immediate", _("Immediate")
        CONTAINMENT = "containment", _("Containment")
        RECOVERY = "recovery", _("Recovery")
        PREVENTION = "prevention", _("Prevention")

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="measures", verbose_name=_("case")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    title = models.CharField(_("title"), max_length=250)
    description = models.TextField(_("description (Markdown)"), blank=True)
    description_html = models.TextField(editable=False, blank=True)
    phase = models.CharField(
        _("phase"), max_length=12, choices=Phase.choices, default=Phase.IMMEDIATE
    )
    date = models.DateField(_("date"), null=True, blank=True)
    date_precision = models.CharField(
        _("date precision"),
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
    )
    timing = models.CharField(
        _("timing"), max_length=120, blank=True, help_text=_("E.g. “within 24 hours”.")
    )
    principles = models.ManyToManyField(
        Principle, related_name="measures", blank=True, verbose_name=_("principles embodied")
    )
    tactics = models.ManyToManyField(
        Tactic, related_name="measures", blank=True, verbose_name=_("tactics applied")
    )
    sources = models.ManyToManyField(
        Source, related_name="measures", blank=True, verbose_name=_("sources")
    )

    markdown_fields = ("description",)

    class Meta:
        verbose_name = _("response measure")
        verbose_name_plural = _("response measures")
        ordering = ["case_id", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "position"], name="measure_position_unique_per_case"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return f"{self.case.get_absolute_url()}#measure-{self.position}"


class RelatedRank(models.Model):
    """One of a case's ranked related cases (not the curated ones), computed by cases.ranking
    when content changes, so a case page reads its related cases in one small query."""

    bulk_derived = True  # written in bulk by cases.ranking, which invalidates the page cache

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="related_ranks", verbose_name=_("case")
    )
    other = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="+", verbose_name=_("related case")
    )
    position = models.PositiveSmallIntegerField(_("position"))
    score = models.PositiveIntegerField(_("score"))
    shared_types = models.PositiveSmallIntegerField(default=0)
    shared_tactics = models.PositiveSmallIntegerField(default=0)
    shared_tags = models.PositiveSmallIntegerField(default=0)
    # Ids of the principles both cases applied, for the reasons shown.
    principles = models.JSONField(default=list, blank=True)

    class Meta:
        verbose_name = _("ranked related case")
        verbose_name_plural = _("ranked related cases")
        ordering = ["case_id", "position"]
        constraints = [
            models.UniqueConstraint(fields=["case", "position"], name="relatedrank_position"),
            models.UniqueConstraint(fields=["case", "other"], name="relatedrank_pair"),
        ]

    def __str__(self):
        return f"{self.case_id} → {self.other_id} ({self.score})"


class ResponseInterval(models.Model):
    """One step of a case's response, measured by cases.response_time and stored when the case
    or its timeline changes, so lists, medians and sorting never recompute it per request."""

    class Step(models.TextChoices):
        DETECTION = "detection", _("Detection")
        DISCLOSURE = "disclosure", _("Disclosure")
        STATEMENT = "statement", _("First statement")
        APOLOGY = "apology", _("Apology")
        REMEDY = "remedy", _("Remedy")
        REGULATOR = "regulator", _("Regulator notified")

    class Precision(models.TextChoices):
        MINUTE = "minute", _("minute")
        DAY = "day", _("day")
        MONTH = "month", _("month")
        YEAR = "year", _("year")

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="intervals", verbose_name=_("case")
    )
    step = models.CharField(_("step"), max_length=12, choices=Step.choices)
    precision = models.CharField(_("precision"), max_length=6, choices=Precision.choices)
    amount = models.IntegerField(
        _("length"), help_text=_("In units of the precision: minutes, days, months or years.")
    )
    hours = models.FloatField(_("length in hours"), help_text=_("For sorting and charts."))
    derived = models.BooleanField(_("an end is derived"), default=False)

    class Meta:
        verbose_name = _("response interval")
        verbose_name_plural = _("response intervals")
        ordering = ["case_id", "step"]
        constraints = [
            models.UniqueConstraint(fields=["case", "step"], name="interval_step_unique"),
        ]
        indexes = [models.Index(fields=["step", "hours"], name="interval_step_hours_idx")]

    def __str__(self):
        return f"{self.case_id} {self.step}: {self.label}"

    @property
    def label(self) -> str:
        from .response_time import label_for

        return label_for(self.precision, self.amount)


class PlaybookStep(models.Model):
    """A curated step of the playbook of one or more crisis types: an action, who owns it and
    when it is due on the clock that starts at discovery. The knowledge base's analysis."""

    class Due(models.TextChoices):
        HOUR = "hour", _("First hour")
        DAY = "day", _("First 24 hours")
        HOURS_72 = "72h", _("First 72 hours")
        WEEK = "week", _("First week")
        AFTER = "after", _("After the first week")

    class Owner(models.TextChoices):
        COMMUNICATIONS = "communications", _("Communications")
        LEGAL = "legal", _("Legal")
        LEADERSHIP = "leadership", _("Leadership")
        CUSTOMER_SUPPORT = "customer-support", _("Customer support")
        ENGINEERING = "engineering", _("Engineering and operations")

    # Hours from discovery at which each window closes (None: open-ended).
    DUE_HOURS = {"hour": 1, "day": 24, "72h": 72, "week": 168, "after": None}

    slug = models.SlugField(_("slug"), max_length=120)
    crisis_types = models.ManyToManyField(
        CrisisType, related_name="playbook_steps", blank=True, verbose_name=_("crisis types")
    )
    all_types = models.BooleanField(
        _("every crisis type"), default=False, help_text=_("Shown in every playbook.")
    )
    due = models.CharField(_("due"), max_length=5, choices=Due.choices)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    owner = models.CharField(_("owner"), max_length=16, choices=Owner.choices)
    action = models.CharField(_("action"), max_length=300)
    detail = models.TextField(_("detail"), blank=True)
    principle = models.ForeignKey(
        Principle,
        on_delete=models.PROTECT,
        related_name="playbook_steps",
        verbose_name=_("principle it serves"),
    )
    tactic = models.ForeignKey(
        Tactic,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="playbook_steps",
        verbose_name=_("tactic it applies"),
    )

    class Meta:
        verbose_name = _("playbook step")
        verbose_name_plural = _("playbook steps")
        ordering = ["due", "position", "slug"]
        constraints = [
            models.UniqueConstraint(fields=["slug"], name="playbookstep_slug_unique"),
        ]

    def __str__(self):
        return self.action

    @property
    def due_hours(self) -> int | None:
        return self.DUE_HOURS[self.due]
