"""Reads that shape the doctrine pages."""

from .models import Essay, Principle, Strategy, Tactic


def principle_list():
    return Principle.objects.for_list()


def principle_detail(*, slug: str) -> Principle:
    return Principle.objects.for_detail().get(slug=slug)


def strategy_list():
    return Strategy.objects.for_list()


def strategy_detail(*, slug: str) -> Strategy:
    return Strategy.objects.for_detail().get(slug=slug)


def tactic_detail(*, slug: str) -> Tactic:
    return Tactic.objects.for_detail().get(slug=slug)


def essay_detail(*, slug: str) -> Essay:
    return Essay.objects.get(slug=slug)
