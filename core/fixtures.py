"""Loading fixtures without ever overwriting a curator.

Each app describes its fixture entries as `FixtureUnit`s: a key (`cases/equifax-breach-2017`),
the file it comes from, the entry, how to find the record it produced, which rows make up that
record, and how to load it. `run_units` loads them in one pass:

- a unit never loaded before is created; one whose record exists but was never tracked (a
  database filled before fingerprints were kept) is left alone and reported, since nobody can
  tell whether a curator edited it;
- a unit whose record still holds exactly what was loaded last time is updated when its fixture
  entry changed, and left alone (no query that writes) when it did not;
- a unit whose record a curator changed since, or deleted, is left alone and reported;
  `force=True` overwrites (and re-creates) it, and reports that.

The caller wraps the run in one transaction, so an error leaves nothing of it behind.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from functools import cache, partial

from django.db import models

from .models import FixtureRecord


class FixtureError(ValueError):
    """A fixture names something that does not exist or breaks the format."""


@dataclass
class FixtureUnit:
    key: str
    source: str  # the file, for error messages
    data: dict
    get: Callable[[], models.Model | None]
    rows: Callable[[models.Model], Iterable]  # the record and its children (instances/querysets)
    load: Callable[[], int]  # returns the rows created or changed
    after: Callable[[], int] | None = None  # a second pass (links to other records)


def model_unit(
    *,
    key: str,
    source: str,
    data: dict,
    model,
    lookup: dict,
    load: Callable[[], int],
    rows: Callable[[models.Model], Iterable] | None = None,
    after: Callable[[], int] | None = None,
) -> FixtureUnit:
    """A unit whose record is the `model` row matching `lookup` (its rows: itself, unless
    `rows` names its children too)."""
    return FixtureUnit(
        key=key,
        source=source,
        data=data,
        get=lambda: model.objects.filter(**lookup).first(),
        rows=rows or (lambda obj: [obj]),
        load=load,
        after=after,
    )


def record_units(
    items: list[dict],
    *,
    kind: str,
    model,
    source: str,
    load: Callable[..., int],
    field: str = "slug",
    rows: Callable[[models.Model], Iterable] | None = None,
    numbered: bool = False,
    **extra,
) -> list[FixtureUnit]:
    """One unit per fixture entry of `model`, keyed `kind/<entry's field>`, loaded by
    `load(item=entry, **extra)`; with `numbered`, also `position=n`, its place in the file
    (counted from 1)."""
    return [
        model_unit(
            key=f"{kind}/{item.get(field)}",
            source=source,
            data=item,
            model=model,
            lookup={field: item.get(field)},
            rows=rows,
            load=partial(load, item=item, **({"position": n} if numbered else {}), **extra),
        )
        for n, item in enumerate(items, start=1)
    ]


def by_slug(model, slugs: list[str], what: str, *, field: str = "") -> list:
    """The `model` records named by `slugs`, in that order; a FixtureError names any unknown
    slug (`unknown principle ['x']`, after `field: ` when the fixture field is given)."""
    found = {o.slug: o for o in model.objects.filter(slug__in=slugs)}
    missing = [s for s in slugs if s not in found]
    if missing:
        raise FixtureError(f"{field + ': ' if field else ''}unknown {what} {missing}")
    return [found[s] for s in slugs]


@dataclass
class LoadReport:
    changes: int = 0
    loaded: list[str] = field(default_factory=list)
    kept_edited: list[str] = field(default_factory=list)
    kept_deleted: list[str] = field(default_factory=list)
    kept_untracked: list[str] = field(default_factory=list)
    forced: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [f"Seed data loaded: {self.changes} row(s) created or changed."]
        for items, what in (
            (self.kept_edited, "edited since {it} loaded"),
            (self.kept_deleted, "deleted since {it} loaded (not re-created)"),
        ):
            if items:
                out.append(f"kept {_records(items)} {_it(what, items)}: {', '.join(items)}")
        if self.kept_untracked:
            shown = ", ".join(self.kept_untracked[:10])
            more = len(self.kept_untracked) - 10
            out.append(
                f"kept {_records(self.kept_untracked)} that "
                f"{'was' if len(self.kept_untracked) == 1 else 'were'} in the database before "
                f"load_seed tracked {'it' if len(self.kept_untracked) == 1 else 'them'}: {shown}"
                + (f" and {more} more" if more > 0 else "")
                + " (review them, or load the fixtures over them with --force)"
            )
        if self.forced:
            out.append(
                f"--force: overwrote {_records(self.forced)} "
                f"{_it('changed since {it} loaded', self.forced)}: {', '.join(self.forced)}"
            )
        return out


def _records(items) -> str:
    return f"{len(items)} record" if len(items) == 1 else f"{len(items)} records"


def _it(text: str, items) -> str:
    return text.format(it="it was" if len(items) == 1 else "they were")


def fixture_hash(data) -> str:
    return hashlib.sha256(
        json.dumps(data, sort_keys=True, ensure_ascii=False, default=str).encode()
    ).hexdigest()


@cache
def _translated_originals(model) -> frozenset[str]:
    """modeltranslation keeps the untranslated column too; its value follows the active
    language, so only the per-language columns count."""
    try:
        from modeltranslation.translator import NotRegistered, translator
    except ImportError:  # pragma: no cover - modeltranslation is a dependency
        return frozenset()
    try:
        return frozenset(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        return frozenset()


def _plain(value):
    """A value in a form that survives changes of column type: numbers by their value
    (87000000 == 87000000.00), dates and times in ISO form."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, int | float | Decimal):
        return format(Decimal(str(value)).normalize(), "f")
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return str(value)


