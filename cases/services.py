"""Writes that touch several models: publishing, and loading the fixtures."""

from django.db import transaction
from django.utils import timezone

from crisiskb.upsert import partial_date, set_m2m, translated, upsert
from strategies.models import Principle, Tactic

from .models import (
    Case,
    CaseRelation,
    CrisisType,
    ImpactFigure,
    ResponseMeasure,
    Source,
    TimelineEvent,
)


class FixtureError(ValueError):
    """A fixture names something that does not exist or breaks the format."""


# --- publishing ---------------------------------------------------------------------------


def case_publish(*, case: Case, user=None) -> Case:
    """Publish a case; the first publication date is kept when it is republished."""
    case.status = Case.Status.PUBLISHED
    if case.published_at is None:
        case.published_at = timezone.now()
    case.save(update_fields=["status", "published_at", "updated_at"])
    return case


def case_unpublish(*, case: Case, user=None) -> Case:
    case.status = Case.Status.DRAFT
    case.save(update_fields=["status", "updated_at"])
    return case


@transaction.atomic
def cases_set_status(*, cases, status: str, user=None) -> int:
    """Publish or unpublish many cases; returns how many changed status."""
    changed = 0
    action = case_publish if status == Case.Status.PUBLISHED else case_unpublish
    for case in cases.exclude(status=status):
        action(case=case, user=user)
        changed += 1
    return changed


# --- loading fixtures ---------------------------------------------------------------------


@transaction.atomic
def crisis_types_load(*, items: list[dict]) -> int:
    changes = 0
    for item in items:
        _obj, changed = upsert(
            CrisisType,
            {"slug": item["slug"]},
            {
                "position": item.get("position", 0),
                **translated(item["name"], "name"),
                **translated(item.get("summary"), "summary"),
                **translated(item.get("description"), "description"),
            },
        )
        changes += changed
    return changes


def _by_slug(model, slugs, what, case_slug):
    found = {o.slug: o for o in model.objects.filter(slug__in=slugs)}
    missing = [s for s in slugs if s not in found]
    if missing:
        raise FixtureError(f"{case_slug}: unknown {what} {missing}")
    return [found[s] for s in slugs]


def _sources(sources: dict, refs, where) -> list[Source]:
    try:
        return [sources[ref] for ref in refs or []]
    except KeyError as exc:
        raise FixtureError(f"{where}: no source [{exc.args[0]}]") from exc


def _sync_children(model, case, keep_positions, field="position") -> int:
    stale = model.objects.filter(case=case).exclude(**{f"{field}__in": keep_positions})
    count = stale.count()
    if count:
        stale.delete()
    return count


@transaction.atomic
def case_load(*, data: dict) -> int:
    """Create or update one case and its children from a case fixture (docs/fixtures.md).

    Children are matched by position (sources by reference number); rows are written only
    when a value differs and children the fixture no longer lists are removed.
    """
    slug = data["slug"]
    changes = 0
    types = _by_slug(
        CrisisType, data.get("crisis_types") or [data["primary_type"]], "crisis type", slug
    )
    primary = _by_slug(CrisisType, [data["primary_type"]], "crisis type", slug)[0]
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
                "value": item["value"],
                "value_high": item.get("value_high"),
                "unit": item["unit"],
            },
        )
        changes += changed
        changes += set_m2m(figure.sources, _sources(sources, item.get("sources"), slug))
    changes += _sync_children(ImpactFigure, case, range(1, len(data.get("figures", [])) + 1))

    for position, item in enumerate(data.get("timeline", []), start=1):
        day, precision = partial_date(item.get("date"))
        event, changed = upsert(
            TimelineEvent,
            {"case": case, "position": position},
            {
                "date": day,
                "date_precision": precision,
                "kind": item.get("kind", TimelineEvent.Kind.CONTEXT),
                **translated(item["text"], "text"),
            },
        )
        changes += changed
        changes += set_m2m(event.sources, _sources(sources, item.get("sources"), slug))
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
            measure.principles, _by_slug(Principle, item.get("principles", []), "principle", slug)
        )
        changes += set_m2m(
            measure.tactics, _by_slug(Tactic, item.get("tactics", []), "tactic", slug)
        )
        changes += set_m2m(measure.sources, _sources(sources, item.get("sources"), slug))
    changes += _sync_children(ResponseMeasure, case, range(1, len(data.get("measures", [])) + 1))
    return changes


@transaction.atomic
def case_relations_load(*, data: dict) -> int:
    """Curated related cases; run after every case exists so links can point anywhere."""
    case = Case.objects.get(slug=data["slug"])
    changes = 0
    wanted = []
    for position, item in enumerate(data.get("related", []), start=1):
        target = Case.objects.filter(slug=item["slug"]).first()
        if target is None:
            raise FixtureError(f"{case.slug}: related case {item['slug']!r} does not exist")
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
