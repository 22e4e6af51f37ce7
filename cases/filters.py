"""The case facets as django-filter FilterSets: parsing, validation and filtering in one place,
shared by the case list, the matrices and search (and the API later).

Bad input never raises: a value that fails validation (a malformed year, a slug that names
nothing, a country code that is not ISO 3166) is left out and reported by its label through
`ignored()`; the valid filters still apply.
"""

from __future__ import annotations

import re

import django_filters as df
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from core import countries
from strategies.models import Principle, Tactic

from .models import MAX_YEAR, MIN_YEAR, Case, CrisisType, ResponseMeasure, country_q

# A facet value longer than this is not a value anyone typed on purpose.
MAX_PARAM_LENGTH = 100
SLUG = re.compile(r"[-\w]+")

SORTS = {
    "newest": ("-year", "-outbreak_date", "slug"),
    "oldest": ("year", "outbreak_date", "slug"),
    "title": ("title", "slug"),
    "updated": ("-updated_at", "slug"),
}
SORT_CHOICES = [
    ("newest", _("Newest first")),
    ("oldest", _("Oldest first")),
    ("title", _("Title A–Z")),
    ("updated", _("Recently updated")),
]
DEFAULT_SORT = "newest"


def _known_country(code: str) -> None:
    if code and not countries.is_valid(code):
        raise ValidationError(_("Not an ISO 3166 code."), code="invalid")


class _SlugChoiceField(df.fields.ModelChoiceField):
    """A record by slug; anything that is not a slug is refused before the database sees it
    (PostgreSQL rejects a NUL character in a query with an error, not an empty result)."""

    def to_python(self, value):
        if value not in self.empty_values and (
            len(str(value)) > MAX_PARAM_LENGTH or not SLUG.fullmatch(str(value))
        ):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class _SlugChoiceFilter(df.ModelChoiceFilter):
    """A record named by its slug in the query string (`?type=data-leak`)."""

    field_class = _SlugChoiceField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("to_field_name", "slug")
        super().__init__(*args, **kwargs)


class _YearFilter(df.NumberFilter):
    field_class = forms.IntegerField


class _FacetFilterSet(df.FilterSet):
    """Common behaviour: apply all valid filters, or all but one (for facet counts)."""

    def apply(self, queryset, *, skip: str | None = None):
        """`queryset` narrowed by every valid filter except `skip` (and the sort)."""
        for name, value in self._valid().items():
            if name != skip and name != "sort":
                queryset = self.filters[name].filter(queryset, value)
        return queryset

    def _valid(self) -> dict:
        if not self.is_bound:
            return {}
        self.is_valid()
        # cleaned_data holds only the fields that validated.
        return {k: v for k, v in self.form.cleaned_data.items() if v not in (None, "")}

    def values(self) -> dict:
        """The valid filters as they appear in the query string (slugs, not records)."""
        return {
            name: getattr(value, "slug", value)
            for name, value in self._valid().items()
            if name != "sort"
        }

    def ignored(self) -> list[str]:
        """The labels of the parameters that were given but did not validate."""
        return [str(self.filters[name].label) for name in self._invalid()]

    def query(self) -> QueryDict:
        """The request's query string without the parameters that did not validate or the
        page: what a facet or sort link starts from (`{% querystring %}`)."""
        params = QueryDict(mutable=True)
        if isinstance(self.data, QueryDict):
            params = self.data.copy()
        for name in [*self._invalid(), "page"]:
            params.pop(name, None)
        return params

    def _invalid(self) -> list[str]:
        if not self.is_bound:
            return []
        self.is_valid()
        return list(self.form.errors)


class TypeYearFilterSet(_FacetFilterSet):
    """The two filters the matrices offer."""

    type = _SlugChoiceFilter(
        label=_("Crisis type"), queryset=CrisisType.objects.all(), field_name="crisis_types"
    )
    year = _YearFilter(label=_("Year"), min_value=MIN_YEAR, max_value=MAX_YEAR)

    class Meta:
        model = Case
        fields: list[str] = []


class CaseFilterSet(TypeYearFilterSet):
    """Every case facet, combined with AND, and the sort of the list."""

    tag = _SlugChoiceFilter(label=_("Tag"), queryset=Tag.objects.all(), field_name="tags")
    principle = _SlugChoiceFilter(
        label=_("Principle"), queryset=Principle.objects.all(), method="_measures_with"
    )
    tactic = _SlugChoiceFilter(
        label=_("Tactic"), queryset=Tactic.objects.all(), method="_measures_with"
    )
    country = df.CharFilter(
        label=_("Country or region"),
        method="_in_country",
        max_length=6,
        validators=[RegexValidator(r"^[A-Z]{2}(-[A-Z0-9]{1,3})?$"), _known_country],
    )
    industry = df.CharFilter(
        label=_("Industry"), field_name="industry_en", max_length=MAX_PARAM_LENGTH
    )
    sort = df.ChoiceFilter(label=_("Sort by"), choices=SORT_CHOICES, method="_sorted")

    class Meta(TypeYearFilterSet.Meta):
        pass

    def _measures_with(self, queryset, name, value):
        # A subquery, not a join: a case with two matching measures is listed once.
        measures = ResponseMeasure.objects.filter(**{f"{name}s": value})
        return queryset.filter(pk__in=measures.values("case_id"))

    def _in_country(self, queryset, name, value):
        return queryset.filter(country_q(value))

    def _sorted(self, queryset, name, value):
        return queryset.order_by(*SORTS[value])

    def sort_value(self) -> str:
        return self._valid().get("sort") or DEFAULT_SORT
