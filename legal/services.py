"""Writes: loading fixtures/legal.json (docs/fixtures.md), idempotently."""

from datetime import date
from decimal import Decimal
from pathlib import Path

from cases.models import Case, Country, CrisisType
from core import countries
from core.fixtures import FixtureError, FixtureUnit, by_slug, record_units
from core.loading import read_fixture
from core.upsert import partial_date, set_m2m, translated, upsert

from . import deadlines
from .models import Deadline, Jurisdiction, LegalFact, LegalProvision, LegalSource, ReporterClass

FIXTURE = "legal.json"


def legal_fixture_units(*, fixtures: Path) -> list[FixtureUnit]:
    """fixtures/legal.json as units for core.fixtures.run_units: each jurisdiction, each
    reporter class, each provision with its sources, facts and deadlines.

    Listed in settings.CRISISKB_FIXTURE_UNITS, so `load_seed` runs them after the cases."""
    data = read_fixture(fixtures, FIXTURE)
    if data is None:
        return []
    return legal_units(data=data, source=f"fixtures/{FIXTURE}")


def legal_units(*, data: dict, source: str) -> list[FixtureUnit]:
    """The units of a legal fixture's contents (see legal_fixture_units)."""
    try:
        default_checked = date.fromisoformat(data["last_checked"])
    except (KeyError, TypeError, ValueError) as exc:
        raise FixtureError(f"{source}: last_checked: a date (YYYY-MM-DD) is required") from exc
    return [
        *record_units(
            data.get("jurisdictions", []),
            kind="jurisdictions",
            model=Jurisdiction,
            source=source,
            field="code",
            rows=_jurisdiction_rows,
            load=jurisdiction_load,
            numbered=True,
        ),
        *record_units(
            data.get("reporter_classes", []),
            kind="reporter-classes",
            model=ReporterClass,
            source=source,
            load=reporter_class_load,
            numbered=True,
        ),
        *record_units(
            data.get("provisions", []),
            kind="provisions",
            model=LegalProvision,
            source=source,
            rows=_provision_rows,
            load=provision_load,
            numbered=True,
            last_checked=default_checked,
        ),
    ]


def _jurisdiction_rows(jurisdiction: Jurisdiction) -> list:
    return [Jurisdiction.objects.prefetch_related("countries").get(pk=jurisdiction.pk)]


def _provision_rows(provision: LegalProvision) -> list:
    return [
        LegalProvision.objects.prefetch_related(
            "crisis_types", "duty_sources", "penalty_sources", "effective_sources"
        ).get(pk=provision.pk),
        LegalSource.objects.filter(provision=provision).order_by("ref"),
        LegalFact.objects.filter(provision=provision)
        .order_by("position")
        .prefetch_related("sources"),
        Deadline.objects.filter(provision=provision).order_by("position"),
    ]


def jurisdiction_load(*, item: dict, position: int) -> int:
    codes = item.get("countries", [])
    for code in codes:
        if not countries.is_valid(code):
            raise FixtureError(f"countries: unknown country code {code!r} (ISO 3166 expected)")
    holidays_code = item.get("holidays") or ""
    if holidays_code and not countries.is_valid(holidays_code):
        raise FixtureError(f"holidays: unknown country code {holidays_code!r}")
    parent = None
    if item.get("parent"):
        parent = Jurisdiction.objects.filter(code=item["parent"]).first()
        if parent is None:
            raise FixtureError(f"parent: unknown jurisdiction {item['parent']!r} (list it first)")
    jurisdiction, changed = upsert(
        Jurisdiction,
        {"code": item["code"]},
        {
            "position": item.get("position", position),
            "parent": parent,
            "holidays_country": holidays_code,
            **translated(item["name"], "name"),
        },
    )
    wanted = [Country.objects.get_or_create(code=code)[0] for code in codes]
    return int(changed) + set_m2m(jurisdiction.countries, wanted)


def reporter_class_load(*, item: dict, position: int) -> int:
    jurisdiction = Jurisdiction.objects.filter(code=item.get("jurisdiction")).first()
    if jurisdiction is None:
        raise FixtureError(f"jurisdiction: unknown jurisdiction {item.get('jurisdiction')!r}")
    _obj, changed = upsert(
        ReporterClass,
        {"slug": item["slug"]},
        {
            "jurisdiction": jurisdiction,
            "position": item.get("position", position),
            **translated(item["name"], "name"),
        },
    )
    return int(changed)


def _deadline(where: str, deadline: dict) -> tuple[int | None, str]:
    if not isinstance(deadline, dict):
        raise FixtureError(f"{where}: an object with a unit is required")
    unit = deadline.get("unit")
    amount = deadline.get("amount")
    if not unit:
        raise FixtureError(f"{where}.unit: a deadline needs a unit")
    if unit not in Deadline.Unit.values:
        raise FixtureError(f"{where}.unit: unknown deadline unit {unit!r}")
    timed = unit in deadlines.TIMED_UNITS
    if timed and not (isinstance(amount, int) and amount >= 1):
        raise FixtureError(f"{where}.amount: a deadline in {unit} needs a positive whole amount")
    if not timed and amount is not None:
        raise FixtureError(f"{where}.amount: a deadline '{unit}' takes no amount")
    return amount, unit


def _step(value, where: str) -> str:
    if value in (None, ""):
        return ""
    if value not in ("regulator", "disclosure"):
        raise FixtureError(f"{where}: {value!r} is not regulator or disclosure")
    return value


def _until(value, where: str):
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError) as exc:
        raise FixtureError(f"{where}: {value!r} is not a date (YYYY-MM-DD)") from exc


