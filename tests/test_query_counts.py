"""Every public page runs a fixed number of queries, whether there are 5 or 100 cases."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories as f

pytestmark = pytest.mark.django_db

PAGES = {
    "home": ("/en/", 12),
    "case list": ("/en/cases/", 16),
    "case list filtered": ("/en/cases/?type=qc-type&tag=qc-tag&principle=qc-principle", 20),
    # 16 for the case itself, 3 for the legal-duties panel (legal/ through cases.extensions).
    "case detail": ("/en/cases/qc-case-0/", 22),
    "type list": ("/en/types/", 4),
    "type detail": ("/en/types/qc-type/", 10),
    "tag list": ("/en/tags/", 4),
    "tag detail": ("/en/tags/qc-tag/", 10),
    "matrix": ("/en/matrix/", 8),
    "principle list": ("/en/principles/", 6),
    "principle detail": ("/en/principles/qc-principle/", 10),
    "strategy list": ("/en/strategies/", 6),
    "strategy detail": ("/en/strategies/qc-strategy/", 10),
    "tactic detail": ("/en/tactics/qc-tactic/", 10),
    "compare": ("/en/compare/?cases=qc-case-0,qc-case-1,qc-case-2", 16),
    "response speed": ("/en/response-speed/", 11),
    "playbook": ("/en/types/qc-type/playbook/", 10),
    "playbook markdown": ("/en/types/qc-type/playbook.md", 9),
    "type x strategy matrix": ("/en/matrix/types-strategies/", 6),
    "study guide": ("/en/study/", 6),
    "feed": ("/en/feeds/cases.atom", 3),
    "sitemap": ("/sitemap.xml", 8),
}


def _make_cases(start, stop, crisis_type, principle, tactic):
    for n in range(start, stop):
        case = f.case(slug=f"qc-case-{n}", crisis_types=[crisis_type], tags=["qc-tag", f"t{n}"])
        f.source(case=case)
        for position in (1, 2):
            f.measure(case=case, position=position, principles=[principle], tactics=[tactic])
        if n:
            case.relations.create(to_case_id=case.pk - 1, reason_en="previous")


def _count(client, url):
    client.get(url)  # warm caches (content types, translations)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


@pytest.mark.parametrize("name", PAGES)
def test_query_count_is_bounded_and_independent_of_corpus_size(client, name):
    url, bound = PAGES[name]
    crisis_type = f.crisis_type(slug="qc-type")
    principle = f.principle(slug="qc-principle")
    strategy = f.strategy(slug="qc-strategy")
    tactic = f.tactic(slug="qc-tactic", strategy=strategy)
    _make_cases(0, 5, crisis_type, principle, tactic)
    small = _count(client, url)
    _make_cases(5, 100, crisis_type, principle, tactic)
    large = _count(client, url)
    assert small == large, f"{name}: {small} queries with 5 cases, {large} with 100"
    assert large <= bound, f"{name}: {large} queries (bound {bound})"
