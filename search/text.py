"""Text for the search index: normalisation and word segmentation, the same for documents and
queries, so that both backends compare the same tokens.

Chinese has no spaces between words, so every run of Han characters goes through jieba in its
search mode (`cut_for_search`): a long word also yields the dictionary words inside it, which is
what lets a two-character query ("召回", "假货") find a longer word. Other runs are split into
letters-and-digits tokens and lower-cased. The output is a list of tokens; joined with spaces it
is what the backends index (PostgreSQL's 'simple' configuration, SQLite's unicode61 tokenizer),
and neither changes it further.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from functools import lru_cache

_HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HAN_CHAR = re.compile(f"[{_HAN}]")
# A run of letters or digits that are not Han characters: one Latin-script token.
_WORD = re.compile(f"[^\\W_{_HAN}]+")
_SPLIT = re.compile(f"([{_HAN}]+)")

_lock = threading.Lock()
_tokenizer = None


def _jieba():
    """jieba's tokenizer, initialised once (loading its dictionary takes about a second)."""
    global _tokenizer
    if _tokenizer is None:
        with _lock:
            if _tokenizer is None:
                import logging

                import jieba

                jieba.setLogLevel(logging.WARNING)
                tokenizer = jieba.Tokenizer()
                tokenizer.initialize()
                _tokenizer = tokenizer
    return _tokenizer


def normalise(text: str) -> str:
    """NFKC (full-width letters and digits become ASCII) and lower case, same length or not."""
    return unicodedata.normalize("NFKC", text or "").lower()


def is_han(token: str) -> bool:
    return bool(_HAN_CHAR.search(token))


def _search_mode(word: str, freq) -> list[str]:
    """jieba's search mode for one word (the algorithm of `cut_for_search`), except that a long
    word whose dictionary sub-words already cover every character is not emitted again: it adds
    nothing a query could not find through the sub-words, and dropping it keeps the positions of
    neighbouring words adjacent, so quoted phrases match across it."""
    if len(word) <= 2:
        return [word]
    grams = []
    covered = [False] * len(word)
    for size in (2, 3):
        if len(word) <= size:
            continue
        for i in range(len(word) - size + 1):
            gram = word[i : i + size]
            if freq.get(gram):
                grams.append(gram)
                for j in range(i, i + size):
                    covered[j] = True
    if grams and all(covered):
        return grams
    return [*grams, word]


@lru_cache(maxsize=4096)
def _han_words(run: str) -> tuple[tuple[str, ...], ...]:
    """A run of Han characters cut into words (jieba's precise mode), each word as the tokens
    search mode gives it."""
    tokenizer = _jieba()
    return tuple(tuple(_search_mode(word, tokenizer.FREQ)) for word in tokenizer.cut(run))


def segment(text: str) -> list[str]:
    """Index tokens for a text: Han runs through jieba's search mode, other words lower-cased."""
    tokens: list[str] = []
    for i, part in enumerate(_SPLIT.split(normalise(text))):
        if not part:
            continue
        if i % 2:  # a Han run
            for word in _han_words(part) if len(part) <= 64 else _han_words_uncached(part):
                tokens.extend(word)
        else:
            tokens.extend(_WORD.findall(part))
    return tokens


def _han_words_uncached(run: str):
    tokenizer = _jieba()
    return [_search_mode(word, tokenizer.FREQ) for word in tokenizer.cut(run)]


def query_words(text: str) -> list[tuple[str, ...]]:
    """A query item cut into words, each word the tuple of tokens it must match in order.

    "数据泄露" -> [("数据",), ("泄露",)]; "e-commerce" -> [("e", "commerce")] (a hyphenated word is
    one phrase); "中华人民共和国" -> [("中华", "华人", "人民", "共和", "共和国")].
    """
    words: list[tuple[str, ...]] = []
    for i, part in enumerate(_SPLIT.split(normalise(text))):
        if not part:
            continue
        if i % 2:
            words.extend(w for w in _han_words(part[:64]) if w)
        else:
            pieces = tuple(_WORD.findall(part))
            if pieces:
                words.append(pieces)
    return words


def segmented(*texts: str) -> str:
    """The index text for some fields: their tokens joined by spaces."""
    return " ".join(token for text in texts if text for token in segment(text))
