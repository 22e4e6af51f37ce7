"""Shared fixtures.

The test database starts empty. A test that is about the shipped corpus asks for it with the
`corpus` fixture (or `pytestmark = pytest.mark.usefixtures("corpus")` for a whole module): the
fixtures are then loaded once per test process and kept, and every test still runs in a
transaction that is rolled back, so tests may add or change records freely. Tests that do not
ask for the corpus run first, on the empty database, and build what they need with
`tests.factories`; pure functions need no database at all.
"""

import os
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command

from core.loading import load_all


def pytest_configure(config):
    # On Redis (REDIS_URL, the PostgreSQL run in CI) each xdist worker gets a database of its
    # own: the workers' caches, content versions and cache.clear() must not meet.
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    cache_settings = settings.CACHES["default"]
    if worker and "redis" in cache_settings["BACKEND"].lower():
        url = urlsplit(cache_settings["LOCATION"])
        number = int(worker.removeprefix("gw")) + 1
        cache_settings["LOCATION"] = urlunsplit(url._replace(path=f"/{number}"))


def pytest_sessionstart(session):
    # Production storage (fingerprinted, compressed) needs its manifest: build it once, in the
    # controlling process only when pytest-xdist runs workers beside it.
    if not hasattr(session.config, "workerinput"):
        call_command("collectstatic", interactive=False, verbosity=0)


def pytest_collection_modifyitems(config, items):
    # Tests on the empty database first, then those on the corpus (loaded once, on first use).
    items.sort(key=lambda item: "corpus" in getattr(item, "fixturenames", ()))


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: a rolled-back test's pages must not outlive it
    (the content version is not rolled back with the database)."""
    cache.clear()


@pytest.fixture(scope="session")
def corpus(django_db_setup, django_db_blocker):
    """The shipped fixtures, loaded into the test database once and kept; returns the report."""
    with django_db_blocker.unblock():
        return load_all()


@pytest.fixture
def staff_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("curator", "c@example.org", "x-pass-123")
    client.force_login(user)
    return client
