"""Writes that touch several models: publishing, and loading the fixtures."""

import json
import threading
from contextlib import contextmanager
from datetime import time
from decimal import Decimal
from functools import partial
from pathlib import Path

from django.db import transaction
from django.db.models import Prefetch

from core import countries
from core.fixtures import FixtureError, FixtureUnit, by_slug, model_unit, record_units
from core.loading import read_fixture
from core.upsert import partial_date, set_m2m, translated, upsert
from strategies.models import Principle, Tactic

from . import response_time
from .models import (
    Case,
    CaseRelation,
    Country,
    CrisisType,
    ImpactFigure,
    PlaybookStep,
    ResponseInterval,
    ResponseMeasure,
    Source,
    TimelineEvent,
    valid_zone,
)

__all__ = ["FixtureError"]


# --- publishing ---------------------------------------------------------------------------


def case_publish(*, case: Case) -> Case:
    """Publish a case; Case.save stamps the first publication date and keeps it when the case
    is republished."""
    case.status = Case.Status.PUBLISHED
    case.save(update_fields=["status", "published_at", "updated_at"])
    return case


def case_unpublish(*, case: Case) -> Case:
    case.status = Case.Status.DRAFT
    case.save(update_fields=["status", "updated_at"])
    return case


@transaction.atomic
def cases_set_status(*, cases, status: str) -> int:
    """Publish or unpublish many cases; returns how many changed status."""
    changed = 0
    action = case_publish if status == Case.Status.PUBLISHED else case_unpublish
    for case in cases.exclude(status=status):
        action(case=case)
        changed += 1
    return changed


# --- derived data -------------------------------------------------------------------------


def case_intervals_refresh(*, case: Case) -> int:
    """Measure the case's response steps (cases.response_time) and store them; returns how
    many rows changed. Called when the case or its timeline changes (cases.signals)."""
    case = Case.objects.prefetch_related("timeline").get(pk=case.pk)
    measured = response_time.intervals(response_time.milestones_of(case))
    changes = 0
    for code, interval in measured.items():
        _obj, changed = upsert(
            ResponseInterval,
            {"case": case, "step": code},
            {
                "precision": interval.precision,
                "amount": interval.amount,
                "hours": interval.sort_hours,
                "derived": interval.derived,
            },
        )
        changes += changed
    stale = ResponseInterval.objects.filter(case=case).exclude(step__in=list(measured))
    if stale.exists():
        changes += stale.delete()[0]
    return changes


# --- loading fixtures ---------------------------------------------------------------------


def crisis_type_load(*, item: dict) -> int:
    _obj, changed = upsert(
        CrisisType,
        {"slug": item["slug"]},
        {
            "position": item.get("position", 0),
            "from_source_document": item.get("origin") == "seed",
            **translated(item["name"], "name"),
            **translated(item.get("summary"), "summary"),
            **translated(item.get("description"), "description"),
        },
    )
    return int(changed)


def _sources(sources: dict, refs, where) -> list[Source]:
    try:
        return [sources[ref] for ref in refs or []]
    except (KeyError, TypeError) as exc:
        raise FixtureError(f"{where}: no source [{exc.args[0]}]") from exc


def _countries(codes) -> list[Country]:
    if not isinstance(codes, list):
        raise FixtureError("countries: a list of ISO 3166 codes is required")
    found = []
    for code in codes:
        if not isinstance(code, str) or not countries.is_valid(code):
            raise FixtureError(f"countries: unknown country code {code!r} (ISO 3166 expected)")
        found.append(Country.objects.get_or_create(code=code)[0])
    return found


def _amount(value, where: str) -> Decimal | None:
    """A figure's value as the database stores it (two decimals); refuses what is no number."""
    if value is None and where.endswith("value_high"):
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise FixtureError(f"{where}: {value!r} is not a number")
    amount = Decimal(str(value)).quantize(Decimal("0.01"))
    if amount < 0 or amount != Decimal(str(value)):
        raise FixtureError(f"{where}: {value!r} must be ≥ 0 with at most two decimals")
    return amount


