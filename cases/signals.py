"""Derived data of a case, refreshed when the case changes (not per request): its response
intervals (from its timeline) and the related-case rankings around it (cases.ranking)."""

import threading

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from taggit.models import Tag, TaggedItem

from strategies.models import Principle, Tactic

from . import ranking
from .models import Case, CaseRelation, CrisisType, RelatedRank, ResponseMeasure, TimelineEvent
from .services import case_intervals_refresh, derived_data_is_deferred

# Cases being deleted: their timeline's post_delete must not re-create derived rows that the
# same deletion is about to remove.
_deleting = threading.local()


def _deleting_ids() -> set:
    if not hasattr(_deleting, "ids"):
        _deleting.ids = set()
    return _deleting.ids


def case_saved(sender, instance, raw=False, **kwargs):
    if not raw and not derived_data_is_deferred():
        case_intervals_refresh(case=instance)


def case_deleting(sender, instance, **kwargs):
    _deleting_ids().add(instance.pk)


def case_deleted(sender, instance, **kwargs):
    _deleting_ids().discard(instance.pk)


def timeline_changed(sender, instance, raw=False, **kwargs):
    if raw or derived_data_is_deferred() or instance.case_id in _deleting_ids():
        return
    case = Case.objects.filter(pk=instance.case_id).first()
    if case is not None:
        case_intervals_refresh(case=case)


# --- related-case rankings: anything that changes what a case shares with others ----------


def rank_case(sender, instance, raw=False, **kwargs):
    if not raw:
        ranking.schedule([instance.pk])


def rank_before_case_deleted(sender, instance, **kwargs):
    # The lists this case is in lose it (their rows go with it, so ask now).
    ranking.schedule(RelatedRank.objects.filter(other=instance).values_list("case_id", flat=True))


def rank_owner(sender, instance, raw=False, **kwargs):
    """A measure or a curated link changed: re-rank around the case it belongs to."""
    if not raw:
        ranking.schedule([getattr(instance, "case_id", None) or instance.from_case_id])


def rank_case_types(sender, instance, action, reverse, pk_set, **kwargs):
    if not action.startswith("post_") and action != "pre_clear":
        return
    if not reverse:
        ranking.schedule([instance.pk])
    elif action == "pre_clear":  # which cases lose the type is known only now
        ranking.schedule(instance.cases.values_list("pk", flat=True))
    else:
        ranking.schedule(pk_set or [])


def rank_measure_doctrine(sender, instance, action, reverse, pk_set, **kwargs):
    """A measure's principles or tactics changed (from either side)."""
    if not action.startswith("post_") and action != "pre_clear":
        return
    if not reverse:
        ranking.schedule([instance.case_id])
    elif action == "pre_clear":
        ranking.schedule(instance.measures.values_list("case_id", flat=True))
    else:
        ranking.schedule(
            ResponseMeasure.objects.filter(pk__in=pk_set or []).values_list("case_id", flat=True)
        )


def rank_tagged(sender, instance, raw=False, **kwargs):
    if not raw and instance.content_type_id == ContentType.objects.get_for_model(Case).pk:
        ranking.schedule([instance.object_id])


def rank_tags(sender, instance, action, **kwargs):
    if action.startswith("post_") and isinstance(instance, Case):
        ranking.schedule([instance.pk])


def rank_before_feature_deleted(sender, instance, **kwargs):
    """A crisis type, principle, tactic or tag is deleted: its link rows go without signals."""
    if isinstance(instance, Tag):
        cases = TaggedItem.objects.filter(
            tag=instance, content_type=ContentType.objects.get_for_model(Case)
        ).values_list("object_id", flat=True)
    elif isinstance(instance, CrisisType):
        cases = instance.cases.values_list("pk", flat=True)
    else:
        cases = instance.measures.values_list("case_id", flat=True)
    ranking.schedule(list(cases))


def connect():
    uid = "cases.signals."
    post_save.connect(case_saved, sender=Case, dispatch_uid=uid + "case_saved")
    pre_delete.connect(case_deleting, sender=Case, dispatch_uid=uid + "case_deleting")
    post_delete.connect(case_deleted, sender=Case, dispatch_uid=uid + "case_deleted")
    post_save.connect(timeline_changed, sender=TimelineEvent, dispatch_uid=uid + "timeline_saved")
    post_delete.connect(
        timeline_changed, sender=TimelineEvent, dispatch_uid=uid + "timeline_deleted"
    )
    post_save.connect(rank_case, sender=Case, dispatch_uid=uid + "rank_case")
    pre_delete.connect(rank_before_case_deleted, sender=Case, dispatch_uid=uid + "rank_gone")
    for model in (ResponseMeasure, CaseRelation):
        name = model.__name__
        post_save.connect(rank_owner, sender=model, dispatch_uid=f"{uid}rank_{name}_saved")
        post_delete.connect(rank_owner, sender=model, dispatch_uid=f"{uid}rank_{name}_deleted")
    m2m_changed.connect(
        rank_case_types, sender=Case.crisis_types.through, dispatch_uid=uid + "rank_types"
    )
    for through in (ResponseMeasure.principles.through, ResponseMeasure.tactics.through):
        m2m_changed.connect(
            rank_measure_doctrine, sender=through, dispatch_uid=f"{uid}rank_{through.__name__}"
        )
    post_save.connect(rank_tagged, sender=TaggedItem, dispatch_uid=uid + "rank_tagged")
    post_delete.connect(rank_tagged, sender=TaggedItem, dispatch_uid=uid + "rank_untagged")
    m2m_changed.connect(rank_tags, sender=TaggedItem, dispatch_uid=uid + "rank_tags")
    for model in (CrisisType, Principle, Tactic, Tag):
        pre_delete.connect(
            rank_before_feature_deleted, sender=model, dispatch_uid=f"{uid}rank_{model.__name__}"
        )
