"""Markdown bodies are sanitised: no script, handler, dangerous URL, iframe or style survives."""

import re
from html.parser import HTMLParser

import pytest

from core.markdown import render_markdown
from tests import factories as f

# Real payloads, from the OWASP XSS filter-evasion cheat sheet and Markdown-specific vectors.
PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=https://xss.example/xss.js></SCRIPT>",
    '<img src=x onerror="alert(1)">',
    "<img src=x onerror=alert(1)//",
    '<svg onload="alert(1)">',
    "<svg><script>alert(1)</script></svg>",
    '<body onload="alert(1)">',
    '<a href="javascript:alert(1)">click</a>',
    '<a href="JaVaScRiPt:alert(1)">click</a>',
    '<a href="jav&#x09;ascript:alert(1)">click</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
    "[click](javascript:alert(1))",
    "[click](JAVASCRIPT:alert(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[click](vbscript:msgbox(1))",
    "![img](javascript:alert(1))",
    '<iframe src="https://evil.example"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    "<style>body{background:url(javascript:alert(1))}</style>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<object data="javascript:alert(1)"></object>',
    '<embed src="javascript:alert(1)">',
    '<form action="javascript:alert(1)"><input type=submit></form>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<details open ontoggle="alert(1)">',
    '<a href="#" onclick="alert(1)">x</a>',
    '<p onmouseover="alert(1)">hover</p>',
    "<meta http-equiv=refresh content='0;url=javascript:alert(1)'>",
    '<base href="javascript:alert(1)//">',
    '<link rel=stylesheet href="https://evil.example/x.css">',
    "<<script>script>alert(1)<</script>/script>",
    "`<script>`</script>",
    '<a href="vbscript:msgbox(1)">x</a>',
    '<a href="data:text/html,<script>alert(1)</script>">x</a>',
]

FORBIDDEN_TAGS = {
    "script", "iframe", "style", "object", "embed", "form", "meta", "base", "link", "svg",
    "math", "body", "input",
}  # fmt: skip
BAD_SCHEMES = ("javascript:", "data:", "vbscript:")


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []

    def handle_starttag(self, tag, attrs):
        if tag in FORBIDDEN_TAGS:
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on") or name in {"style", "srcdoc"}:
                self.problems.append(f"{tag}[{name}]")
            cleaned = re.sub(r"[\x00-\x20]", "", value or "").lower()
            if name in {"href", "src", "action", "data", "formaction"} and cleaned.startswith(
                BAD_SCHEMES
            ):
                self.problems.append(f"{tag}[{name}={value}]")


def problems(html: str) -> list[str]:
    """Elements and attributes a browser would act on; escaped text is harmless."""
    parser = _Collector()
    parser.feed(html)
    return parser.problems


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payload_is_neutralised(payload):
    html = render_markdown(payload)
    assert problems(html) == [], (payload, html)


def test_the_checker_catches_what_it_should():
    assert problems('<a href=" javascript:x">') and problems("<p onclick=x>")
    assert problems("<script>") and problems('<img src="data:x">')


def test_safe_markdown_survives():
    html = render_markdown("A [link](https://example.org) and **bold** text.\n\n- item")
    assert '<a href="https://example.org" rel="noopener noreferrer nofollow">link</a>' in html
    assert "<strong>bold</strong>" in html
    assert "<li>item</li>" in html


@pytest.mark.django_db
def test_payloads_never_reach_the_case_page(client):
    body = "\n\n".join(PAYLOADS)
    case = f.case(background_en=body, lessons_en=body, slug="xss-case")
    f.measure(case=case, description_en=body)
    response = client.get("/en/cases/xss-case/")
    assert response.status_code == 200
    html = response.content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    assert problems(main) == []
