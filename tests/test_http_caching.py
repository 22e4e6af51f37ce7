"""Public pages carry an ETag and `Cache-Control: public, max-age=0, must-revalidate`, answer a
matching conditional GET with 304, and show an edit at once; logged-in users' pages are
private; the admin and errors are never marked public (core.middleware)."""

import pytest

from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def case():
    return f.case(slug="cached-case", title_en="Before the edit")


def _directives(response) -> set[str]:
    return {d.strip() for d in response.get("Cache-Control", "").split(",") if d.strip()}


@pytest.mark.parametrize("url", ["/en/", "/en/cases/", "/en/cases/cached-case/", "/en/types/"])
def test_a_public_page_is_public_with_an_etag_and_revalidated(client, case, url):
    response = client.get(url)
    assert response.status_code == 200
    assert {"public", "max-age=0", "must-revalidate"} <= _directives(response)
    assert response["ETag"]
    again = client.get(url, HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    assert again.content == b""


def test_an_edit_changes_the_etag_so_the_next_visit_sees_it(client, case):
    url = "/en/cases/cached-case/"
    etag = client.get(url)["ETag"]
    case.title_en = "After the edit"
    case.save()
    response = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert "After the edit" in response.content.decode()
    assert response["ETag"] != etag


def test_a_logged_in_user_s_pages_are_private(staff_client, case):
    response = staff_client.get("/en/cases/cached-case/")
    directives = _directives(response)
    assert "private" in directives and "no-cache" in directives
    assert "public" not in directives


def test_the_admin_and_errors_are_never_public(client, staff_client):
    assert "public" not in _directives(staff_client.get("/admin/"))
    assert "public" not in _directives(client.get("/admin/login/"))
    missing = client.get("/en/cases/no-such-case/")
    assert missing.status_code == 404
    assert "public" not in _directives(missing)
