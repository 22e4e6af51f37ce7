"""Signal handlers that keep the index fresh. Each is one line: it names what changed and hands
it to `search.services`, which re-indexes once the transaction commits. Connected in
`SearchConfig.ready()`, so `cases` and `strategies` never import `search`."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from taggit.models import Tag, TaggedItem

from cases.models import Case, CrisisType, ResponseMeasure, Source, TimelineEvent
from strategies.models import Principle, Strategy, Tactic

from . import services
from .models import SearchDocument

Kind = SearchDocument.Kind
DOCTRINE = {Principle: Kind.PRINCIPLE, Strategy: Kind.STRATEGY, Tactic: Kind.TACTIC}


def case_saved(sender, instance, **kwargs):
    services.schedule_cases([instance.pk])


def case_child_changed(sender, instance, **kwargs):
    """A measure, timeline event or source was saved or deleted: its case changed."""
    services.schedule_cases([instance.case_id])


def case_types_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if reverse and action == "pre_clear":  # which cases lose the type is known only now
        services.schedule_cases(services.cases_with_type(instance.pk))
    elif action.startswith("post_"):
        services.schedule_cases((pk_set or []) if reverse else [instance.pk])


def tagged_item_changed(sender, instance, **kwargs):
    if instance.content_type.model_class() is Case:
        services.schedule_cases([instance.object_id])


def case_tags_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    if action.startswith("post_") and isinstance(instance, Case):
        services.schedule_cases([instance.pk])


def tag_renamed(sender, instance, created, **kwargs):
    if not created:
        services.schedule_cases(services.cases_with_tag(instance.pk))


def doctrine_saved(sender, instance, **kwargs):
    services.schedule(kind=DOCTRINE[sender], ids=[instance.pk])
    if sender is Strategy:  # a tactic shows its strategy's name
        services.schedule(kind=Kind.TACTIC, ids=instance.tactics.values_list("pk", flat=True))


def doctrine_deleted(sender, instance, **kwargs):
    services.remove(kind=DOCTRINE[sender], ids=[instance.pk])


def crisis_type_saved(sender, instance, **kwargs):
    # A case's document holds the names of its types.
    services.schedule(kind=Kind.CRISIS_TYPE, ids=[instance.pk])
    services.schedule_cases(services.cases_with_type(instance.pk))


def crisis_type_deleted(sender, instance, **kwargs):
    services.remove(kind=Kind.CRISIS_TYPE, ids=[instance.pk])


def connect():
    uid = "search:"
    post_save.connect(case_saved, sender=Case, dispatch_uid=uid + "case_saved")
    post_delete.connect(case_saved, sender=Case, dispatch_uid=uid + "case_deleted")
    for model in (ResponseMeasure, TimelineEvent, Source):
        name = model.__name__
        post_save.connect(case_child_changed, sender=model, dispatch_uid=f"{uid}{name}_saved")
        post_delete.connect(case_child_changed, sender=model, dispatch_uid=f"{uid}{name}_deleted")
    m2m_changed.connect(
        case_types_changed, sender=Case.crisis_types.through, dispatch_uid=uid + "case_types"
    )
    post_save.connect(tagged_item_changed, sender=TaggedItem, dispatch_uid=uid + "tagged_saved")
    post_delete.connect(
        tagged_item_changed, sender=TaggedItem, dispatch_uid=uid + "tagged_deleted"
    )
    m2m_changed.connect(case_tags_changed, sender=TaggedItem, dispatch_uid=uid + "case_tags")
    post_save.connect(tag_renamed, sender=Tag, dispatch_uid=uid + "tag_renamed")
    for model in DOCTRINE:
        name = model.__name__
        post_save.connect(doctrine_saved, sender=model, dispatch_uid=f"{uid}{name}_saved")
        post_delete.connect(doctrine_deleted, sender=model, dispatch_uid=f"{uid}{name}_deleted")
    post_save.connect(crisis_type_saved, sender=CrisisType, dispatch_uid=uid + "type_saved")
    post_delete.connect(crisis_type_deleted, sender=CrisisType, dispatch_uid=uid + "type_deleted")