def _is_default(field, value) -> bool:
    if value in (None, "", [], False):
        return True
    try:
        default = field.get_default()
    except (TypeError, ValueError):
        return False
    return _plain(default) == value


def _row(obj: models.Model) -> list:
    """The record's fields that hold something other than their default. Leaving defaults out
    keeps fingerprints stable when a migration adds a column."""
    meta = obj._meta
    skip = _translated_originals(type(obj))
    values = [meta.label]
    for f in meta.concrete_fields:
        if f.primary_key or not f.editable or f.name in skip:
            continue
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
            continue
        value = _plain(f.value_from_object(obj))
        if not _is_default(f, value):
            values.append((f.attname, value))
    for f in meta.many_to_many:
        if f.name in skip:
            continue
        if f.__class__.__name__ == "TaggableManager":
            related = sorted(t.name for t in getattr(obj, f.name).all())
        elif f.remote_field.through._meta.auto_created:
            related = sorted(o.pk for o in getattr(obj, f.name).all())
        else:
            continue
        if related:
            values.append((f.name, related))
    return values


def fingerprint(rows: Iterable) -> str:
    """A fingerprint of model rows: instances or querysets (prefetch their many-to-many)."""
    flat = []
    for item in rows:
        if isinstance(item, models.Model):
            flat.append(_row(item))
        else:
            flat.extend(_row(obj) for obj in item)
    return fixture_hash(flat)


def run_units(units: list[FixtureUnit], *, force: bool = False) -> LoadReport:
    report = LoadReport()
    records = {r.key: r for r in FixtureRecord.objects.filter(key__in=[u.key for u in units])}
    touched = []
    for unit in units:
        state = records.get(unit.key)
        digest = fixture_hash(unit.data)
        if state is None and not force and _guarded(unit, unit.get) is not None:
            # There before fingerprints were kept: whether a curator edited it is unknown, so
            # it is not overwritten.
            report.kept_untracked.append(unit.key)
            continue
        if state is not None:
            obj = _guarded(unit, unit.get)
            if obj is None:
                if not force:
                    report.kept_deleted.append(unit.key)
                    continue
                report.forced.append(unit.key)
            elif fingerprint(unit.rows(obj)) != state.db_hash:
                if not force:
                    report.kept_edited.append(unit.key)
                    continue
                report.forced.append(unit.key)
            elif state.fixture_hash == digest:
                continue
        report.changes += _guarded(unit, unit.load)
        touched.append((unit, digest))
    for unit, _digest in touched:
        if unit.after is not None:
            report.changes += _guarded(unit, unit.after)
    for unit, digest in touched:
        obj = unit.get()
        FixtureRecord.objects.update_or_create(
            key=unit.key,
            defaults={"fixture_hash": digest, "db_hash": fingerprint(unit.rows(obj))},
        )
        report.loaded.append(unit.key)
    return report


def _guarded(unit: FixtureUnit, call):
    """Run `call`; any error names the file and the record."""
    try:
        return call()
    except FixtureError as exc:
        raise FixtureError(f"{unit.source}: {unit.key}: {exc}") from exc
    except KeyError as exc:
        raise FixtureError(f"{unit.source}: {unit.key}: missing field {exc.args[0]!r}") from exc
    except (ValueError, TypeError) as exc:
        raise FixtureError(f"{unit.source}: {unit.key}: {exc}") from exc