def _refs(sources: dict, refs, where: str) -> list[LegalSource]:
    try:
        return [sources[ref] for ref in refs or []]
    except KeyError as exc:
        raise FixtureError(f"{where}: no source [{exc.args[0]}]") from exc


def provision_load(*, item: dict, position: int, last_checked: date) -> int:
    """Create or update one provision with its sources and facts (matched by ref / position)."""
    slug = item["slug"]
    changes = 0
    jurisdiction = Jurisdiction.objects.filter(code=item["jurisdiction"]).first()
    if jurisdiction is None:
        raise FixtureError(f"jurisdiction: unknown jurisdiction {item['jurisdiction']!r}")
    type_slugs = item.get("crisis_types") or []
    if not type_slugs:
        raise FixtureError("crisis_types: a provision needs at least one crisis type")
    types = by_slug(CrisisType, type_slugs, "crisis type", field="crisis_types")
    case = None
    if item.get("case"):
        case = Case.objects.filter(slug=item["case"]).first()
        if case is None:
            raise FixtureError(f"case: unknown case {item['case']!r}")
    if not item.get("sources"):
        raise FixtureError("sources: a provision needs at least one source")
    clocks = item.get("deadlines", [])
    if not isinstance(clocks, list):
        raise FixtureError("deadlines: a list is required")
    checked_clocks = [_deadline(f"deadlines[{n}]", d) for n, d in enumerate(clocks, start=1)]
    classes = {}
    for n, clock in enumerate(clocks, start=1):
        slug_ = clock.get("reporter_class")
        if slug_ and slug_ not in classes:
            classes[slug_] = ReporterClass.objects.filter(slug=slug_).first()
            if classes[slug_] is None:
                raise FixtureError(f"deadlines[{n}].reporter_class: unknown class {slug_!r}")

    effective = item.get("effective") or {}
    effective_date, precision = partial_date(effective.get("date"))
    duty = item["duty"]
    penalty = item.get("penalty") or {}
    percent = penalty.get("max_percent")
    provision, changed = upsert(
        LegalProvision,
        {"slug": slug},
        {
            "jurisdiction": jurisdiction,
            "kind": item.get("kind", LegalProvision.Kind.PROVISION),
            "position": item.get("position", position),
            "verification": item.get("verification", LegalProvision.Verification.VERIFIED),
            "effective_date": effective_date,
            "effective_precision": precision,
            "in_force": bool(item.get("in_force", True)),
            "penalty_max_amount": penalty.get("max_amount"),
            "penalty_currency": penalty.get("currency") or "",
            "penalty_max_per": penalty.get("per") or "",
            "penalty_max_percent": None if percent is None else Decimal(str(percent)),
            "case": case,
            "last_checked": date.fromisoformat(item["last_checked"])
            if item.get("last_checked")
            else last_checked,
            **translated(item["title"], "title"),
            **translated(item["law_name"], "law_name"),
            **translated(item["law_short"], "law_short"),
            **translated(item["article"], "article"),
            **translated(effective.get("note"), "effective_note"),
            **translated(duty["who"], "who"),
            **translated(duty.get("notify"), "notify"),
            **translated(duty["what"], "what"),
            **translated(item.get("deadline_text"), "deadline_text"),
            **translated(penalty.get("text"), "penalty_text"),
        },
    )
    changes += changed
    changes += set_m2m(provision.crisis_types, types)

    sources = {}
    for entry in item["sources"]:
        sources[entry["ref"]], changed = upsert(
            LegalSource,
            {"provision": provision, "ref": entry["ref"]},
            {
                "title": entry["title"],
                "publisher": entry.get("publisher", ""),
                "url": entry.get("url", ""),
                "kind": entry.get("kind", LegalSource.Kind.COMMENTARY),
            },
        )
        changes += changed
    stale = LegalSource.objects.filter(provision=provision).exclude(ref__in=list(sources))
    if stale.exists():
        changes += stale.delete()[0]

    changes += set_m2m(provision.duty_sources, _refs(sources, duty.get("sources"), "duty"))
    changes += set_m2m(
        provision.penalty_sources, _refs(sources, penalty.get("sources"), "penalty")
    )
    changes += set_m2m(
        provision.effective_sources, _refs(sources, effective.get("sources"), "effective")
    )

    for n, (clock, (amount, unit)) in enumerate(zip(clocks, checked_clocks, strict=True), 1):
        _obj, changed = upsert(
            Deadline,
            {"provision": provision, "position": n},
            {
                "amount": amount,
                "unit": unit,
                "reporter_class": classes.get(clock.get("reporter_class")),
                "applies_until": _until(clock.get("until"), f"deadlines[{n}].until"),
                "step": _step(clock.get("step"), f"deadlines[{n}].step"),
                **translated(clock.get("trigger"), "trigger"),
                **translated(clock.get("notify"), "notify"),
                **translated(clock.get("text"), "text"),
            },
        )
        changes += changed
    stale = Deadline.objects.filter(provision=provision, position__gt=len(clocks))
    if stale.exists():
        changes += stale.delete()[0]

    facts = item.get("facts", [])
    for fact_position, entry in enumerate(facts, start=1):
        fact, changed = upsert(
            LegalFact,
            {"provision": provision, "position": fact_position},
            {"kind": entry.get("kind", LegalFact.Kind.FACT), **translated(entry["text"], "text")},
        )
        changes += changed
        changes += set_m2m(
            fact.sources, _refs(sources, entry.get("sources"), f"facts[{fact_position}].sources")
        )
    stale = LegalFact.objects.filter(provision=provision, position__gt=len(facts))
    if stale.exists():
        changes += stale.delete()[0]
    return changes
