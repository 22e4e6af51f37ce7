"""Small factories for unit tests: just enough fields to make a valid record."""

import itertools
from datetime import date

from cases.models import Case, Country, CrisisType, ResponseMeasure, Source
from legal.models import Jurisdiction, LegalProvision
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


def legal_duty(*, country: str, crisis_types, **kwargs) -> LegalProvision:
    """A provision in force for these crisis types, in a jurisdiction of one new country."""
    n = next(_seq)
    jurisdiction = Jurisdiction.objects.create(code=f"jur-{n}", name_en=f"Jurisdiction {n}")
    jurisdiction.countries.set([Country.objects.create(code=country)])
    kwargs.setdefault("slug", f"provision-{n}")
    for field, value in {
        "title_en": "Notify",
        "law_name_en": "Law",
        "article_en": "Art. 1",
    }.items():
        kwargs.setdefault(field, value)
    kwargs.setdefault("law_short_en", kwargs["law_name_en"])
    provision = LegalProvision.objects.create(
        jurisdiction=jurisdiction,
        effective_date=date(2000, 1, 1),
        last_checked=date(2026, 11, 25),
        **kwargs,
    )
    provision.crisis_types.set(crisis_types)
    return provision
