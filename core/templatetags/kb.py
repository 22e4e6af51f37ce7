"""Template helpers shared by every app's templates."""

from decimal import Decimal

from django import template
from django.conf import settings
from django.template.defaulttags import querystring
from django.urls import translate_url
from django.utils import formats
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext as _

from core.markdown import language_suffix

register = template.Library()


@register.simple_tag
def partial_date(value, precision="day"):
    """A date no more precise than the sources give it: 2018, March 2018, 17 March 2018."""
    if not value:
        return ""
    if precision == "year":
        return str(value.year)
    if precision == "month":
        return formats.date_format(value, "YEAR_MONTH_FORMAT")
    return formats.date_format(value, "DATE_FORMAT")


def _plain(number) -> Decimal | int:
    """A whole number as an int, a fraction without trailing zeros (14.60 -> 14.6)."""
    value = Decimal(number)
    if value == value.to_integral_value():
        return int(value)
    return value.normalize()


def _scaled(number) -> str:
    """87000000 -> '87 million' (English) or '8700万' (Chinese); 14.6 stays 14.6."""
    number = _plain(number)
    lang = (get_language() or "en").lower()
    if lang.startswith("zh"):
        for size, word in ((10**8, "亿"), (10**4, "万")):
            if number >= size and number % (size // 100) == 0:
                return f"{_trim(Decimal(number) / size)}{word}"
        return formats.number_format(number, force_grouping=True)
    for size, word in ((10**9, _("billion")), (10**6, _("million"))):
        if number >= size and number % (size // 100) == 0:
            return f"{_trim(Decimal(number) / size)} {word}"
    return formats.number_format(number, force_grouping=True)


def _trim(value: Decimal) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text


CURRENCY = {"usd": "US$", "eur": "€", "gbp": "£", "cny": "¥"}


@register.simple_tag
def figure_value(figure):
    """An impact figure's value or range, with its unit."""
    value = _scaled(figure.value)
    if figure.value_high is not None and figure.value_high != figure.value:
        value = f"{value}–{_scaled(figure.value_high)}"
    if figure.unit in CURRENCY:
        return f"{CURRENCY[figure.unit]}{value}"
    if figure.unit == "percent":
        return f"{value}%"
    if figure.unit == "other":
        return value
    return f"{value} {figure.get_unit_display()}"


@register.simple_tag
def source_refs(sources):
    """Numbered references that link to the case's source list: [1] [3]."""
    return format_html_join(
        " ",
        '<a class="ref" href="#source-{0}" title="{1}">[{0}]</a>',
        ((s.ref, s.title) for s in sources),
    )


@register.simple_tag(takes_context=True)
def facet_query(context, query_params, name, option):
    """The link that toggles a facet value: Django's {% querystring %} on `query_params` with
    `name` set to the option's value (or removed when it is the selected one), back on page 1.
    (The tag takes literal keyword names only; a facet's name is a variable.)"""
    value = None if option.selected else option.value
    return querystring(context, query_params, **{name: value, "page": None})


@register.simple_tag(takes_context=True)
def language_links(context):
    """The current page in every language, for the switcher and hreflang alternates."""
    request = context["request"]
    current = get_language()
    links = []
    for code, _name in settings.LANGUAGES:
        url = translate_url(request.get_full_path(), code)
        info = get_language_info(code)
        links.append(
            {
                "code": code,
                "name": info["name_local"],
                "url": url,
                "absolute": request.build_absolute_uri(url),
                "current": code == current,
            }
        )
    return links


@register.simple_tag
def fallback_note(obj, field):
    """A visible note when `field` is shown in another language than the page's."""
    lang = language_suffix()
    own = getattr(obj, f"{field}_{lang}", None)
    if own:
        return ""
    for code, _name in settings.LANGUAGES:
        suffix = code.replace("-", "_")
        if suffix != lang and getattr(obj, f"{field}_{suffix}", None):
            name = get_language_info(code)["name_local"]
            return format_html(
                '<p class="fallback-note" lang="{}">{}</p>',
                get_language(),
                _("Not yet translated: shown in %(language)s.") % {"language": name},
            )
    return ""


class CaptureNode(template.Node):
    # Declared so that {% block %} tags inside are still found and overridden by child templates.
    child_nodelists = ("nodelist",)

    def __init__(self, nodelist, name):
        self.nodelist = nodelist
        self.name = name

    def render(self, context):
        # The rendered nodelist is already escaped; strip() would drop its safe marking.
        context[self.name] = mark_safe(self.nodelist.render(context).strip())
        return ""


@register.tag
def capture(parser, token):
    """{% capture as name %}…{% endcapture %}: render once, use twice (<title> and og:title)."""
    bits = token.split_contents()
    if len(bits) != 3 or bits[1] != "as":
        raise template.TemplateSyntaxError("Usage: {% capture as name %}…{% endcapture %}")
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, bits[2])
