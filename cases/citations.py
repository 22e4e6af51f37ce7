"""Citations for a case page, ready to copy into an essay: APA 7 and BibTeX."""

from __future__ import annotations

from datetime import date

SITE = "CrisisKB"

_BIBTEX_ESCAPES = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


def bibtex_escape(text: str) -> str:
    return "".join(_BIBTEX_ESCAPES.get(ch, ch) for ch in text)


def _year(case) -> int:
    stamp = case.updated_at or case.published_at
    return stamp.year if stamp else date.today().year


def apa(case, url: str, accessed: date) -> str:
    """APA 7 for a web page by a group author: Group. (Year). Title. Site. Retrieved …, from URL"""
    return (
        f"{SITE} editors. ({_year(case)}). {case.title} [Case study]. {SITE}. "
        f"Retrieved {accessed.strftime('%B')} {accessed.day}, {accessed.year}, from {url}"
    )


def bibtex(case, url: str, accessed: date) -> str:
    key = "crisiskb-" + case.slug
    fields = [
        ("author", f"{{{SITE} editors}}"),
        ("title", f"{{{bibtex_escape(case.title)}}}"),
        ("howpublished", f"{{\\url{{{url}}}}}"),
        ("year", f"{{{_year(case)}}}"),
        ("organization", f"{{{SITE}}}"),
        ("note", f"{{Case study. Accessed {accessed.isoformat()}}}"),
    ]
    body = ",\n".join(f"  {name} = {value}" for name, value in fields)
    return f"@misc{{{key},\n{body}\n}}"
