"""Template helpers for the legal pages."""

from django import template
from django.utils import formats
from django.utils.translation import gettext as _

from core.templatetags.kb import CURRENCY, _scaled

register = template.Library()


@register.simple_tag
def penalty_max(provision):
    """The maximum fine as data: "€20 million · 4% of annual turnover", or "" when none."""
    parts = []
    if provision.penalty_max_amount is not None:
        symbol = CURRENCY.get(provision.penalty_currency, "")
        amount = f"{symbol}{_scaled(provision.penalty_max_amount)}"
        if provision.penalty_max_per:
            amount = f"{amount} {provision.get_penalty_max_per_display()}"
        parts.append(amount)
    if provision.penalty_max_percent is not None:
        text = f"{provision.penalty_max_percent:f}"
        if "." in text:
            text = text.rstrip("0").rstrip(".")
        percent = formats.number_format(text)
        parts.append(_("%(percent)s%% of annual turnover") % {"percent": percent})
    return " · ".join(parts)
