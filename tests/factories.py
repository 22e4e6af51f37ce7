"""Small factories for unit tests: just enough fields to make a valid record."""

import itertools

from cases.models import Case, CrisisType, ResponseMeasure, Source
from strategies.models import Principle, Strategy, Tactic

_seq = itertools.count(1)


def crisis_type(**kwargs) -> CrisisType:
    n = next(_seq)
    kwargs.setdefault("slug", f"type-{n}")
    kwargs.setdefault("name_en", f"Type {n}")
    return CrisisType.objects.create(**kwargs)


def principle(**kwargs) -> Principle:
    n = next(_seq)
    kwargs.setdefault("slug", f"principle-{n}")
    kwargs.setdefault("name_en", f"Principle {n}")
    return Principle.objects.create(**kwargs)


def strategy(**kwargs) -> Strategy:
    n = next(_seq)
    kwargs.setdefault("slug", f"strategy-{n}")
    kwargs.setdefault("name_en", f"Strategy {n}")
    return Strategy.objects.create(**kwargs)


def tactic(**kwargs) -> Tactic:
    n = next(_seq)
    kwargs.setdefault("slug", f"tactic-{n}")
    kwargs.setdefault("name_en", f"Tactic {n}")
    if "strategy" not in kwargs:
        kwargs["strategy"] = strategy()
    return Tactic.objects.create(**kwargs)


def case(*, crisis_types=(), tags=(), **kwargs) -> Case:
    n = next(_seq)
    kwargs.setdefault("slug", f"case-{n}")
    kwargs.setdefault("title_en", f"Case number {n}")
    kwargs.setdefault("organisation_en", f"Organisation {n}")
    kwargs.setdefault("year", 2020)
    kwargs.setdefault("status", Case.Status.PUBLISHED)
    if "primary_type" not in kwargs:
        kwargs["primary_type"] = crisis_types[0] if crisis_types else crisis_type()
    obj = Case.objects.create(**kwargs)
    obj.crisis_types.set([kwargs["primary_type"], *crisis_types])
    if tags:
        obj.tags.set(list(tags))
    return obj


def measure(*, case, principles=(), tactics=(), **kwargs) -> ResponseMeasure:
    kwargs.setdefault("position", case.measures.count() + 1)
    kwargs.setdefault("title_en", f"Measure {kwargs['position']}")
    obj = ResponseMeasure.objects.create(case=case, **kwargs)
    obj.principles.set(principles)
    obj.tactics.set(tactics)
    return obj


def source(*, case, **kwargs) -> Source:
    kwargs.setdefault("ref", case.sources.count() + 1)
    kwargs.setdefault("title_en", f"Source {kwargs['ref']}")
    return Source.objects.create(case=case, **kwargs)
