"""The pages the browser checks visit, and helpers shared by the browser tests."""

import json

LANGUAGES = ["en", "zh-hans"]
DATA_LEAK_CASE = "social-platform-data-leak-2018"

# One address per public page type, without the language prefix.
PAGE_TYPES = {
    "home": "",
    "case-list": "cases/",
    "case-list-filtered": "cases/?type=data-leak&sort=oldest",
    "case-detail": f"cases/{DATA_LEAK_CASE}/",
    "type-list": "types/",
    "type-detail": "types/data-leak/",
    "tag-list": "tags/",
    "tag-detail": "tags/privacy/",
    "matrix": "matrix/",
    "type-strategy-matrix": "matrix/types-strategies/",
    "playbook": "types/data-leak/playbook/",
    "playbook-started": (
        "types/data-leak/playbook/?date=2026-03-27&time=09:00&tz=Europe/Berlin&jurisdiction=eu"
        "&jurisdiction=cn&reporter=cn-cii-operator"
    ),
    "case-clock": "cases/crowdstrike-falcon-update-outage-2024/",
    "compare": f"compare/?case={DATA_LEAK_CASE}&case=shared-bike-quality-2017",
    "compare-aligned": "compare/?cases=equifax-breach-2017,marriott-starwood-breach-2018"
    "&t0=discovered&q=data",
    "response-speed": "response-speed/",
    "response-speed-sorted": "response-speed/?step=disclosure&sort=slowest&type=data-leak",
    "study-guide": "study/",
    "principle-list": "principles/",
    "principle-detail": "principles/fast-response/",
    "strategy-list": "strategies/",
    "strategy-detail": "strategies/communication-coordination/",
    "tactic-detail": "tactics/external-communication/",
    "essay": "about/introduction/",
    "search": "search/?q=apology",
    "not-found": "no-such-page/",
}

# The main pages: laid out at both widths and shown in the README's screenshots.
MAIN_PAGES = ["home", "case-list", "case-detail", "principle-detail", "matrix"]

WIDTHS = {"mobile": {"width": 375, "height": 812}, "desktop": {"width": 1280, "height": 800}}


def public_urls(languages=LANGUAGES, page_types=PAGE_TYPES):
    """(name, url) for each page type in each language."""
    return [
        (f"{lang}/{name}", f"/{lang}/{PAGE_TYPES[name]}")
        for lang in languages
        for name in page_types
    ]


AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_violations(page, axe_source):
    """Run axe-core in the page (its context must bypass CSP) and return readable violations."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=axe_source)
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags},"
        " resultTypes: ['violations']})",
        AXE_TAGS,
    )
    return [
        {
            "rule": violation["id"],
            "impact": violation["impact"],
            "help": violation["help"],
            "nodes": [
                {"target": node["target"], "summary": node.get("failureSummary", "")}
                for node in violation["nodes"][:5]
            ],
        }
        for violation in result["violations"]
    ]


def describe(problems):
    return json.dumps(problems, ensure_ascii=False, indent=2)


def horizontal_overflow(page):
    """None when the page does not scroll sideways, else the widths and the widest culprits."""
    return page.evaluate(
        """() => {
          const doc = document.documentElement;
          if (doc.scrollWidth <= window.innerWidth) return null;
          const culprits = [...document.querySelectorAll('body *')]
            .filter(el => el.getBoundingClientRect().right > window.innerWidth + 0.5)
            .filter(el => !el.closest('.table-scroll'))
            .slice(0, 8)
            .map(el => el.tagName.toLowerCase() + (el.className ? '.' + el.className : '')
                 + ' right=' + Math.round(el.getBoundingClientRect().right));
          return {scrollWidth: doc.scrollWidth, innerWidth: window.innerWidth, culprits};
        }"""
    )


def vnu_errors(vnu_command, folder, files):
    """Check every HTML file in `folder` in one vnu run; return {url: [errors]}.

    `files` maps a file name in `folder` to the URL it was saved from. A canary file with a known
    error is added and must be reported, which proves that the checker ran and was read.
    """
    import subprocess

    canary = folder / "zz-canary.html"
    canary.write_text('<!DOCTYPE html><html lang="en"><title>c</title><p>x</div>')
    completed = subprocess.run(
        [*vnu_command, "--format", "json", "--stdout", *map(str, sorted(folder.iterdir()))],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert completed.stdout.strip(), f"vnu printed no report: {completed.stderr[:2000]}"
    report = json.loads(completed.stdout)
    canary_errors = [m for m in report["messages"] if m.get("url", "").endswith(canary.name)]
    assert canary_errors, f"vnu did not report the canary's error: {completed.stderr[:2000]}"
    problems = {}
    for message in report["messages"]:
        if message in canary_errors:
            continue
        if message["type"] == "error" or message.get("subType") == "fatal":
            where = files.get(message.get("url", "").rsplit("/", 1)[-1], message.get("url"))
            problems.setdefault(where, []).append(
                f"line {message.get('lastLine')}: {message['message']}"
                f" [{message.get('extract', '').strip()}]"
            )
    return problems
