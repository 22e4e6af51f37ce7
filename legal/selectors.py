"""Reads shaped for the legal pages, the case page's legal panel and the playbooks' legal steps.

Each function runs a fixed number of queries, whatever the number of provisions or cases.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from functools import partial
from urllib.parse import urlencode

from django.db.models import Count, Min, Prefetch, Q, Subquery
from django.utils import formats, timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from cases import response_time
from cases.extensions import CasePanel, ContributedStep, PlaybookOption
from cases.models import Case, CrisisType, DatePrecision, ImpactFigure, TimelineEvent
from core import countries

from . import deadlines
from .forms import COMMON_ZONES, MAX_JURISDICTIONS, DeadlineClockForm
from .models import Deadline, Jurisdiction, LegalProvision, ReporterClass

# A case figure is a fine or penalty when its English label says so (the corpus has no figure
# kind); only money figures count.
FINE_LABEL = re.compile(r"\b(fines?|fined|penalty|penalties)\b", re.IGNORECASE)
MONEY_UNITS = {
    ImpactFigure.Unit.USD,
    ImpactFigure.Unit.CNY,
    ImpactFigure.Unit.EUR,
    ImpactFigure.Unit.GBP,
}


def last_checked() -> date | None:
    """The date the provisions were last checked: the oldest check date of any of them."""
    return LegalProvision.objects.aggregate(d=Min("last_checked"))["d"]


def legal_index() -> dict:
    """Jurisdictions and crisis types, each with how many provisions it has, and every clock
    of every provision, shortest first."""
    jurisdictions = Jurisdiction.objects.ordered().annotate(count=Count("provisions"))
    types = (
        CrisisType.objects.ordered().annotate(count=Count("legal_provisions")).filter(count__gt=0)
    )
    clocks = Deadline.objects.filter(provision__kind=LegalProvision.Kind.PROVISION).select_related(
        "provision__jurisdiction", "reporter_class"
    )
    return {
        "jurisdictions": list(jurisdictions),
        "crisis_types": list(types),
        "timed": sorted(
            clocks,
            key=lambda d: (
                deadlines.nominal_length(d.amount, d.unit),
                d.provision.jurisdiction.position,
                d.provision.position,
                d.position,
            ),
        ),
        "last_checked": last_checked(),
    }


def jurisdictions_of(codes: list[str], every: list[Jurisdiction]) -> list[Jurisdiction]:
    """The jurisdictions that ISO 3166 `codes` fall under: those covering a code or the
    country of a code (US-CA falls under us-ca and us; DE under the EU/EEA)."""
    wanted = set(codes) | {countries.country_of(c) for c in codes}
    return [j for j in every if wanted & {c.code for c in j.countries.all()}]


def jurisdiction_detail(*, code: str) -> dict:
    """Raises Jurisdiction.DoesNotExist for an unknown code."""
    jurisdiction = Jurisdiction.objects.get(code=code)
    provisions = LegalProvision.objects.filter(jurisdiction=jurisdiction).for_list()
    return {
        "jurisdiction": jurisdiction,
        "provisions": list(provisions),
        "last_checked": last_checked(),
    }


@dataclass
class JurisdictionGroup:
    jurisdiction: Jurisdiction
    provisions: list[LegalProvision] = field(default_factory=list)


def _group(provisions) -> list[JurisdictionGroup]:
    groups: dict[int, JurisdictionGroup] = {}
    for provision in provisions:
        group = groups.get(provision.jurisdiction_id)
        if group is None:
            group = groups[provision.jurisdiction_id] = JurisdictionGroup(provision.jurisdiction)
        group.provisions.append(provision)
    return list(groups.values())


def crisis_type_duties(*, slug: str) -> dict:
    """Raises CrisisType.DoesNotExist for an unknown slug."""
    crisis_type = CrisisType.objects.get(slug=slug)
    provisions = LegalProvision.objects.filter(crisis_types=crisis_type).for_list()
    return {
        "crisis_type": crisis_type,
        "groups": _group(provisions),
        "other_types": list(
            CrisisType.objects.ordered()
            .annotate(count=Count("legal_provisions"))
            .filter(count__gt=0)
            .exclude(pk=crisis_type.pk)
        ),
        "last_checked": last_checked(),
    }


def provision_detail(*, slug: str) -> dict:
    """Raises LegalProvision.DoesNotExist for an unknown slug."""
    provision = LegalProvision.objects.for_detail().get(slug=slug)
    facts = list(provision.facts.all())
    return {
        "provision": provision,
        "facts": [f for f in facts if f.kind == f.Kind.FACT],
        "caveats": [f for f in facts if f.kind == f.Kind.CAVEAT],
        "last_checked": last_checked(),
    }


# --- the deadline clock -------------------------------------------------------------------


@dataclass
class ClockEntry:
    deadline: Deadline
    due: datetime
    skipped: tuple = ()  # public holidays a business-day count skipped

    @property
    def provision(self) -> LegalProvision:
        return self.deadline.provision

    @property
    def immediate(self) -> bool:
        return self.deadline.is_immediate


def _holiday_language() -> str:
    return "zh_CN" if (get_language() or "en").startswith("zh") else "en_US"


def deadline_clock(*, params) -> dict:
    """The clock's form and, when it is filled in and valid, every deadline it gives.

    The form counts as submitted when the query string has a date, time or time zone; a link
    that names only the crisis type and jurisdictions pre-fills the form. A deadline bound to a
    reporter class counts only when the reader chose that class, or chose none (then every
    class's clock is listed, each labelled).
    """
    submitted = any(name in params for name in ("date", "time", "tz"))
    form = DeadlineClockForm(params if submitted else None, initial=_initial(params))
    context = {
        "form": form,
        "submitted": submitted,
        "selected_jurisdictions": params.getlist("jurisdiction")[:MAX_JURISDICTIONS],
        "selected_reporters": params.getlist("reporter")[:MAX_JURISDICTIONS],
        "common_zones": COMMON_ZONES,
        "last_checked": last_checked(),
    }
    if not submitted or not form.is_valid():
        return context
    start: datetime = form.cleaned_data["start"]
    crisis_type = form.cleaned_data["type"]
    chosen = list(form.cleaned_data["jurisdiction"])
    reporters = list(form.cleaned_data.get("reporter") or [])
    chosen_by_jurisdiction = {r.jurisdiction_id: r.pk for r in reporters}
    provisions = list(
        LegalProvision.objects.filter(
            crisis_types=crisis_type,
            jurisdiction__in=chosen,
            kind=LegalProvision.Kind.PROVISION,
        ).for_list()
    )
    day = start.date()
    language = _holiday_language()
    entries, later, open_ended = [], [], []
    for provision in provisions:
        if not provision.in_force_on(day):
            later.append(provision)
            continue
        clocks = provision.clocks
        if not clocks:
            open_ended.append(provision)
            continue
        calendar = deadlines.holiday_calendar(provision.jurisdiction.holidays_country, language)
        for clock in clocks:
            picked = chosen_by_jurisdiction.get(provision.jurisdiction_id)
            if clock.reporter_class_id and picked and clock.reporter_class_id != picked:
                continue
            if not clock.applies_on(day):
                continue
            due = deadlines.business_deadline(start, clock.amount, clock.unit, calendar)
            entries.append(ClockEntry(clock, due.at, due.skipped))
    entries.sort(
        key=lambda e: (
            e.due,
            not e.immediate,
            e.provision.jurisdiction.position,
            e.provision.position,
            e.deadline.position,
        )
    )
    context.update(
        start=start,
        start_adjusted=form.cleaned_data["start_adjusted"],
        zone=form.cleaned_data["tz"],
        crisis_type=crisis_type,
        jurisdictions=chosen,
        reporters=reporters,
        entries=entries,
        skipped_any=any(e.skipped for e in entries),
        later=later,
        open_ended=open_ended,
    )
    return context


def _initial(params) -> dict:
    initial = {"tz": "UTC"}
    if params.get("type"):
        initial["type"] = params.get("type")
    if params.getlist("jurisdiction"):
        initial["jurisdiction"] = params.getlist("jurisdiction")
    if params.getlist("reporter"):
        initial["reporter"] = params.getlist("reporter")
    return initial


# --- the case page's panel ----------------------------------------------------------------


def outbreak_period(case: Case) -> tuple[date, date]:
    """The first and last day the case's outbreak may fall on, given its date's precision."""
    day = case.outbreak_date
    if day is None:
        return date(case.year, 1, 1), date(case.year, 12, 31)
    if case.outbreak_precision == DatePrecision.YEAR:
        return date(day.year, 1, 1), date(day.year, 12, 31)
    if case.outbreak_precision == DatePrecision.MONTH:
        last = calendar.monthrange(day.year, day.month)[1]
        return day.replace(day=1), day.replace(day=last)
    return day, day


def case_legal_panel(case: Case, request) -> CasePanel:
    """Duties on record for the case's crisis types and jurisdictions, split by whether they
    were in force at the outbreak, and the enforcement the case's own records show."""
    types = list(case.crisis_types.all())
    codes = [c.code for c in case.countries.all()]
    # One query for the jurisdictions and the date the provisions were last checked, one for
    # the countries they cover.
    oldest_check = LegalProvision.objects.order_by("last_checked").values("last_checked")[:1]
    every = list(
        Jurisdiction.objects.ordered()
        .annotate(checked=Subquery(oldest_check))
        .prefetch_related("countries")
    )
    jurisdictions = jurisdictions_of(codes, every)
    matching = Q(case=case)
    if jurisdictions and types:
        matching |= Q(
            crisis_types__in=types,
            jurisdiction__in=jurisdictions,
            kind=LegalProvision.Kind.PROVISION,
        )
    provisions = list(
        LegalProvision.objects.filter(matching)
        .distinct()
        .select_related("jurisdiction")
        .prefetch_related(Prefetch("deadlines", queryset=Deadline.objects.for_list()))
        .ordered()
    )
    first, last = outbreak_period(case)
    in_force, uncertain, later, precedents = [], [], [], []
    for provision in provisions:
        if provision.kind == LegalProvision.Kind.PRECEDENT:
            precedents.append(provision)
        elif not provision.in_force:
            later.append(provision)
        elif provision.effective_date is None or provision.effective_date <= first:
            in_force.append(provision)
        elif provision.effective_date > last:
            later.append(provision)
        else:
            uncertain.append(provision)
    later.sort(key=lambda p: (p.effective_date is None, p.effective_date or first))
    comparisons = clock_comparisons(case, in_force)
    events = [e for e in case.timeline.all() if e.kind == TimelineEvent.Kind.REGULATORY]
    fines = [
        f
        for f in case.figures.all()
        if f.unit in MONEY_UNITS and FINE_LABEL.search(getattr(f, "label_en", "") or f.label)
    ]
    # The case's crisis types that have duties on record anywhere: links to their pages and
    # the clock, pre-filled with the first of them and the case's jurisdictions.
    with_duties = set(
        LegalProvision.crisis_types.through.objects.filter(
            crisistype_id__in=[t.pk for t in types]
        ).values_list("crisistype_id", flat=True)
    )
    duty_types = [t for t in types if t.pk in with_duties]
    return CasePanel(
        anchor="legal-duties",
        title=_("Legal duties"),
        template_name="legal/includes/case_panel.html",
        context={
            "case": case,
            "jurisdictions": jurisdictions,
            "in_force": in_force,
            "uncertain": uncertain,
            "later": later,
            "precedents": precedents,
            "events": events,
            "fines": fines,
            "duty_types": duty_types,
            "comparisons": comparisons,
            "clock_query": urlencode(
                ([("type", duty_types[0].slug)] if duty_types else [])
                + [("jurisdiction", j.code) for j in jurisdictions]
            ),
            "last_checked": every[0].checked if every else None,
        },
    )


@dataclass
class ClockComparison:
    deadline: Deadline
    interval: response_time.Interval
    verdict: str  # within | longer | unclear


def clock_comparisons(case: Case, provisions: list[LegalProvision]) -> list[ClockComparison]:
    """The case's measured intervals (cases.response_time) set against the clocks of the
    provisions in force at its outbreak that time the same step: arithmetic on dates, not a
    legal finding. Uses the case's prefetched timeline and the provisions' deadlines."""
    measured = response_time.intervals(response_time.milestones_of(case))
    out = []
    for provision in provisions:
        for clock in provision.deadlines.all():
            interval = measured.get(clock.step) if clock.step else None
            if interval is None or clock.unit == deadlines.Unit.WITHOUT_DELAY:
                continue
            start = datetime.combine(interval.start.day, time(0), tzinfo=UTC)
            calendar = deadlines.holiday_calendar(provision.jurisdiction.holidays_country)
            due = deadlines.deadline_at(start, clock.amount, clock.unit, calendar)
            hours = (due - start).total_seconds() / 3600
            out.append(
                ClockComparison(
                    clock, interval, response_time.compare_with_deadline(interval, hours)
                )
            )
    return out


# --- the playbooks' legal steps -----------------------------------------------------------


def playbook_options() -> list[PlaybookOption]:
    """The playbook clock's legal choices: jurisdictions, and reporter classes where a law sets
    different clocks for different reporters. Two small queries."""
    jurisdictions = Jurisdiction.objects.ordered()
    reporters = ReporterClass.objects.select_related("jurisdiction").order_by(
        "jurisdiction__position", "position", "slug"
    )
    return [
        PlaybookOption(
            name="jurisdiction",
            legend=_("Jurisdictions involved"),
            choices=tuple((j.code, j.name, "") for j in jurisdictions),
            help_text=_("Their legal deadlines stand on the same clock. None ticked: none shown."),
        ),
        PlaybookOption(
            name="reporter",
            legend=_("Who reports"),
            choices=tuple((r.slug, r.name, r.jurisdiction.name) for r in reporters),
            help_text=_("Left empty, every reporter's clock is listed."),
        ),
    ]


def playbook_legal_steps(crisis_type: CrisisType, user, choices=None) -> list[ContributedStep]:
    """Each clock of each provision in force today, of the jurisdictions the reader chose (all
    of them when the playbook is not filtered), as a step on the playbook's clock.

    A clock bound to a reporter class shows only when the reader chose that class, or chose
    none for its jurisdiction. Shortest deadline first."""
    choices = choices or {}
    today = timezone.localdate()
    clocks = (
        Deadline.objects.filter(
            provision__crisis_types=crisis_type,
            provision__kind=LegalProvision.Kind.PROVISION,
            provision__in_force=True,
        )
        .filter(
            Q(provision__effective_date__isnull=True) | Q(provision__effective_date__lte=today)
        )
        .filter(Q(applies_until__isnull=True) | Q(applies_until__gte=today))
        .select_related("provision__jurisdiction", "reporter_class")
    )
    if "jurisdiction" in choices:
        clocks = clocks.filter(provision__jurisdiction__code__in=choices["jurisdiction"])
    clocks = list(clocks)
    picked = {}
    if choices.get("reporter"):
        for reporter in ReporterClass.objects.filter(slug__in=choices["reporter"]):
            picked[reporter.jurisdiction_id] = reporter.pk
    clocks = [
        c
        for c in clocks
        if not (
            c.reporter_class_id
            and c.provision.jurisdiction_id in picked
            and picked[c.provision.jurisdiction_id] != c.reporter_class_id
        )
    ]
    if not clocks:
        return []
    checked = last_checked()
    clocks.sort(
        key=lambda d: (
            deadlines.nominal_length(d.amount, d.unit),
            d.provision.jurisdiction.position,
            d.provision.position,
            d.position,
        )
    )
    note = _("Study aid, not legal advice. Provisions last checked on %(date)s.") % {
        "date": _date(checked)
    }
    steps = []
    for clock in clocks:
        provision = clock.provision
        whom = clock.notify or provision.notify
        title = provision.titled_with_jurisdiction
        if clock.reporter_class_id:
            title = _("%(title)s (%(reporter)s)") % {
                "title": title,
                "reporter": clock.reporter_class.name,
            }
        calendar_code = provision.jurisdiction.holidays_country
        steps.append(
            ContributedStep(
                phase=clock.playbook_phase,
                title=title,
                url=provision.get_absolute_url(),
                summary=_("%(law)s %(article)s. Notify: %(whom)s")
                % {"law": provision.law_short, "article": provision.article, "whom": whom}
                if whom
                else f"{provision.law_short} {provision.article}",
                label=_("Legal duty"),
                when=clock.with_trigger,
                notes=(note,),
                hours=deadlines.nominal_length(clock.amount, clock.unit).total_seconds() / 3600,
                due_at=partial(_due_at, clock.amount, clock.unit, calendar_code),
                alarm=True,
            )
        )
    return steps


def _due_at(amount, unit, calendar_code, start):
    return deadlines.deadline_at(start, amount, unit, deadlines.holiday_calendar(calendar_code))


def _date(day: date | None) -> str:
    return formats.date_format(day, "DATE_FORMAT") if day else "—"