def _time(item: dict, where: str) -> tuple[time | None, str]:
    raw, zone = item.get("time"), item.get("tz") or ""
    moment = None
    if raw:
        try:
            moment = time.fromisoformat(raw)
        except (TypeError, ValueError) as exc:
            raise FixtureError(f"{where}.time: {raw!r} is not a time of day (HH:MM)") from exc
        if len(str(item.get("date") or "").split("-")) != 3:
            raise FixtureError(f"{where}.time: a time of day needs a date to the day")
    if zone and not valid_zone(zone):
        raise FixtureError(f"{where}.tz: {zone!r} is not an IANA time zone")
    return moment, zone


def _sync_children(model, case, keep_positions, field="position") -> int:
    stale = model.objects.filter(case=case).exclude(**{f"{field}__in": keep_positions})
    count = stale.count()
    if count:
        stale.delete()
    return count


_loading = threading.local()


@contextmanager
def derived_data_deferred():
    """Inside it, saving a case or a timeline entry does not refresh the case's derived rows
    (cases.signals): the loader refreshes them once, when the whole case is written."""
    previous = getattr(_loading, "active", False)
    _loading.active = True
    try:
        yield
    finally:
        _loading.active = previous


def derived_data_is_deferred() -> bool:
    return getattr(_loading, "active", False)


def case_load(*, data: dict) -> int:
    """Create or update one case and its children (see _case_load), then its derived rows."""
    with transaction.atomic(), derived_data_deferred():
        changes = _case_load(data=data)
    case_intervals_refresh(case=Case.objects.get(slug=data["slug"]))
    return changes


def _case_load(*, data: dict) -> int:
    """Create or update one case and its children from a case fixture (docs/fixtures.md).

    Children are matched by position (sources by reference number); rows are written only
    when a value differs and children the fixture no longer lists are removed.
    """
    slug = data["slug"]
    changes = 0
    types = by_slug(CrisisType, data.get("crisis_types") or [data["primary_type"]], "crisis type")
    primary = by_slug(CrisisType, [data["primary_type"]], "crisis type")[0]
    outbreak, precision = partial_date(data.get("outbreak_date"))
    case, changed = upsert(
        Case,
        {"slug": slug},
        {
            "year": data["year"],
            "outbreak_date": outbreak,
            "outbreak_precision": precision,
            "primary_type": primary,
            "origin": data.get("origin", Case.Origin.EDITORIAL),
            "corpus_key": data.get("corpus_key") or "",
            "outcome_rating": data.get("outcome_rating") or "",
            "search_weight": float(data.get("search_weight", 1.0)),
            "status": data.get("status", Case.Status.DRAFT),
            **translated(data["title"], "title"),
            **translated(data["organisation"], "organisation"),
            **translated(data.get("industry"), "industry"),
            **translated(data.get("region"), "region"),
            **translated(data.get("summary"), "summary"),
            **{
                k: v
                for name in Case.markdown_fields
                for k, v in translated(data.get(name), name).items()
            },
        },
    )
    changes += changed
    changes += set_m2m(case.crisis_types, types)
    if "countries" in data:
        changes += set_m2m(case.countries, _countries(data["countries"]))
    tags = sorted(set(data.get("tags", [])))
    if sorted(t.name for t in case.tags.all()) != tags:
        case.tags.set(tags, clear=True)
        changes += 1

    sources = {}
    for item in data.get("sources", []):
        published_on, _precision = partial_date(item.get("date"))
        sources[item["ref"]], changed = upsert(
            Source,
            {"case": case, "ref": item["ref"]},
            {
                **translated(item["title"], "title"),
                "publisher": item.get("publisher", ""),
                "url": item.get("url", ""),
                "kind": item.get("kind", Source.Kind.NEWS),
                "published_on": published_on,
                "is_mirror": bool(item.get("mirror")),
                "date_inferred": bool(item.get("date_inferred")),
            },
        )
        changes += changed
    changes += _sync_children(Source, case, list(sources), field="ref")

    for position, item in enumerate(data.get("figures", []), start=1):
        figure, changed = upsert(
            ImpactFigure,
            {"case": case, "position": position},
            {
                **translated(item["label"], "label"),
                "value": _amount(item["value"], f"figures[{position}].value"),
                "value_high": _amount(item.get("value_high"), f"figures[{position}].value_high"),
                "unit": item["unit"],
            },
        )
        changes += changed
        changes += set_m2m(
            figure.sources, _sources(sources, item.get("sources"), f"figures[{position}].sources")
        )
    changes += _sync_children(ImpactFigure, case, range(1, len(data.get("figures", [])) + 1))

    for position, item in enumerate(data.get("timeline", []), start=1):
        where = f"timeline[{position}]"
        day, precision = partial_date(item.get("date"))
        moment, zone = _time(item, where)
        milestone = item.get("milestone") or ""
        if milestone and milestone not in TimelineEvent.Milestone.values:
            raise FixtureError(f"{where}.milestone: unknown milestone {milestone!r}")
        event, changed = upsert(
            TimelineEvent,
            {"case": case, "position": position},
            {
                "date": day,
                "date_precision": precision,
                "kind": item.get("kind", TimelineEvent.Kind.CONTEXT),
                "milestone": milestone,
                "time": moment,
                "tz": zone,
                "derived": bool(item.get("derived")),
                **translated(item["text"], "text"),
            },
        )
        changes += changed
        changes += set_m2m(
            event.sources, _sources(sources, item.get("sources"), f"{where}.sources")
        )
    changes += _sync_children(TimelineEvent, case, range(1, len(data.get("timeline", [])) + 1))

    for position, item in enumerate(data.get("measures", []), start=1):
        day, precision = partial_date(item.get("date"))
        measure, changed = upsert(
            ResponseMeasure,
            {"case": case, "position": position},
            {
                "phase": item.get("phase", ResponseMeasure.Phase.IMMEDIATE),
                "date": day,
                "date_precision": precision,
                **translated(item["title"], "title"),
                **translated(item.get("description"), "description"),
                **translated(item.get("timing"), "timing"),
            },
        )
        changes += changed
        changes += set_m2m(
            measure.principles, by_slug(Principle, item.get("principles", []), "principle")
        )
        changes += set_m2m(measure.tactics, by_slug(Tactic, item.get("tactics", []), "tactic"))
        changes += set_m2m(
            measure.sources,
            _sources(sources, item.get("sources"), f"measures[{position}].sources"),
        )
    changes += _sync_children(ResponseMeasure, case, range(1, len(data.get("measures", [])) + 1))
    return changes


