"""Writes to the doctrine. The fixture loader and the admin both go through Django models;
these functions bundle the multi-model writes."""

from functools import partial

from core.fixtures import FixtureUnit, by_slug, model_unit, record_units
from core.loading import read_fixture
from core.upsert import set_m2m, translated, upsert

from .models import Essay, Principle, Strategy, Tactic

INTRODUCTION_TITLE = {"en": "Why crisis PR matters", "zh_hans": "危机公关的重要性"}


def _quote(item: dict) -> dict:
    return {
        **translated(item.get("quote"), "quote"),
        **translated(item.get("quote_note"), "quote_note"),
        "quote_section": item.get("quote_section") or "",
    }


def introduction_load(*, body: dict) -> int:
    _obj, changed = upsert(
        Essay,
        {"slug": "introduction"},
        {**translated(INTRODUCTION_TITLE, "title"), **translated(body, "body"), "position": 0},
    )
    return int(changed)


def principle_load(*, item: dict) -> int:
    _obj, changed = upsert(
        Principle,
        {"slug": item["slug"]},
        {
            "position": item.get("position", 0),
            **translated(item["name"], "name"),
            **translated(item.get("summary"), "summary"),
            **translated(item.get("body"), "body"),
            **translated(item.get("questions"), "questions"),
            **translated(item.get("lessons"), "lessons"),
            **_quote(item),
        },
    )
    return int(changed)


def strategy_load(*, item: dict) -> int:
    """A strategy, the principles it serves and its tactics (run after the principles)."""
    strategy, changed = upsert(
        Strategy,
        {"slug": item["slug"]},
        {
            "position": item.get("position", 0),
            **translated(item["name"], "name"),
            **translated(item.get("summary"), "summary"),
            **translated(item.get("body"), "body"),
            **_quote(item),
        },
    )
    changes = int(changed)
    principles = by_slug(Principle, item.get("principles", []), "principle", field="principles")
    changes += set_m2m(strategy.principles, principles)
    for position, tactic in enumerate(item.get("tactics", []), start=1):
        _obj, changed = upsert(
            Tactic,
            {"slug": tactic["slug"]},
            {
                "strategy": strategy,
                "position": tactic.get("position", position),
                **translated(tactic["name"], "name"),
                **translated(tactic.get("summary"), "summary"),
                **translated(tactic.get("body"), "body"),
                **_quote(tactic),
            },
        )
        changes += changed
    return changes


def doctrine_fixture_units(*, fixtures) -> list[FixtureUnit]:
    """fixtures/doctrine.json's principles and strategies (listed in CRISISKB_FIXTURE_UNITS)."""
    data = read_fixture(fixtures, "doctrine.json")
    if data is None:
        return []
    return doctrine_units(data=data, source="fixtures/doctrine.json")


def doctrine_units(*, data: dict, source: str) -> list[FixtureUnit]:
    """The doctrine fixture as units for core.fixtures.run_units: the introduction, each
    principle, each strategy with its tactics."""
    units = []
    if data.get("introduction"):
        units.append(
            model_unit(
                key="essays/introduction",
                source=source,
                data=data["introduction"],
                model=Essay,
                lookup={"slug": "introduction"},
                load=partial(introduction_load, body=data["introduction"]),
            )
        )
    units += record_units(
        data.get("principles", []),
        kind="principles",
        model=Principle,
        source=source,
        load=principle_load,
    )
    units += record_units(
        data.get("strategies", []),
        kind="strategies",
        model=Strategy,
        source=source,
        rows=_strategy_rows,
        load=strategy_load,
    )
    return units


def _strategy_rows(strategy: Strategy) -> list:
    return [
        Strategy.objects.prefetch_related("principles").get(pk=strategy.pk),
        Tactic.objects.filter(strategy=strategy).order_by("slug"),
    ]
