"""Country and subdivision names from ISO 3166 (pycountry), in the interface's languages."""

from __future__ import annotations

import gettext
from functools import lru_cache

import pycountry


@lru_cache(maxsize=8)
def _catalogue(domain: str, language: str):
    if language.startswith("zh"):
        try:
            return gettext.translation(domain, pycountry.LOCALES_DIR, languages=["zh_CN"])
        except OSError:  # pragma: no cover - pycountry ships the catalogue
            return gettext.NullTranslations()
    return gettext.NullTranslations()


def record(code: str):
    """The pycountry record of an ISO 3166-1 alpha-2 or ISO 3166-2 code, or None."""
    code = (code or "").strip()
    if len(code) == 2 and code.isalpha() and code.isupper():
        return pycountry.countries.get(alpha_2=code)
    if "-" in code and code == code.upper():
        try:
            return pycountry.subdivisions.get(code=code)
        except (KeyError, LookupError):
            return None
    return None


def is_valid(code: str) -> bool:
    return record(code) is not None


def country_of(code: str) -> str:
    """The ISO 3166-1 country of a code: "US-CA" -> "US", "GB" -> "GB"."""
    return code.split("-", 1)[0]


@lru_cache(maxsize=2048)
def name(code: str, language: str = "en") -> str:
    """The code's name in `language` ("en" or "zh-hans"); the code itself when unknown."""
    found = record(code)
    if found is None:
        return code
    if "-" in code:
        text = _catalogue("iso3166-2", language).gettext(found.name)
        parent = name(country_of(code), language)
        return f"{parent}{text}" if language.startswith("zh") else f"{text} ({parent})"
    english = getattr(found, "common_name", None) or found.name
    if language.startswith("zh"):
        return _catalogue("iso3166-1", language).gettext(found.name)
    return english
