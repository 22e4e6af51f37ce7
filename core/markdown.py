"""Markdown to safe HTML, done once when a record is saved (requests never render Markdown)."""

import markdown as md
import nh3
from django.conf import settings
from django.utils.translation import get_language

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "dl", "dt", "em", "h2", "h3",
    "h4", "h5", "h6", "hr", "i", "li", "ol", "p", "pre", "strong", "sub", "sup", "table",
    "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "th": {"scope"},
    "td": {"colspan", "rowspan"},
}
# Only these URL schemes survive; javascript:, data:, vbscript: and the like are dropped.
URL_SCHEMES = {"http", "https", "mailto"}


def render_markdown(text: str) -> str:
    """Render Markdown to HTML and sanitise it with nh3 (no script, handlers, iframes, styles)."""
    if not text:
        return ""
    html = md.markdown(text, extensions=["extra", "sane_lists"], output_format="html")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


def language_suffixes() -> list[str]:
    """Field suffixes modeltranslation gives each language: 'en', 'zh_hans'."""
    return [code.replace("-", "_") for code, _name in settings.LANGUAGES]


def language_suffix() -> str:
    """The active language's field suffix ('en' when the language is not one of the site's)."""
    code = (get_language() or "en").replace("-", "_")
    return code if code in language_suffixes() else "en"


class RenderedMarkdownMixin:
    """Renders each `source` Markdown field into its `<source>_html` field on save, per language
    (list the mixin before models.Model so its save() runs first).

    Models list their Markdown fields in `markdown_fields`; both the source and the HTML field
    are translated, so every language gets its own rendering.
    """

    markdown_fields: tuple[str, ...] = ()

    def save(self, *args, **kwargs):
        self.render_markdown_fields()
        super().save(*args, **kwargs)

    def render_markdown_fields(self) -> None:
        for name in self.markdown_fields:
            for suffix in language_suffixes():
                source = getattr(self, f"{name}_{suffix}", None) or ""
                setattr(self, f"{name}_html_{suffix}", render_markdown(source))