@transaction.atomic
def case_relations_load(*, data: dict, fixture_slugs: frozenset[str] = frozenset()) -> int:
    """Curated related cases; run after every case exists so links can point anywhere.

    A link to a case of the fixtures (`fixture_slugs`) that is not in the database was deleted
    by a curator and is left out; a link to a slug no fixture has is an error."""
    case = Case.objects.get(slug=data["slug"])
    changes = 0
    wanted = []
    for position, item in enumerate(data.get("related", []), start=1):
        target = Case.objects.filter(slug=item["slug"]).first()
        if target is None and item["slug"] in fixture_slugs:
            continue
        if target is None:
            raise FixtureError(f"related[{position}]: case {item['slug']!r} does not exist")
        _obj, changed = upsert(
            CaseRelation,
            {"from_case": case, "to_case": target},
            {"position": position, **translated(item.get("reason"), "reason")},
        )
        changes += changed
        wanted.append(target.pk)
    stale = CaseRelation.objects.filter(from_case=case).exclude(to_case__in=wanted)
    if stale.exists():
        changes += stale.delete()[0]
    return changes


# --- fixture units (core.fixtures): one per crisis type and per case ---------------------


def _case_rows(case: Case) -> list:
    with_sources = Prefetch("sources", queryset=Source.objects.order_by("pk"))
    return [
        Case.objects.prefetch_related("crisis_types", "countries", "tags").get(pk=case.pk),
        Source.objects.filter(case=case).order_by("ref"),
        ImpactFigure.objects.filter(case=case).order_by("position").prefetch_related(with_sources),
        TimelineEvent.objects.filter(case=case)
        .order_by("position")
        .prefetch_related(with_sources),
        ResponseMeasure.objects.filter(case=case)
        .order_by("position")
        .prefetch_related(with_sources, "principles", "tactics"),
        CaseRelation.objects.filter(from_case=case).order_by("to_case_id"),
    ]


