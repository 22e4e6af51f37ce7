"""The playbook as a clock: a crisis type's curated steps (PlaybookStep) and the legal
deadlines other apps contribute, ordered by when each is due from discovery — first hour,
first 24 hours, first 72 hours, first week, after — with each step's evidence from the cases.

"Start the clock" (date, time and zone of discovery, plus the contributors' options such as
jurisdictions) turns every step and deadline into a dated moment in the reader's zone; the
same data feeds the page, the Markdown and the iCalendar downloads."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.db.models import Prefetch, Q

from core.forms import DiscoveryMomentForm
from strategies.models import Principle, Tactic

from .. import extensions
from ..models import Case, CrisisType, PlaybookStep, ResponseMeasure
from . import timing

WINDOWS = list(PlaybookStep.Due)
EVIDENCE_LIMIT = 4
MAX_CHOICES = 40


def window_of(hours: float | None) -> str:
    """The clock window a deadline of `hours` from discovery falls in (None: after)."""
    if hours is None:
        return PlaybookStep.Due.AFTER
    for code in ("hour", "day", "72h", "week"):
        if hours <= PlaybookStep.DUE_HOURS[code]:
            return code
    return PlaybookStep.Due.AFTER


class PlaybookClockForm(DiscoveryMomentForm):
    """When the crisis was discovered (core.forms): the start of the playbook's clock."""


@dataclass
class EvidenceCase:
    case: Case
    measure: ResponseMeasure | None
    delay: timing.Delay | None = None


@dataclass
class ClockItem:
    number: int
    kind: str  # "step" or "legal"
    key: str  # stable id for the checklist
    action: str
    detail: str = ""
    owner: str = ""
    principle: Principle | None = None
    tactic: Tactic | None = None
    did: list[EvidenceCase] = field(default_factory=list)
    did_count: int = 0
    did_not: list[EvidenceCase] = field(default_factory=list)
    did_not_count: int = 0
    url: str = ""
    when: str = ""
    summary: str = ""
    notes: tuple = ()
    label: str = ""
    due: datetime | None = None
    due_is_start: bool = False  # "after the first week": from, not by
    alarm: bool = False


@dataclass
class Window:
    code: str
    label: str
    items: list[ClockItem] = field(default_factory=list)


@dataclass
class PlaybookClock:
    crisis_type: CrisisType
    windows: list[Window]
    form: PlaybookClockForm
    submitted: bool
    start: datetime | None
    options: list
    chosen: dict
    ignored: list[str]

    @property
    def items(self) -> list[ClockItem]:
        return [item for window in self.windows for item in window.items]


def _choices(params, options) -> tuple[dict, list[str]]:
    chosen, ignored = {}, []
    for option in options:
        if option.name not in params:
            continue
        allowed = {value for value, _label, _group in option.choices}
        values = params.getlist(option.name)[:MAX_CHOICES]
        chosen[option.name] = [v for v in values if v in allowed]
        if (
            len(chosen[option.name]) != len(values)
            or len(params.getlist(option.name)) > MAX_CHOICES
        ):
            ignored.append(str(option.legend))
    return chosen, ignored


def _evidence(crisis_type: CrisisType, user, steps: list[PlaybookStep]):
    """For each step, the cases of the type whose measures applied its tactic (or embodied its
    principle when it has none), and the cases that show no such measure. Two queries."""
    cases = list(
        Case.objects.visible_to(user)
        .filter(crisis_types=crisis_type)
        .order_by("-year", "slug")
        .prefetch_related(
            Prefetch(
                "measures",
                queryset=ResponseMeasure.objects.order_by("position").prefetch_related(
                    Prefetch("principles", queryset=Principle.objects.only("id")),
                    Prefetch("tactics", queryset=Tactic.objects.only("id")),
                ),
            )
        )
    )
    # Per case, once: the first measure applying each tactic and embodying each principle.
    firsts = []
    for case in cases:
        by_tactic, by_principle = {}, {}
        for measure in case.measures.all():
            for tactic in measure.tactics.all():
                by_tactic.setdefault(tactic.pk, measure)
            for principle in measure.principles.all():
                by_principle.setdefault(principle.pk, measure)
        firsts.append((case, by_tactic, by_principle))
    result = {}
    for step in steps:
        did, did_not = [], []
        for case, by_tactic, by_principle in firsts:
            match = by_tactic.get(step.tactic_id) if step.tactic_id else None
            if not step.tactic_id:
                match = by_principle.get(step.principle_id)
            if match is not None:
                delay = timing.delay_between(
                    case.outbreak_date, case.outbreak_precision, match.date, match.date_precision
                )
                did.append(EvidenceCase(case, match, delay))
            else:
                did_not.append(EvidenceCase(case, None))
        result[step.pk] = (did, did_not)
    return result


