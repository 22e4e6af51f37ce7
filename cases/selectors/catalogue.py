"""A case, the crisis types, the tags and the home page."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from taggit.models import Tag, TaggedItem

from core.pagination import paginate
from strategies.models import Principle, Strategy, Tactic

from ..models import Case, CrisisType, ResponseMeasure


def case_detail(*, slug: str, user) -> Case:
    """The case with everything its page shows; raises Case.DoesNotExist when not visible."""
    return Case.objects.visible_to(user).for_detail().get(slug=slug)


def crisis_types_with_counts(*, user) -> QuerySet[CrisisType]:
    """The crisis types that have a case the user may see, with how many (`case_count`): a
    type with no published case is not offered as a link or a filter."""
    visible = Case.objects.visible_to(user).values("pk")
    return (
        CrisisType.objects.ordered()
        .annotate(case_count=Count("cases", filter=Q(cases__in=visible), distinct=True))
        .filter(case_count__gt=0)
    )


def offered_crisis_types(*, user) -> QuerySet[CrisisType]:
    """The crisis types a filter offers: those with at least one case the user may see."""
    visible = Case.objects.visible_to(user).filter(crisis_types=OuterRef("pk"))
    return CrisisType.objects.ordered().filter(Exists(visible))


@dataclass
class TypeDetail:
    crisis_type: CrisisType
    page: object
    principle_counts: QuerySet[Principle]  # annotated with n: cases that applied each


def crisis_type_detail(*, slug: str, user, page_number=None) -> TypeDetail:
    """Raises CrisisType.DoesNotExist for an unknown type and for one with no case the user
    may see (a type used only by drafts answers like an unknown one)."""
    crisis_type = offered_crisis_types(user=user).get(slug=slug)
    cases = (
        Case.objects.visible_to(user)
        .filter(crisis_types=crisis_type)
        .for_list()
        .order_by("-year", "slug")
    )
    principle_counts = (
        Principle.objects.filter(measures__case__in=cases.values("pk"))
        .annotate(n=Count("measures__case", distinct=True))
        .order_by("-n", "position")
    )
    return TypeDetail(crisis_type, paginate(cases, page_number), principle_counts)


def tags_with_counts(*, user) -> QuerySet:
    """Rows of tag__slug, tag__name and case_count, for the tags the user's cases carry."""
    visible = Case.objects.visible_to(user).values("pk")
    return (
        TaggedItem.objects.filter(
            content_type=ContentType.objects.get_for_model(Case), object_id__in=visible
        )
        .values("tag__slug", "tag__name")
        .annotate(case_count=Count("object_id", distinct=True))
        .order_by("tag__name")
    )


@dataclass
class TagDetail:
    tag: Tag
    page: object


def tag_detail(*, slug: str, user, page_number=None) -> TagDetail:
    """Raises Tag.DoesNotExist for an unknown tag."""
    tag = Tag.objects.get(slug=slug)
    cases = (
        Case.objects.visible_to(user).filter(tags__slug=slug).for_list().order_by("-year", "slug")
    )
    return TagDetail(tag, paginate(cases.distinct(), page_number))


@dataclass
class Home:
    case_count: int
    measure_count: int
    principles: QuerySet[Principle]
    strategy_count: int
    tactic_count: int
    crisis_types: QuerySet[CrisisType]
    recent_cases: QuerySet[Case]


def home(*, user) -> Home:
    visible = Case.objects.visible_to(user)
    return Home(
        case_count=visible.count(),
        measure_count=ResponseMeasure.objects.filter(case__in=visible).count(),
        principles=Principle.objects.ordered(),
        strategy_count=Strategy.objects.count(),
        tactic_count=Tactic.objects.count(),
        crisis_types=crisis_types_with_counts(user=user),
        recent_cases=visible.for_list().order_by("-published_at", "-year", "slug")[:6],
    )
