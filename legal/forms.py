"""The deadline clock's form, read from the query string: bad input is a form error, not a 500."""

import re
from datetime import date, datetime
from functools import lru_cache
from zoneinfo import available_timezones

from django import forms
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from cases.models import CrisisType

from . import deadlines
from .models import Jurisdiction, LegalProvision, ReporterClass

# The clock counts crises discovered in this range: older or later dates are typing mistakes.
MIN_DATE = date(1970, 1, 1)
MAX_DATE = date(2100, 12, 31)
ZONE_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_+\-]*(?:/[A-Za-z0-9_+\-]+){0,2}$")
MAX_JURISDICTIONS = 20

# Suggested in the time-zone field (any IANA name is accepted).
COMMON_ZONES = [
    "UTC",
    "Europe/London",
    "Europe/Berlin",
    "Europe/Paris",
    "Europe/Dublin",
    "Asia/Shanghai",
    "Asia/Hong_Kong",
    "Asia/Singapore",
    "Asia/Tokyo",
    "America/New_York",
    "America/Chicago",
    "America/Los_Angeles",
    "Australia/Sydney",
]


@lru_cache(maxsize=1)
def known_zones() -> frozenset[str]:
    return frozenset(available_timezones())


class DeadlineClockForm(forms.Form):
    date = forms.DateField(
        label=_("Date the crisis was discovered"),
        input_formats=["%Y-%m-%d"],
        error_messages={
            "required": _("Enter the date the crisis was discovered."),
            "invalid": _("Enter a real date as year-month-day, e.g. 2026-03-27."),
        },
    )
    time = forms.TimeField(
        label=_("Time it was discovered"),
        input_formats=["%H:%M", "%H:%M:%S"],
        error_messages={
            "required": _("Enter the time the crisis was discovered (hours and minutes)."),
            "invalid": _("Enter the time as hours:minutes on a 24-hour clock, e.g. 09:30."),
        },
    )
    tz = forms.CharField(
        label=_("Time zone"),
        max_length=64,
        help_text=_(
            "An IANA time zone name, e.g. Europe/Berlin, Asia/Shanghai, America/New_York."
        ),
        error_messages={"required": _("Enter a time zone, e.g. Europe/Berlin or UTC.")},
    )
    type = forms.ModelChoiceField(
        label=_("Crisis type"),
        queryset=CrisisType.objects.none(),
        to_field_name="slug",
        empty_label=None,
        error_messages={
            "required": _("Choose a crisis type."),
            "invalid_choice": _("That crisis type is unknown: choose one from the list."),
        },
    )
    jurisdiction = forms.ModelMultipleChoiceField(
        label=_("Jurisdictions involved"),
        queryset=Jurisdiction.objects.none(),
        to_field_name="code",
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Tick at least one jurisdiction."),
            "invalid_choice": _("Unknown jurisdiction: %(value)s. Tick one from the list."),
            "invalid_list": _("Tick one or more jurisdictions from the list."),
        },
    )

    reporter = forms.ModelMultipleChoiceField(
        label=_("Who reports"),
        queryset=ReporterClass.objects.none(),
        to_field_name="slug",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Where a law sets different clocks for different reporters. Left empty, every "
            "reporter's clock is listed."
        ),
        error_messages={
            "invalid_choice": _("Unknown reporter: %(value)s. Choose one from the list."),
            "invalid_list": _("Choose the reporter from the list."),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        with_duties = LegalProvision.objects.filter(crisis_types=OuterRef("pk"))
        self.fields["type"].queryset = CrisisType.objects.ordered().filter(Exists(with_duties))
        self.fields["jurisdiction"].queryset = Jurisdiction.objects.ordered()
        self.fields["reporter"].queryset = ReporterClass.objects.select_related(
            "jurisdiction"
        ).order_by("jurisdiction__position", "position", "slug")

    def clean_date(self):
        value = self.cleaned_data["date"]
        if not MIN_DATE <= value <= MAX_DATE:
            raise forms.ValidationError(
                _("Enter a date between %(first)s and %(last)s."),
                params={"first": MIN_DATE.isoformat(), "last": MAX_DATE.isoformat()},
                code="out_of_range",
            )
        return value

    def clean_tz(self):
        name = self.cleaned_data["tz"].strip()
        if not ZONE_NAME.match(name) or name not in known_zones():
            raise forms.ValidationError(
                _(
                    "“%(name)s” is not a time zone the clock knows. Use an IANA name such as "
                    "Europe/Berlin, Asia/Shanghai or UTC."
                ),
                params={"name": name[:64]},
                code="unknown_zone",
            )
        try:
            return deadlines.zone(name)
        except (ValueError, OSError) as exc:
            raise forms.ValidationError(
                _(
                    "“%(name)s” is not a time zone the clock knows. Use an IANA name such as "
                    "Europe/Berlin, Asia/Shanghai or UTC."
                ),
                params={"name": name[:64]},
                code="unknown_zone",
            ) from exc

    def clean_jurisdiction(self):
        value = self.cleaned_data["jurisdiction"]
        raw = (
            self.data.getlist("jurisdiction")
            if hasattr(self.data, "getlist")
            else self.data.get("jurisdiction", [])
        )
        if len(raw) > MAX_JURISDICTIONS:
            raise forms.ValidationError(_("Tick one or more jurisdictions from the list."))
        return value

    def clean_reporter(self):
        raw = self.data.getlist("reporter") if hasattr(self.data, "getlist") else []
        if len(raw) > MAX_JURISDICTIONS:
            raise forms.ValidationError(_("Choose the reporter from the list."))
        value = list(self.cleaned_data["reporter"])
        seen = set()
        for reporter in value:
            if reporter.jurisdiction_id in seen:
                raise forms.ValidationError(
                    _("Choose one reporter per jurisdiction (%(jurisdiction)s)."),
                    params={"jurisdiction": reporter.jurisdiction.name},
                    code="one_per_jurisdiction",
                )
            seen.add(reporter.jurisdiction_id)
        return value

    def clean(self):
        cleaned = super().clean()
        chosen = cleaned.get("jurisdiction")
        for reporter in cleaned.get("reporter") or []:
            if chosen is not None and reporter.jurisdiction not in chosen:
                self.add_error(
                    "reporter",
                    forms.ValidationError(
                        _(
                            "“%(reporter)s” reports in %(jurisdiction)s: "
                            "tick that jurisdiction too."
                        ),
                        params={
                            "reporter": reporter.name,
                            "jurisdiction": reporter.jurisdiction.name,
                        },
                        code="jurisdiction_not_chosen",
                    ),
                )
        day, moment, zone = cleaned.get("date"), cleaned.get("time"), cleaned.get("tz")
        if day is not None and moment is not None and zone is not None:
            wall = datetime.combine(day, moment.replace(second=0, microsecond=0), tzinfo=zone)
            start = deadlines.normalise(wall)
            cleaned["start"] = start
            cleaned["start_adjusted"] = start.replace(tzinfo=None) != wall.replace(tzinfo=None)
        return cleaned
