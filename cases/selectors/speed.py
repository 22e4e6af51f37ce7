"""The response-speed page: for each step of a response, how long cases took, from the stored
ResponseInterval rows (cases.response_time measures them when content changes).

The page's size does not grow with the corpus: distributions are histograms (one aggregate
query), the case table is paginated, medians are over the filtered step only."""

from __future__ import annotations

from dataclasses import dataclass, field

from django import forms
from django.db.models import Count, Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core import countries
from core.pagination import paginate

from .. import response_time as rt
from ..clock import median_label
from ..models import Case, Country, CrisisType, ResponseInterval, country_q

PAGE_SIZE = 25

# Histogram bins, in hours: [low, high). "Before" holds statements made before the story broke.
BINS = [
    ("before", None, 0, _("before T0")),
    ("h1", 0, 1, _("< 1 h")),
    ("h6", 1, 6, _("1–6 h")),
    ("d1", 6, 24, _("6–24 h")),
    ("d3", 24, 72, _("1–3 days")),
    ("w1", 72, 168, _("3–7 days")),
    ("m1", 168, 720, _("1–4 weeks")),
    ("m6", 720, 4380, _("1–6 months")),
    ("y1", 4380, 8760, _("6–12 months")),
    ("more", 8760, None, _("> 1 year")),
]


class SpeedForm(forms.Form):
    step = forms.ChoiceField(
        label=_("Interval"), choices=ResponseInterval.Step.choices, required=False
    )
    type = forms.SlugField(label=_("Crisis type"), required=False, max_length=100)
    country = forms.RegexField(
        label=_("Country or region"), regex=r"^[A-Z]{2}(-[A-Z0-9]{1,3})?$", required=False
    )
    outcome = forms.ChoiceField(
        label=_("Outcome (analysis)"), choices=Case.OutcomeRating.choices, required=False
    )
    sort = forms.ChoiceField(
        label=_("Order"),
        choices=[("fastest", _("Fastest first")), ("slowest", _("Slowest first"))],
        required=False,
    )

    def values(self) -> tuple[dict, list[str]]:
        self.is_valid()
        values = {
            name: self.cleaned_data.get(name)
            for name in self.fields
            if name not in self.errors and self.cleaned_data.get(name)
        }
        return values, [str(self.fields[name].label) for name in self.errors]


@dataclass
class Bar:
    code: str
    label: str
    count: int
    x: float = 0
    width: float = 0
    height: float = 0
    y: float = 0


@dataclass
class StepSummary:
    code: str
    label: str
    count: int
    bars: list[Bar]
    selected: bool


@dataclass
class Group:
    label: str
    count: int
    median: str


@dataclass
class SpeedPage:
    step: str
    step_label: str
    filters: dict
    ignored: list[str]
    sort: str
    summaries: list[StepSummary]
    page: object
    median: str
    by_type: list[Group] = field(default_factory=list)
    by_country: list[Group] = field(default_factory=list)
    by_outcome: list[Group] = field(default_factory=list)
    crisis_types: list = field(default_factory=list)
    countries: list = field(default_factory=list)
    chart_height: int = 90


def _filtered(values: dict):
    rows = ResponseInterval.objects.filter(case__status=Case.Status.PUBLISHED)
    if values.get("type"):
        rows = rows.filter(case__crisis_types__slug=values["type"])
    if values.get("country"):
        rows = rows.filter(country_q(values["country"], "case__countries__code"))
    if values.get("outcome"):
        rows = rows.filter(case__outcome_rating=values["outcome"])
    return rows


def _bin_filter(low, high) -> Q:
    q = Q()
    if low is not None:
        q &= Q(hours__gte=low)
    if high is not None:
        q &= Q(hours__lt=high)
    return q


