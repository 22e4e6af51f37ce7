"""Writes: loading fixtures/legal.json (docs/fixtures.md), idempotently."""

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

from django.db import transaction

from cases.models import Case, CrisisType
from cases.services import FixtureError
from crisiskb.upsert import partial_date, set_m2m, translated, upsert

from . import deadlines
from .models import Jurisdiction, LegalFact, LegalProvision, LegalSource

FIXTURE = "legal.json"


def legal_fixtures_load(*, fixtures: Path) -> int:
    """Load fixtures/legal.json when it exists; returns the rows created or changed.

    Listed in settings.CRISISKB_FIXTURE_LOADERS, so `load_seed` runs it after the cases.
    """
    path = Path(fixtures) / FIXTURE
    if not path.exists():
        return 0
    data = json.loads(path.read_text(encoding="utf-8"))
    try:
        return legal_load(data=data)
    except FixtureError:
        raise
    except (KeyError, ValueError, TypeError) as exc:
        raise FixtureError(f"{FIXTURE}: {exc!r}") from exc


@transaction.atomic
def legal_load(*, data: dict) -> int:
    changes = 0
    default_checked = date.fromisoformat(data["last_checked"])
    for position, item in enumerate(data.get("jurisdictions", []), start=1):
        _obj, changed = upsert(
            Jurisdiction,
            {"code": item["code"]},
            {
                "position": item.get("position", position),
                "region_terms": ", ".join(item.get("region_terms", [])),
                **translated(item["name"], "name"),
            },
        )
        changes += changed
    for position, item in enumerate(data.get("provisions", []), start=1):
        changes += provision_load(data=item, position=position, last_checked=default_checked)
    return changes


def _deadline(slug: str, deadline: dict) -> tuple[int | None, str]:
    unit = deadline.get("unit", deadlines.Unit.NONE)
    amount = deadline.get("amount")
    if unit not in deadlines.Unit.__members__.values():
        raise FixtureError(f"{slug}: unknown deadline unit {unit!r}")
    timed = unit in deadlines.TIMED_UNITS
    if timed and not (isinstance(amount, int) and amount >= 1):
        raise FixtureError(f"{slug}: a deadline in {unit} needs a positive whole amount")
    if not timed and amount is not None:
        raise FixtureError(f"{slug}: a deadline '{unit}' takes no amount")
    return amount, unit


def _refs(sources: dict, refs, where: str) -> list[LegalSource]:
    try:
        return [sources[ref] for ref in refs or []]
    except KeyError as exc:
        raise FixtureError(f"{where}: no source [{exc.args[0]}]") from exc


@transaction.atomic
def provision_load(*, data: dict, position: int, last_checked: date) -> int:
    """Create or update one provision with its sources and facts (matched by ref / position)."""
    slug = data["slug"]
    changes = 0
    jurisdiction = Jurisdiction.objects.filter(code=data["jurisdiction"]).first()
    if jurisdiction is None:
        raise FixtureError(f"{slug}: unknown jurisdiction {data['jurisdiction']!r}")
    type_slugs = data.get("crisis_types") or []
    if not type_slugs:
        raise FixtureError(f"{slug}: a provision needs at least one crisis type")
    types = {t.slug: t for t in CrisisType.objects.filter(slug__in=type_slugs)}
    missing = [s for s in type_slugs if s not in types]
    if missing:
        raise FixtureError(f"{slug}: unknown crisis type {missing}")
    case = None
    if data.get("case"):
        case = Case.objects.filter(slug=data["case"]).first()
        if case is None:
            raise FixtureError(f"{slug}: unknown case {data['case']!r}")
    if not data.get("sources"):
        raise FixtureError(f"{slug}: a provision needs at least one source")

    effective = data.get("effective") or {}
    effective_date, precision = partial_date(effective.get("date"))
    duty = data["duty"]
    deadline = data.get("deadline") or {}
    amount, unit = _deadline(slug, deadline)
    penalty = data.get("penalty") or {}
    percent = penalty.get("max_percent")
    provision, changed = upsert(
        LegalProvision,
        {"slug": slug},
        {
            "jurisdiction": jurisdiction,
            "kind": data.get("kind", LegalProvision.Kind.PROVISION),
            "position": data.get("position", position),
            "verification": data.get("verification", LegalProvision.Verification.VERIFIED),
            "effective_date": effective_date,
            "effective_precision": precision,
            "deadline_amount": amount,
            "deadline_unit": unit,
            "penalty_max_amount": penalty.get("max_amount"),
            "penalty_currency": penalty.get("currency") or "",
            "penalty_max_per": penalty.get("per") or "",
            "penalty_max_percent": None if percent is None else Decimal(str(percent)),
            "case": case,
            "last_checked": date.fromisoformat(data["last_checked"])
            if data.get("last_checked")
            else last_checked,
            **translated(data["title"], "title"),
            **translated(data["law_name"], "law_name"),
            **translated(data["law_short"], "law_short"),
            **translated(data["article"], "article"),
            **translated(effective.get("note"), "effective_note"),
            **translated(duty["who"], "who"),
            **translated(duty.get("notify"), "notify"),
            **translated(duty["what"], "what"),
            **translated(deadline.get("trigger"), "deadline_trigger"),
            **translated(deadline.get("text"), "deadline_text"),
            **translated(penalty.get("text"), "penalty_text"),
        },
    )
    changes += changed
    changes += set_m2m(provision.crisis_types, [types[s] for s in type_slugs])

    sources = {}
    for item in data["sources"]:
        sources[item["ref"]], changed = upsert(
            LegalSource,
            {"provision": provision, "ref": item["ref"]},
            {
                "title": item["title"],
                "publisher": item.get("publisher", ""),
                "url": item.get("url", ""),
                "kind": item.get("kind", LegalSource.Kind.COMMENTARY),
            },
        )
        changes += changed
    stale = LegalSource.objects.filter(provision=provision).exclude(ref__in=list(sources))
    if stale.exists():
        changes += stale.delete()[0]

    changes += set_m2m(provision.duty_sources, _refs(sources, duty.get("sources"), slug))
    changes += set_m2m(provision.penalty_sources, _refs(sources, penalty.get("sources"), slug))
    changes += set_m2m(provision.effective_sources, _refs(sources, effective.get("sources"), slug))

    facts = data.get("facts", [])
    for fact_position, item in enumerate(facts, start=1):
        fact, changed = upsert(
            LegalFact,
            {"provision": provision, "position": fact_position},
            {"kind": item.get("kind", LegalFact.Kind.FACT), **translated(item["text"], "text")},
        )
        changes += changed
        changes += set_m2m(fact.sources, _refs(sources, item.get("sources"), slug))
    stale = LegalFact.objects.filter(provision=provision, position__gt=len(facts))
    if stale.exists():
        changes += stale.delete()[0]
    return changes
