"""Shared fixtures. The project's seed data is loaded once into the test database; each test
runs in a transaction that is rolled back, so tests may add or change records freely."""

import pytest
from django.core.management import call_command

from core.loading import load_all


@pytest.fixture(scope="session", autouse=True)
def _static_files():
    # Production storage (fingerprinted, compressed) needs its manifest: build it once.
    call_command("collectstatic", interactive=False, verbosity=0)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        load_all()


@pytest.fixture
def staff_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("curator", "c@example.org", "x-pass-123")
    client.force_login(user)
    return client
