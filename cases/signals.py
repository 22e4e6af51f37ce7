"""Derived data of a case, refreshed when the case or its timeline changes (not per request)."""

import threading

from django.db.models.signals import post_delete, post_save, pre_delete

from .models import Case, TimelineEvent
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


def connect():
    uid = "cases.signals."
    post_save.connect(case_saved, sender=Case, dispatch_uid=uid + "case_saved")
    pre_delete.connect(case_deleting, sender=Case, dispatch_uid=uid + "case_deleting")
    post_delete.connect(case_deleted, sender=Case, dispatch_uid=uid + "case_deleted")
    post_save.connect(timeline_changed, sender=TimelineEvent, dispatch_uid=uid + "timeline_saved")
    post_delete.connect(
        timeline_changed, sender=TimelineEvent, dispatch_uid=uid + "timeline_deleted"
    )