def _summaries(rows, selected: str) -> list[StepSummary]:
    """One aggregate query: per step, how many cases fall in each bin."""
    counts = {
        r["step"]: r
        for r in rows.values("step").annotate(
            total=Count("case", distinct=True),
            **{
                code: Count("case", filter=_bin_filter(low, high), distinct=True)
                for code, low, high, _label in BINS
            },
        )
    }
    summaries = []
    for step in ResponseInterval.Step:
        data = counts.get(step.value, {})
        bars = [Bar(code, str(label), data.get(code, 0)) for code, _l, _h, label in BINS]
        peak = max([b.count for b in bars] + [1])
        for i, bar in enumerate(bars):
            bar.width = 30
            bar.x = 10 + i * 34
            bar.height = round(60 * bar.count / peak, 1)
            bar.y = round(70 - bar.height, 1)
        summaries.append(
            StepSummary(
                code=step.value,
                label=str(step.label),
                count=data.get("total", 0),
                bars=bars,
                selected=step.value == selected,
            )
        )
    return summaries


def _groups(pairs, label_of) -> list[Group]:
    """Median hours per group from (key, hours, timed) triples."""
    grouped: dict = {}
    for key, hours, timed in pairs:
        entry = grouped.setdefault(key, ([], True))
        entry[0].append(hours)
        grouped[key] = (entry[0], entry[1] and timed)
    out = [
        Group(label_of(key), len(values), _median_label(values, timed))
        for key, (values, timed) in grouped.items()
        if key not in (None, "")
    ]
    return sorted(out, key=lambda g: (-g.count, g.label))


def _median_label(values: list[float], timed: bool) -> str:
    value = rt.median(values)
    return "" if value is None else median_label(value, timed)


def response_speed(*, params) -> SpeedPage:
    """The response-speed page: histograms of every step, the chosen step's cases sorted by
    length (paginated), and its medians by crisis type, country and outcome."""
    form = SpeedForm(params)
    values, ignored = form.values()
    step = values.get("step") or ResponseInterval.Step.STATEMENT
    sort = values.get("sort") or "fastest"
    rows = _filtered(values)
    summaries = _summaries(rows, step)
    chosen = rows.filter(step=step)
    order = ("hours", "case__slug") if sort == "fastest" else ("-hours", "case__slug")
    page = paginate(
        chosen.select_related("case", "case__primary_type").order_by(*order).distinct(),
        params.get("page"),
        PAGE_SIZE,
    )
    types = dict(CrisisType.objects.values_list("pk", "slug"))
    type_names = {t.slug: t.name for t in CrisisType.objects.all()}
    per_type = chosen.values_list("case__crisis_types", "hours", "precision")
    per_country = chosen.values_list("case__countries__code", "hours", "precision")
    per_outcome = chosen.values_list("case__outcome_rating", "hours", "precision")
    outcomes = dict(Case.OutcomeRating.choices)
    all_values = list(chosen.values_list("hours", "precision"))
    timed = all(p == "minute" for _h, p in all_values)
    return SpeedPage(
        step=step,
        step_label=str(dict(ResponseInterval.Step.choices)[step]),
        filters=values,
        ignored=ignored,
        sort=sort,
        summaries=summaries,
        page=page,
        median=_median_label([h for h, _p in all_values], timed),
        by_type=_groups(
            ((types.get(k), h, p == "minute") for k, h, p in per_type),
            lambda slug: type_names.get(slug, slug),
        ),
        by_country=_groups(
            ((k, h, p == "minute") for k, h, p in per_country),
            lambda c: countries.name(c, get_language() or "en"),
        ),
        by_outcome=_groups(
            ((k, h, p == "minute") for k, h, p in per_outcome),
            lambda o: str(outcomes.get(o, o)),
        ),
        crisis_types=list(
            CrisisType.objects.ordered().filter(cases__intervals__isnull=False).distinct()
        ),
        countries=sorted(
            Country.objects.filter(cases__intervals__isnull=False).distinct(),
            key=lambda c: c.name,
        ),
    )
