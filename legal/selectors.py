"""Reads shaped for the legal pages, the case page's legal panel and the playbooks' legal steps.

Each function runs a fixed number of queries, whatever the number of provisions or cases.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from urllib.parse import urlencode

from django.db.models import Count, Min, Q, Subquery
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from cases.extensions import CasePanel, ContributedStep
from cases.models import Case, CrisisType, DatePrecision, ImpactFigure, TimelineEvent

from . import deadlines
from .forms import COMMON_ZONES, MAX_JURISDICTIONS, DeadlineClockForm
from .models import Jurisdiction, LegalProvision

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
    """Jurisdictions and crisis types, each with how many provisions it has."""
    jurisdictions = Jurisdiction.objects.ordered().annotate(count=Count("provisions"))
    types = (
        CrisisType.objects.ordered().annotate(count=Count("legal_provisions")).filter(count__gt=0)
    )
    deadlines_list = (
        LegalProvision.objects.with_deadline()
        .filter(kind=LegalProvision.Kind.PROVISION)
        .for_list()
    )
    return {
        "jurisdictions": list(jurisdictions),
        "crisis_types": list(types),
        "timed": sorted(
            deadlines_list,
            key=lambda p: (
                deadlines.nominal_length(p.deadline_amount, p.deadline_unit),
                p.jurisdiction.position,
                p.position,
            ),
        ),
        "last_checked": last_checked(),
    }


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
    provision: LegalProvision
    due: datetime

    @property
    def immediate(self) -> bool:
        return self.provision.is_immediate


def deadline_clock(*, params) -> dict:
    """The clock's form and, when it is filled in and valid, every deadline it gives.

    The form counts as submitted when the query string has a date, time or time zone; a link
    that names only the crisis type and jurisdictions pre-fills the form.
    """
    submitted = any(name in params for name in ("date", "time", "tz"))
    form = DeadlineClockForm(params if submitted else None, initial=_initial(params))
    context = {
        "form": form,
        "submitted": submitted,
        "selected_jurisdictions": params.getlist("jurisdiction")[:MAX_JURISDICTIONS],
        "common_zones": COMMON_ZONES,
        "last_checked": last_checked(),
    }
    if not submitted or not form.is_valid():
        return context
    start: datetime = form.cleaned_data["start"]
    crisis_type = form.cleaned_data["type"]
    chosen = form.cleaned_data["jurisdiction"]
    provisions = list(
        LegalProvision.objects.filter(
            crisis_types=crisis_type,
            jurisdiction__in=chosen,
            kind=LegalProvision.Kind.PROVISION,
        ).for_list()
    )
    day = start.date()
    entries, later, open_ended = [], [], []
    for provision in provisions:
        if not provision.in_force_on(day):
            later.append(provision)
        elif provision.has_deadline:
            due = deadlines.deadline_at(start, provision.deadline_amount, provision.deadline_unit)
            entries.append(ClockEntry(provision, due))
        else:
            open_ended.append(provision)
    entries.sort(
        key=lambda e: (
            e.due,
            not e.immediate,
            e.provision.jurisdiction.position,
            e.provision.position,
        )
    )
    context.update(
        start=start,
        start_adjusted=form.cleaned_data["start_adjusted"],
        zone=form.cleaned_data["tz"],
        crisis_type=crisis_type,
        jurisdictions=list(chosen),
        entries=entries,
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
    region = getattr(case, "region_en", "") or case.region or ""
    # One query for the jurisdictions and the date the provisions were last checked.
    oldest_check = LegalProvision.objects.order_by("last_checked").values("last_checked")[:1]
    every = list(Jurisdiction.objects.ordered().annotate(checked=Subquery(oldest_check)))
    jurisdictions = [j for j in every if j.matches_region(region)]
    matching = Q(case=case)
    if jurisdictions and types:
        matching |= Q(
            crisis_types__in=types,
            jurisdiction__in=jurisdictions,
            kind=LegalProvision.Kind.PROVISION,
        )
    provisions = list(
        LegalProvision.objects.filter(matching).distinct().select_related("jurisdiction").ordered()
    )
    first, last = outbreak_period(case)
    in_force, uncertain, later, precedents = [], [], [], []
    for provision in provisions:
        if provision.kind == LegalProvision.Kind.PRECEDENT:
            precedents.append(provision)
        elif provision.effective_date is None or provision.effective_date <= first:
            in_force.append(provision)
        elif provision.effective_date > last:
            later.append(provision)
        else:
            uncertain.append(provision)
    later.sort(key=lambda p: p.effective_date)
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
            "clock_query": urlencode(
                ([("type", duty_types[0].slug)] if duty_types else [])
                + [("jurisdiction", j.code) for j in jurisdictions]
            ),
            "last_checked": every[0].checked if every else None,
        },
    )


# --- the playbooks' legal steps -----------------------------------------------------------


def playbook_legal_steps(crisis_type: CrisisType, user) -> list[ContributedStep]:
    """Each provision in force today with a deadline, as a step of the phase its deadline
    falls in (legal.deadlines.playbook_phase), the shortest deadline first."""
    today = timezone.localdate()
    provisions = list(
        LegalProvision.objects.filter(crisis_types=crisis_type, kind=LegalProvision.Kind.PROVISION)
        .with_deadline()
        .in_force_on(today)
        .select_related("jurisdiction")
        .ordered()
    )
    if not provisions:
        return []
    checked = last_checked()
    provisions.sort(
        key=lambda p: (
            deadlines.nominal_length(p.deadline_amount, p.deadline_unit),
            p.jurisdiction.position,
            p.position,
        )
    )
    note = _("Study aid, not legal advice. Provisions last checked on %(date)s.") % {
        "date": _date(checked)
    }
    return [
        ContributedStep(
            phase=provision.playbook_phase,
            title=provision.titled_with_jurisdiction,
            url=provision.get_absolute_url(),
            summary=_("%(law)s %(article)s. Notify: %(whom)s")
            % {
                "law": provision.law_short,
                "article": provision.article,
                "whom": provision.notify,
            }
            if provision.notify
            else f"{provision.law_short} {provision.article}",
            label=_("Legal duty"),
            when=provision.deadline_with_trigger,
            notes=(note,),
        )
        for provision in provisions
    ]


def _date(day: date | None) -> str:
    return formats.date_format(day, "DATE_FORMAT") if day else "—"
