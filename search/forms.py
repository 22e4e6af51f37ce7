"""The search query string: `q` and an optional `kind`; the case facets come from
`cases.filters.CaseFilterSet`. Bad values are dropped, never raised."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import SearchDocument

# Longer input is accepted and cut (search.query.MAX_QUERY_LENGTH); this only bounds the work.
MAX_INPUT = 10_000


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, strip=True)
    kind = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[("", _("Everything")), *SearchDocument.Kind.choices],
    )

    def values(self) -> tuple[str, str]:
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        raw = self.data.get("q", "") if "q" in self.errors else data.get("q", "")
        return str(raw or "")[:MAX_INPUT], data.get("kind") or ""