def case_fixture_units(*, fixtures: Path) -> list[FixtureUnit]:
    """The cases app's fixtures (listed in CRISISKB_FIXTURE_UNITS): the crisis types of
    fixtures/doctrine.json, every case under fixtures/cases, the playbook steps."""
    doctrine = read_fixture(fixtures, "doctrine.json") or {}
    return [
        *crisis_type_units(
            items=doctrine.get("crisis_types", []), source="fixtures/doctrine.json"
        ),
        *case_units(fixtures=fixtures),
        *playbook_units(fixtures=fixtures),
    ]


def crisis_type_units(*, items: list[dict], source: str) -> list[FixtureUnit]:
    return record_units(
        items, kind="crisis-types", model=CrisisType, source=source, load=crisis_type_load
    )


def case_units(*, fixtures: Path) -> list[FixtureUnit]:
    """One unit per file in fixtures/cases."""
    files = []
    for path in sorted((Path(fixtures) / "cases").glob("*.json")):
        try:
            files.append((path, json.loads(path.read_text(encoding="utf-8"))))
        except ValueError as exc:
            raise FixtureError(f"fixtures/cases/{path.name}: not valid JSON: {exc}") from exc
    slugs = frozenset(data.get("slug") or path.stem for path, data in files)
    return [
        model_unit(
            key=f"cases/{data.get('slug') or path.stem}",
            source=f"fixtures/cases/{path.name}",
            data=data,
            model=Case,
            lookup={"slug": data.get("slug") or path.stem},
            rows=_case_rows,
            load=partial(case_load, data=data),
            after=partial(case_relations_load, data=data, fixture_slugs=slugs),
        )
        for path, data in files
    ]


# --- playbook steps (fixtures/playbooks.json) ---------------------------------------------


def playbook_step_load(*, item: dict, position: int) -> int:
    types = item.get("crisis_types") or []
    if not types:
        raise FixtureError('crisis_types: a step needs its crisis types, or ["all"]')
    every = types == ["all"]
    found = [] if every else by_slug(CrisisType, types, "crisis type")
    if item.get("due") not in PlaybookStep.Due.values:
        raise FixtureError(f"due: {item.get('due')!r} is not one of {PlaybookStep.Due.values}")
    if item.get("owner") not in PlaybookStep.Owner.values:
        raise FixtureError(
            f"owner: {item.get('owner')!r} is not one of {PlaybookStep.Owner.values}"
        )
    principle = by_slug(Principle, [item["principle"]], "principle")[0]
    tactic = None
    if item.get("tactic"):
        tactic = by_slug(Tactic, [item["tactic"]], "tactic")[0]
    step, changed = upsert(
        PlaybookStep,
        {"slug": item["slug"]},
        {
            "all_types": every,
            "due": item["due"],
            "position": item.get("position", position),
            "owner": item["owner"],
            "principle": principle,
            "tactic": tactic,
            **translated(item["action"], "action"),
            **translated(item.get("detail"), "detail"),
        },
    )
    return int(changed) + set_m2m(step.crisis_types, found)


def _playbook_step_rows(step: PlaybookStep) -> list:
    return [PlaybookStep.objects.prefetch_related("crisis_types").get(pk=step.pk)]


def playbook_units(*, fixtures: Path) -> list[FixtureUnit]:
    data = read_fixture(fixtures, "playbooks.json")
    if data is None:
        return []
    return [
        model_unit(
            key=f"playbook-steps/{item.get('slug')}",
            source="fixtures/playbooks.json",
            data=item,
            model=PlaybookStep,
            lookup={"slug": item.get("slug")},
            rows=lambda obj: [
                PlaybookStep.objects.prefetch_related("crisis_types").get(pk=obj.pk)
            ],
            load=partial(playbook_step_load, item=item, position=position),
        )
        for position, item in enumerate(data.get("steps", []), start=1)
    ]
