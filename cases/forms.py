"""Forms that read the public query string. Bad values are dropped, never a 500."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import MAX_YEAR, MIN_YEAR

# A facet value longer than this is not a value anyone typed on purpose.
MAX_PARAM_LENGTH = 100


class CaseFilterForm(forms.Form):
    SORT_CHOICES = [
        ("newest", _("Newest first")),
        ("oldest", _("Oldest first")),
        ("title", _("Title A–Z")),
        ("updated", _("Recently updated")),
    ]

    type = forms.SlugField(label=_("Crisis type"), required=False, max_length=MAX_PARAM_LENGTH)
    tag = forms.SlugField(label=_("Tag"), required=False, max_length=MAX_PARAM_LENGTH)
    principle = forms.SlugField(label=_("Principle"), required=False, max_length=MAX_PARAM_LENGTH)
    tactic = forms.SlugField(label=_("Tactic"), required=False, max_length=MAX_PARAM_LENGTH)
    year = forms.IntegerField(
        label=_("Year"), required=False, min_value=MIN_YEAR, max_value=MAX_YEAR
    )
    country = forms.RegexField(
        label=_("Country or region"),
        required=False,
        regex=r"^[A-Z]{2}(-[A-Z0-9]{1,3})?$",
        max_length=6,
    )
    industry = forms.CharField(label=_("Industry"), required=False, max_length=MAX_PARAM_LENGTH)
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=SORT_CHOICES)

    FACETS = ("type", "tag", "principle", "tactic", "year", "country", "industry")

    def valid_values(self) -> dict:
        """The values that passed validation; invalid ones are left out (and reported)."""
        self.is_valid()
        values = {}
        for name in self.fields:
            if name in self.errors:
                continue
            value = self.cleaned_data.get(name)
            if value not in (None, ""):
                values[name] = value
        return values

    def ignored(self) -> list[str]:
        self.is_valid()
        return [str(self.fields[name].label) for name in self.errors]
