"""Idempotent writes for the fixture loader: a row is saved only when a value differs."""

from datetime import date

from core.markdown import language_suffixes


def translated(value, name: str) -> dict:
    """{"en": "...", "zh_hans": "..."} -> {"name_en": "...", "name_zh_hans": "..."}."""
    value = value or {}
    if isinstance(value, str):
        value = {"en": value}
    unknown = set(value) - set(language_suffixes())
    if unknown:
        raise ValueError(f"{name}: unknown language(s) {sorted(unknown)}")
    return {f"{name}_{suffix}": (value.get(suffix) or "") for suffix in language_suffixes()}


def partial_date(value: str | None) -> tuple[date | None, str]:
    """'2018' / '2018-03' / '2018-03-17' -> (first day, precision)."""
    if not value:
        return None, "day"
    parts = str(value).split("-")
    if len(parts) == 1:
        return date(int(parts[0]), 1, 1), "year"
    if len(parts) == 2:
        return date(int(parts[0]), int(parts[1]), 1), "month"
    return date.fromisoformat(str(value)), "day"


def upsert(model, lookup: dict, values: dict):
    """Create or update one row; save only when something changed. Returns (obj, changed)."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **values)
        obj.full_clean(validate_unique=False, validate_constraints=False)
        obj.save()
        return obj, True
    changed = False
    for key, value in values.items():
        if getattr(obj, key) != value:
            setattr(obj, key, value)
            changed = True
    if changed:
        obj.save()
    return obj, changed


def set_m2m(manager, objects) -> bool:
    """Make a many-to-many relation hold exactly `objects`; write only when it differs."""
    wanted = {o.pk for o in objects}
    current = set(manager.values_list("pk", flat=True))
    if wanted == current:
        return False
    manager.set(list(objects))
    return True
