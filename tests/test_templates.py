"""Templates carry no inline script or style (the CSP forbids them) and mark their strings."""

import re
from pathlib import Path

from django.conf import settings

TEMPLATES = sorted((Path(settings.BASE_DIR) / "templates").rglob("*.html"))


def test_the_checks_below_read_every_page_template():
    names = {p.relative_to(Path(settings.BASE_DIR) / "templates").as_posix() for p in TEMPLATES}
    for expected in ("base.html", "cases/case_detail.html", "cases/playbook.html", "404.html"):
        assert expected in names


def test_no_inline_scripts_styles_or_handlers():
    for path in TEMPLATES:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"<script(?![^>]*\bsrc=)", text), path
        assert "<style" not in text, path
        assert not re.search(r"\sstyle=", text), path
        assert not re.search(r"\son[a-z]+=", text), path


def test_visible_text_is_marked_for_translation():
    # Outside {% %} and {{ }}, no run of three or more English words stands bare in a template
    # (the 500 page is static and bilingual by design).
    bare = re.compile(r">\s*([A-Z][a-z]+(?: [a-z]+){2,})")
    for path in TEMPLATES:
        if path.name == "500.html":
            continue
        text = path.read_text(encoding="utf-8")
        # A {% blocktranslate %} … {% endblocktranslate %} block is marked, whatever it holds.
        text = re.sub(r"{%\s*blocktranslate.*?{%\s*endblocktranslate\s*%}", "", text, flags=re.S)
        text = re.sub(r"{%.*?%}|{{.*?}}", "", text, flags=re.S)
        assert not bare.search(text), (path, bare.search(text))
