"""Writes to the doctrine. The fixture loader and the admin both go through Django models;
these functions bundle the multi-model writes."""

from django.db import transaction

from crisiskb.upsert import set_m2m, translated, upsert

from .models import Essay, Principle, Strategy, Tactic


@transaction.atomic
def doctrine_load(*, data: dict) -> int:
    """Load principles, strategies, tactics and essays from the doctrine fixture.

    Matches records by slug and writes only what differs, so loading twice changes nothing.
    Returns the number of rows created or changed.
    """
    changes = 0
    if data.get("introduction"):
        _obj, changed = upsert(
            Essay,
            {"slug": "introduction"},
            {
                **translated(
                    {"en": "Why crisis PR matters", "zh_hans": "危机公关的重要性"}, "title"
                ),
                **translated(data["introduction"], "body"),
                "position": 0,
            },
        )
        changes += changed
    principles = {}
    for item in data.get("principles", []):
        principles[item["slug"]], changed = upsert(
            Principle,
            {"slug": item["slug"]},
            {
                "position": item.get("position", 0),
                **translated(item["name"], "name"),
                **translated(item.get("summary"), "summary"),
                **translated(item.get("body"), "body"),
                **translated(item.get("questions"), "questions"),
                **translated(item.get("lessons"), "lessons"),
            },
        )
        changes += changed
    for item in data.get("strategies", []):
        strategy, changed = upsert(
            Strategy,
            {"slug": item["slug"]},
            {
                "position": item.get("position", 0),
                **translated(item["name"], "name"),
                **translated(item.get("summary"), "summary"),
                **translated(item.get("body"), "body"),
            },
        )
        changes += changed
        changes += set_m2m(
            strategy.principles,
            [principles.get(s) or Principle.objects.get(slug=s) for s in item["principles"]],
        )
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
                },
            )
            changes += changed
    return changes
