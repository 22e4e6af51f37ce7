"""Every public page and the admin's main pages run an exact, pinned number of queries, the same
from 5 cases to 500 (admin pages: 5 and 25): a change that adds a query (or an N+1) fails here
with the new count.

The database holds only what these tests make (no corpus), so the numbers do not move when the
fixtures change. The case built here has everything a case page can show, a legal duty included,
so each page's number is the one for its fullest form.
"""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from legal.models import Deadline
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    """Counted uncached: the page cache (tests/test_page_cache.py) would answer the second
    request without a query."""
    settings.CRISISKB_PAGE_CACHE_SECONDS = 0


PAGES = {
    "home": ("/en/", 11),
    "case list": ("/en/cases/", 12),
    "case list filtered": ("/en/cases/?type=qc-type&tag=qc-tag&principle=qc-principle", 15),
    # With the legal-duties panel (legal/ through cases.extensions) showing a duty in force.
    "case detail": ("/en/cases/qc-case-0/", 22),
    "type list": ("/en/types/", 1),
    "type detail": ("/en/types/qc-type/", 7),
    "tag list": ("/en/tags/", 2),
    "tag detail": ("/en/tags/qc-tag/", 6),
    "matrix": ("/en/matrix/", 6),
    "principle list": ("/en/principles/", 3),
    "principle detail": ("/en/principles/qc-principle/", 6),
    "strategy list": ("/en/strategies/", 3),
    "strategy detail": ("/en/strategies/qc-strategy/", 7),
    "tactic detail": ("/en/tactics/qc-tactic/", 5),
    "compare": ("/en/compare/?cases=qc-case-0,qc-case-1,qc-case-2", 14),
    "response speed": ("/en/response-speed/", 11),
    "playbook": ("/en/types/qc-type/playbook/", 10),
    "playbook markdown": ("/en/types/qc-type/playbook.md", 10),
    "type x strategy matrix": ("/en/matrix/types-strategies/", 4),
    "study guide": ("/en/study/", 4),
    "search": ("/en/search/?q=Case", 9),
    "search with a facet": ("/en/search/?q=Case&type=qc-type", 11),
    "feed": ("/en/feeds/cases.atom", 1),
    "sitemap": ("/sitemap.xml", 6),
}

ADMIN_PAGES = {
    "index": ("/admin/", 3),
    "case list": ("/admin/cases/case/", 7),
    "case search": ("/admin/cases/case/?q=Case", 7),
    "case change": ("/admin/cases/case/{case}/change/", 40),
    "case add": ("/admin/cases/case/add/", 6),
    "principle list": ("/admin/strategies/principle/", 5),
    "tactic list": ("/admin/strategies/tactic/", 6),
    "provision list": ("/admin/legal/legalprovision/", 7),
    "provision change": ("/admin/legal/legalprovision/{provision}/change/", 21),
}


@pytest.fixture
def world():
    """A type, a principle, a strategy with a tactic, a country under a jurisdiction with a
    duty and its clock; `grow(n)` adds cases up to n, each like the last."""
    crisis_type = f.crisis_type(slug="qc-type")
    principle = f.principle(slug="qc-principle")
    strategy = f.strategy(slug="qc-strategy")
    tactic = f.tactic(slug="qc-tactic", strategy=strategy)
    provision = f.legal_duty(country="FR", crisis_types=[crisis_type], slug="qc-provision")
    country = provision.jurisdiction.countries.get()
    Deadline.objects.create(provision=provision, position=1, amount=72, unit="hours")
    made = []

    def grow(n):
        for i in range(len(made), n):
            case = f.case(
                slug=f"qc-case-{i}", crisis_types=[crisis_type], tags=["qc-tag", f"t{i}"]
            )
            case.countries.set([country])
            source = f.source(case=case)
            for position, (day, kind, milestone) in enumerate(
                [(1, "outbreak", "outbreak"), (2, "context", "first_statement")], start=1
            ):
                event = case.timeline.create(
                    position=position,
                    date=date(2020, 3, day),
                    kind=kind,
                    milestone=milestone,
                    text_en=f"Event {position}",
                )
                event.sources.set([source])
            figure = case.figures.create(position=1, label_en="Users", value=87, unit="people")
            figure.sources.set([source])
            for position in (1, 2):
                f.measure(case=case, position=position, principles=[principle], tactics=[tactic])
            if i:
                case.relations.create(to_case_id=made[-1].pk, reason_en="previous")
            made.append(case)
        return {"case": made[0].pk, "provision": provision.pk}

    return grow


def _count(client, url):
    return _fetch(client, url)[0]


# Pages whose size may grow with the corpus, and why.
GROWS = {"sitemap": "the sitemap protocol lists every URL (Django splits it at 50,000)"}


def _fetch(client, url):
    client.get(url)  # warm caches (content types, translations)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries), len(response.content)


def test_each_public_page_runs_its_pinned_number_of_queries_from_5_to_500_cases(client, world):
    """One world grown in steps, every page read at each: the count is the pinned one at 5 and
    at 500 cases, and from 150 to 500 cases a page's size stays put (it paginates or
    aggregates; only digits grow)."""
    expected = {name: count for name, (_url, count) in PAGES.items()}
    world(5)
    small = {name: _fetch(client, url)[0] for name, (url, _count) in PAGES.items()}
    world(150)  # past every page size
    sizes = {name: _fetch(client, url)[1] for name, (url, _count) in PAGES.items()}
    world(500)
    large = {name: _fetch(client, url) for name, (url, _count) in PAGES.items()}
    assert small == expected, "with 5 cases"
    assert {name: count for name, (count, _size) in large.items()} == expected, "with 500"
    grown = {
        name: (sizes[name], size)
        for name, (_count, size) in large.items()
        if name not in GROWS and size > sizes[name] * 1.1 + 500
    }
    assert not grown, f"page sizes (bytes) at 150 and at 500 cases: {grown}"


@pytest.mark.parametrize("name", ADMIN_PAGES)
def test_each_admin_page_runs_its_pinned_number_of_queries(staff_client, world, name):
    template, expected = ADMIN_PAGES[name]
    url = template.format(**world(5))
    small = _count(staff_client, url)
    world(25)
    large = _count(staff_client, url)
    assert (small, large) == (expected, expected), f"{name}: {small} with 5 cases, {large} with 25"