def playbook_clock(*, crisis_type: CrisisType, user, params) -> PlaybookClock:
    """The crisis type's playbook on a clock; started when the query string has a date, time
    or zone (an invalid one leaves the form with its errors and no dates)."""
    options = extensions.playbook_options()
    submitted = any(name in params for name in ("date", "time", "tz"))
    form = PlaybookClockForm(params if submitted else None, initial={"tz": "UTC"})
    start = form.cleaned_data["start"] if submitted and form.is_valid() else None
    chosen, ignored = _choices(params, options)
    steps = list(
        PlaybookStep.objects.filter(Q(all_types=True) | Q(crisis_types=crisis_type))
        .select_related("principle", "tactic")
        .distinct()
        .order_by("position", "slug")
    )
    evidence = _evidence(crisis_type, user, steps)
    windows = {code.value: Window(code.value, str(code.label)) for code in WINDOWS}
    owners = dict(PlaybookStep.Owner.choices)
    for step in steps:
        did, did_not = evidence[step.pk]
        windows[step.due].items.append(
            ClockItem(
                number=0,
                kind="step",
                key=f"step-{step.slug}",
                action=step.action,
                detail=step.detail,
                owner=str(owners[step.owner]),
                principle=step.principle,
                tactic=step.tactic,
                did=did[:EVIDENCE_LIMIT],
                did_count=len(did),
                did_not=did_not[:EVIDENCE_LIMIT],
                did_not_count=len(did_not),
                due=_window_due(start, step.due),
                due_is_start=step.due == PlaybookStep.Due.AFTER,
            )
        )
    for n, contributed in enumerate(
        extensions.playbook_steps(crisis_type, user=user, choices=chosen), start=1
    ):
        due = None
        if start is not None and contributed.due_at is not None:
            due = contributed.due_at(start)
        windows[window_of(contributed.hours)].items.append(
            ClockItem(
                number=0,
                kind="legal",
                key=f"legal-{n}-{contributed.url.rstrip('/').rsplit('/', 1)[-1]}",
                action=contributed.title,
                url=contributed.url,
                when=contributed.when,
                summary=contributed.summary,
                notes=contributed.notes,
                label=contributed.label,
                due=due,
                alarm=contributed.alarm,
            )
        )
    number = 0
    for window in windows.values():
        # Within a window: dated items by time, legal deadlines before steps due at the same
        # moment, then curated order.
        window.items.sort(key=lambda i: (i.due is None, i.due or start, i.kind != "legal"))
        for item in window.items:
            number += 1
            item.number = number
    return PlaybookClock(
        crisis_type=crisis_type,
        windows=list(windows.values()),
        form=form,
        submitted=submitted,
        start=start,
        options=options,
        chosen=chosen,
        ignored=ignored,
    )


def _window_due(start: datetime | None, due: str) -> datetime | None:
    if start is None:
        return None
    hours = PlaybookStep.DUE_HOURS[due]
    if hours is None:  # after the first week: from the end of the week
        hours = PlaybookStep.DUE_HOURS["week"]
    return (start.astimezone(ZoneInfo("UTC")) + timedelta(hours=hours)).astimezone(start.tzinfo)
