"""Related cases: stored rankings (cases.ranking) that equal the per-request reference ranking,
kept fresh by what each kind of change affects, never by recomputing the world."""

import random

import pytest
from django.core.management import call_command
from taggit.models import Tag

from cases import ranking
from cases.models import Case, CaseRelation, RelatedRank, ResponseMeasure
from cases.selectors.related import related_cases
from strategies.models import Principle
from tests import factories as f
from tests.reference_related import ranked_related

pytestmark = pytest.mark.django_db


def stored(case):
    return [(r.case.slug, r.reasons, r.curated) for r in related_cases(case=case, user=None)]


def reference(case):
    return [(r.case.slug, r.reasons, r.curated) for r in ranked_related(case=case, user=None)]


def assert_all_equal_reference():
    ranking.queue.flush()
    for case in Case.objects.all():
        assert stored(case) == reference(case), case.slug


def test_related_cases_are_ranked_by_what_they_share_with_reasons():
    leak = f.crisis_type(slug="rel-type")
    fast = f.principle(slug="rel-fast", name_en="Rel fast")
    own = f.principle(slug="rel-own", name_en="Rel own")
    base = f.case(slug="rel-base", crisis_types=[leak], tags=["rel-tag"])
    f.measure(case=base, principles=[fast, own])
    best = f.case(slug="rel-best", crisis_types=[leak], tags=["rel-tag"])
    f.measure(case=best, principles=[fast, own])
    middle = f.case(slug="rel-middle", crisis_types=[leak])
    f.measure(case=middle, principles=[fast])
    weak = f.case(slug="rel-weak", tags=["rel-tag"])
    f.case(slug="rel-nothing")

    related = related_cases(case=base, user=None)
    slugs = [r.case.slug for r in related]
    assert slugs == ["rel-best", "rel-middle", "rel-weak"]
    best_reasons = related[0].reasons
    assert best_reasons[0] == "same crisis type"
    assert "both applied Rel fast and Rel own" in best_reasons
    assert "1 shared tag" in best_reasons
    assert related[2].case == weak and related[2].reasons == ["1 shared tag"]
    assert_all_equal_reference()


def test_curated_related_cases_come_first_with_their_reason():
    t = f.crisis_type()
    a, b, c = (
        f.case(slug="cur-a", crisis_types=[t]),
        f.case(slug="cur-b"),
        f.case(crisis_types=[t]),
    )
    a.relations.create(to_case=b, reason_en="The curator says so")
    related = related_cases(case=a, user=None)
    assert related[0].case == b and related[0].curated
    assert related[0].reasons == ["The curator says so"]
    assert [r.case for r in related[1:]] == [c]
    assert_all_equal_reference()


def test_related_cases_never_include_drafts():
    t = f.crisis_type()
    base = f.case(crisis_types=[t])
    draft = f.case(slug="rel-draft", crisis_types=[t], status=Case.Status.DRAFT)
    assert "rel-draft" not in [r.case.slug for r in related_cases(case=base, user=None)]
    draft.status = Case.Status.PUBLISHED
    draft.save()
    assert "rel-draft" in [r.case.slug for r in related_cases(case=base, user=None)]


def test_a_page_shows_the_stored_ranking_in_three_queries(django_assert_num_queries):
    t, p = f.crisis_type(), f.principle()
    cases = [f.case(crisis_types=[t]) for _ in range(8)]
    for case in cases:
        f.measure(case=case, principles=[p])
    ranking.queue.flush()
    with django_assert_num_queries(3):  # curated links, ranked rows with their cases, principles
        related = related_cases(case=cases[0], user=None)
    assert len(related) == ranking.LIMIT


@pytest.mark.usefixtures("corpus")
def test_the_corpus_rankings_equal_the_reference():
    # The reference costs about half a second per case: a third of the corpus, every third
    # case in slug order, the source document's three among them.
    assert RelatedRank.objects.exists()
    seed = ["social-platform-data-leak-2018", "ecommerce-counterfeit-scandal-2019"]
    cases = list(Case.objects.order_by("slug"))[::3] + list(Case.objects.filter(slug__in=seed))
    assert len(cases) > 20
    for case in cases:
        assert stored(case) == reference(case), case.slug


