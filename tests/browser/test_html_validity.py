"""The Nu HTML Checker (vnu-jar) finds no error in the HTML of any public page type, in both
languages. vnu refuses to fetch from 127.0.0.1, so the pages' HTML is written to files and checked
in one JVM run (a start costs about a second)."""

import json
import subprocess

import pytest

from .pages import describe, public_urls

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

    # A canary with a known error proves that the checker ran and its report was read.
    canary = tmp_path / "zz-canary.html"
    canary.write_text('<!DOCTYPE html><html lang="en"><title>c</title><p>x</div>')

    completed = subprocess.run(
        [
            *vnu_command,
            "--format",
            "json",
            "--stdout",
            *(str(p) for p in sorted(tmp_path.iterdir())),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert completed.stdout.strip(), f"vnu printed no report: {completed.stderr[:2000]}"
    report = json.loads(completed.stdout)
    problems = {}
    canary_errors = [m for m in report["messages"] if m.get("url", "").endswith(canary.name)]
    assert canary_errors, f"vnu did not report the canary's error: {completed.stderr[:2000]}"
    for message in report["messages"]:
        if message in canary_errors:
            continue
        if message["type"] == "error" or message.get("subType") == "fatal":
            where = files.get(message.get("url", "").rsplit("/", 1)[-1], message.get("url"))
            problems.setdefault(where, []).append(
                f"line {message.get('lastLine')}: {message['message']}"
                f" [{message.get('extract', '').strip()}]"
            )
    assert not problems, describe(problems)
    assert len(files) == len(public_urls())
