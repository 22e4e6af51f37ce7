"""Highlighted snippets, cut from the stored plain text in Python so both backends look alike.

The text is HTML-escaped piece by piece and only then are the <mark> elements added, so nothing
from the content or the query reaches the page unescaped.
"""

from __future__ import annotations

import re
from functools import lru_cache

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .text import is_han

WIDTH = 220  # characters of context in a snippet


@lru_cache(maxsize=256)
def _pattern(tokens: frozenset[str]) -> re.Pattern | None:
    """One pattern for all tokens: Han tokens anywhere, other tokens as whole words."""
    parts = []
    for token in sorted(tokens, key=len, reverse=True):
        if is_han(token):
            parts.append(re.escape(token))
        else:
            parts.append(rf"(?<![^\W_]){re.escape(token)}(?![^\W_])")
    return re.compile("|".join(parts), re.IGNORECASE) if parts else None


def _lower(text: str) -> str:
    # Same length as `text`, so offsets found in one are valid in the other.
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def find(text: str, tokens: frozenset[str]) -> list[tuple[int, int]]:
    pattern = _pattern(tokens)
    if pattern is None or not text:
        return []
    spans: list[tuple[int, int]] = []
    for _, match in zip(range(200), pattern.finditer(_lower(text)), strict=False):
        start, end = match.span()
        if spans and start <= spans[-1][1]:  # touching matches ("数据" "泄露") share one mark
            spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
        else:
            spans.append((start, end))
    return spans


def _marked(text: str, spans: list[tuple[int, int]], start: int, end: int) -> str:
    out, at = [], start
    for s, e in spans:
        if e <= start or s >= end:
            continue
        s, e = max(s, start), min(e, end)
        out.append(escape(text[at:s]))
        out.append(f"<mark>{escape(text[s:e])}</mark>")
        at = e
    out.append(escape(text[at:end]))
    return "".join(out)


def highlight(text: str, tokens: frozenset[str]) -> SafeString:
    """The whole text, escaped, with every match marked (for titles)."""
    return mark_safe(_marked(text, find(text, tokens), 0, len(text)))


def snippet(text: str, tokens: frozenset[str], width: int = WIDTH) -> tuple[SafeString, bool]:
    """About `width` characters around the densest cluster of matches, escaped and marked.
    Returns (html, whether anything matched)."""
    spans = find(text, tokens)
    if not spans:
        cut = text[:width]
        return mark_safe(escape(cut) + ("…" if len(text) > width else "")), False
    # The window that holds the most distinct matched words wins; the earliest on a tie.
    best, best_score = 0, -1
    for s, _e in spans:
        start = max(0, s - width // 4)
        words = {text[a:b].lower() for a, b in spans if start <= a and b <= start + width}
        if len(words) > best_score:
            best, best_score = start, len(words)
    start = best
    if start:
        space = text.rfind(" ", max(0, start - 20), start)
        start = space + 1 if space > 0 else start
    end = min(len(text), start + width)
    if end < len(text):
        space = text.find(" ", end, end + 20)
        end = space if space > 0 else end
    html = _marked(text, spans, start, end)
    return mark_safe(("…" if start else "") + html + ("…" if end < len(text) else "")), True