def _world(rng):
    types = [f.crisis_type() for _ in range(4)]
    principles = [f.principle() for _ in range(5)]
    tactics = [f.tactic() for _ in range(5)]
    tags = [f"w-tag-{n}" for n in range(6)]
    cases = []
    for n in range(30):
        case = f.case(
            slug=f"w-{n:02d}",
            year=rng.choice([2018, 2019, 2020]),
            crisis_types=rng.sample(types, rng.randint(1, 2)),
            tags=rng.sample(tags, rng.randint(0, 3)),
            status=Case.Status.DRAFT if n % 7 == 3 else Case.Status.PUBLISHED,
        )
        for _ in range(rng.randint(0, 2)):
            f.measure(
                case=case,
                principles=rng.sample(principles, rng.randint(0, 3)),
                tactics=rng.sample(tactics, rng.randint(0, 2)),
            )
        cases.append(case)
    for n in range(4):
        a, b = rng.sample(cases, 2)
        CaseRelation.objects.get_or_create(from_case=a, to_case=b, defaults={"position": n})
    return types, principles, tactics, tags


def _edits(rng, types, principles, tactics, tags):
    """One of each kind of change a curator (or a loader) makes, on random cases."""

    def pick():
        return rng.choice(list(Case.objects.all()))

    def measure():
        return rng.choice(list(ResponseMeasure.objects.all()))

    yield "tag added", lambda: pick().tags.add(rng.choice(tags))
    yield "tags cleared", lambda: pick().tags.clear()
    yield "type added", lambda: pick().crisis_types.add(rng.choice(types))
    yield "type removed (reverse)", lambda: rng.choice(types).cases.remove(pick())
    yield "principle added", lambda: measure().principles.add(rng.choice(principles))
    yield "principle linked (reverse)", lambda: rng.choice(principles).measures.add(measure())
    yield "tactics set", lambda: measure().tactics.set(rng.sample(tactics, 2))
    yield "measure deleted", lambda: measure().delete()
    yield "measure added", lambda: f.measure(case=pick(), principles=principles[:2])

    def status(value):
        case = pick()
        case.status = value
        case.save()

    yield "unpublished", lambda: status(Case.Status.DRAFT)
    yield "published", lambda: status(Case.Status.PUBLISHED)

    def year():
        case = pick()
        case.year = 2025
        case.save()

    yield "year changed", year
    yield "case deleted", lambda: pick().delete()
    yield (
        "curated link added",
        lambda: CaseRelation.objects.get_or_create(
            from_case=pick(), to_case=Case.objects.exclude(pk=pick().pk).first()
        ),
    )
    yield "curated link deleted", lambda: CaseRelation.objects.first().delete()
    yield "principle deleted", lambda: Principle.objects.first().delete()
    yield "tag deleted", lambda: Tag.objects.filter(name__startswith="w-tag").first().delete()
    yield "type deleted", lambda: f.crisis_type().delete() or rng.choice(types).cases.clear()


@pytest.mark.parametrize("seed", [1, 2])
def test_each_kind_of_change_keeps_every_list_equal_to_the_reference(seed):
    rng = random.Random(seed)
    world = _world(rng)
    assert_all_equal_reference()
    for what, edit in _edits(rng, *world):
        edit()
        ranking.queue.flush()
        for case in Case.objects.all():
            assert stored(case) == reference(case), f"after {what}: {case.slug}"


def test_a_change_rewrites_only_the_lists_it_affects():
    near, far = f.crisis_type(), f.crisis_type()
    cluster = [f.case(crisis_types=[near]) for _ in range(5)]
    [f.case(crisis_types=[far]) for _ in range(20)]
    ranking.queue.flush()
    cluster[0].tags.add("only-here")
    # The edited case and the four that rank it; the twenty others are not touched.
    assert ranking.refresh([cluster[0].pk]) == 5


def test_rebuild_related_command_ranks_every_case(capsys):
    t = f.crisis_type()
    a, b = f.case(crisis_types=[t]), f.case(crisis_types=[t])
    RelatedRank.objects.all().delete()
    call_command("rebuild_related")
    assert "ranked for 2 cases" in capsys.readouterr().out
    assert list(RelatedRank.objects.filter(case=a).values_list("other", flat=True)) == [b.pk]
