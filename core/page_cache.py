"""The page cache: whole responses of public GET pages for anonymous visitors.

One mechanism invalidates it: a content version, part of every page's key. Any write to a
content app's model (settings.CRISISKB_CONTENT_APPS: a save, a delete, a change of links, a
publication, an import, `load_seed`, the derived rows that follow) bumps the version once its
transaction commits, and every page is read afresh from then on; old entries simply expire.
No page has its own invalidation rule.

The version lives in the same cache as the pages (Redis in production, shared by every worker);
the local-memory default is per process and so serves only a single-process server.
"""

from __future__ import annotations

import hashlib
import time

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import translation

from .pending import CommitQueue

VERSION_KEY = "kb:content-version"


def content_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        # A fresh or evicted version starts from the clock, so it never meets old pages.
        cache.add(VERSION_KEY, time.time_ns() // 1000, timeout=None)
        version = cache.get(VERSION_KEY, 0)
    return version


def _bump(kind: str, ids: set[int]) -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not there: any new value is a new version
        cache.set(VERSION_KEY, time.time_ns() // 1000, timeout=None)


_queue = CommitQueue(_bump)


def content_changed() -> None:
    """Invalidate every cached page when the current transaction commits (at once without
    one). Bulk writes that send no signals (bulk_create, QuerySet.update) call it."""
    _queue.add([1])


def apply_pending() -> None:
    """Bump now for changes made earlier in this (uncommitted) transaction, so a request made
    inside it — a test, a shell session — never sees a page from before them."""
    _queue.flush()


def page_key(request) -> str:
    language = translation.get_language_from_request(request, check_path=True)
    url = hashlib.blake2b(request.get_full_path().encode(), digest_size=16).hexdigest()
    return f"kb:page:{content_version()}:{language}:{url}"


def _model_changed(sender, raw=False, **kwargs):
    if not raw:
        content_changed()


def _links_changed(sender, action, **kwargs):
    if action.startswith("post_") or action == "pre_clear":
        content_changed()


def connect() -> None:
    """Listen to every model of the content apps, sender by sender (a receiver for all models
    would turn off Django's fast bulk deletes everywhere). A model that marks itself
    `bulk_derived = True` (rows rebuilt in bulk, like the search index) is left out: the code
    that writes it calls content_changed() once."""
    uid = "core.page_cache:"
    labels = {config.label for config in apps.get_app_configs()}
    missing = set(settings.CRISISKB_CONTENT_APPS) - labels
    if missing:
        raise RuntimeError(f"CRISISKB_CONTENT_APPS names unknown apps: {sorted(missing)}")
    for label in settings.CRISISKB_CONTENT_APPS:
        for model in apps.get_app_config(label).get_models(include_auto_created=True):
            if getattr(model, "bulk_derived", False):
                continue
            name = model._meta.label
            if model._meta.auto_created:  # an m2m link table
                m2m_changed.connect(_links_changed, sender=model, dispatch_uid=uid + name)
            else:
                post_save.connect(_model_changed, sender=model, dispatch_uid=uid + name)
                post_delete.connect(_model_changed, sender=model, dispatch_uid=uid + name)
