"""The Nu HTML Checker (vnu-jar) finds no error in the HTML of any public page type, in both
languages. vnu refuses to fetch from 127.0.0.1, so the pages' HTML is written to files and checked
in one JVM run (a start costs about a second)."""

import pytest

from .pages import describe, public_urls, vnu_errors

pytestmark = pytest.mark.browser


def test_public_pages_are_valid_html(site, page, vnu_command, tmp_path):
    files = {}
    for number, (name, url) in enumerate(public_urls()):
        response = page.goto(url)
        expected = 404 if name.endswith("not-found") else 200
        assert response.status == expected, url
        # The HTML as the server sent it, not the DOM after parsing.
        path = tmp_path / f"{number:02d}-{name.replace('/', '-')}.html"
        path.write_bytes(response.body())
        files[path.name] = url

    problems = vnu_errors(vnu_command, tmp_path, files)
    assert not problems, describe(problems)
    assert len(files) == len(public_urls())
