"""The query people type, parsed once and rendered for either backend.

Syntax (what web search engines taught everyone): several words must all match; "an exact
phrase" in double quotes; `or` between two items matches either; a leading `-` excludes an item.
Anything else is text: operators of the database's own syntax (`NEAR(`, `*`, `:`, `AND`…) are
never passed through, because the backends receive only tokens that `search.text` produced.
A hostile query therefore parses into fewer terms or none; it never raises.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from . import text

MAX_QUERY_LENGTH = 200  # characters kept from what was typed
MAX_TERMS = 12  # words and phrases, included and excluded together
MAX_PHRASE_TOKENS = 16

Phrase = tuple[str, ...]  # tokens that must appear next to each other, in order


@dataclass(frozen=True)
class Item:
    """One thing typed: every phrase in it must match (a Chinese item may be several words)."""

    phrases: tuple[Phrase, ...]


@dataclass
class ParsedQuery:
    # All groups must match; a group matches when any of its items does (`or`).
    groups: list[list[Item]] = field(default_factory=list)
    excluded: list[Item] = field(default_factory=list)
    truncated: bool = False

    def __bool__(self) -> bool:
        return bool(self.groups)

    def highlight_tokens(self) -> set[str]:
        return {t for group in self.groups for item in group for p in item.phrases for t in p}


_ITEM = re.compile(r'(-?)"([^"]*)"?|(\S+)')


def _clean(raw: str) -> tuple[str, bool]:
    """Control and format characters become spaces; the query is cut to a sane length."""
    chars = [
        " " if unicodedata.category(c)[0] in "CZ" else c
        for c in unicodedata.normalize("NFKC", raw or "")
    ]
    cleaned = " ".join("".join(chars).split())
    if len(cleaned) > MAX_QUERY_LENGTH:
        return cleaned[:MAX_QUERY_LENGTH], True
    return cleaned, False


def parse(raw: str) -> ParsedQuery:
    cleaned, truncated = _clean(raw)
    query = ParsedQuery(truncated=truncated)
    terms = 0
    pending_or = False
    for match in _ITEM.finditer(cleaned):
        minus, quoted, word = match.groups()
        if quoted is not None:
            tokens = tuple(text.segment(quoted))[:MAX_PHRASE_TOKENS]
            item = Item((tokens,)) if tokens else None
            negative = bool(minus)
        else:
            if word.lower() == "or":
                pending_or = bool(query.groups)
                continue
            negative = word.startswith("-") and len(word) > 1
            words = text.query_words(word[1:] if negative else word)
            item = Item(tuple(w[:MAX_PHRASE_TOKENS] for w in words)) if words else None
        if item is None:
            continue  # only punctuation, operators or emoji: nothing to search for
        if terms >= MAX_TERMS:
            query.truncated = True
            break
        terms += 1
        if negative:
            query.excluded.append(item)
            pending_or = False
        elif pending_or:
            query.groups[-1].append(item)
            pending_or = False
        else:
            query.groups.append([item])
    return query


# --- rendering ----------------------------------------------------------------------------


def _fts5_phrase(phrase: Phrase) -> str:
    # Tokens hold letters and digits only, so a double-quoted FTS5 string cannot be escaped.
    return '"' + " ".join(t.replace('"', '""') for t in phrase) + '"'


def _fts5_item(item: Item) -> str:
    return "(" + " AND ".join(_fts5_phrase(p) for p in item.phrases) + ")"


def to_fts5(query: ParsedQuery) -> str:
    """An FTS5 MATCH expression: ((a) AND (b OR c)) NOT ((x) OR (y))."""
    groups = ["(" + " OR ".join(_fts5_item(i) for i in group) + ")" for group in query.groups]
    expression = "(" + " AND ".join(groups) + ")"
    if query.excluded:
        expression += " NOT (" + " OR ".join(_fts5_item(i) for i in query.excluded) + ")"
    return expression


def websearch_phrases(item: Item) -> list[str]:
    """websearch_to_tsquery() input for each phrase of an item: a word, or "a quoted phrase"."""
    return [p[0] if len(p) == 1 else '"' + " ".join(p) + '"' for p in item.phrases]
