"""Forms every app shares: the moment a crisis was discovered, read from a query string (the
legal deadline clock and the playbook clock start from it). Bad input is a form error."""

import re
from datetime import UTC, date, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from django import forms
from django.utils.translation import gettext_lazy as _

# Crises discovered outside this range are typing mistakes.
MIN_DATE = date(1970, 1, 1)
MAX_DATE = date(2100, 12, 31)
ZONE_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_+\-]*(?:/[A-Za-z0-9_+\-]+){0,2}$")
UNKNOWN_ZONE = _(
    "“%(name)s” is not a time zone the clock knows. Use an IANA name such as "
    "Europe/Berlin, Asia/Shanghai or UTC."
)


@lru_cache(maxsize=1)
def known_zones() -> frozenset[str]:
    """The machine's IANA zones, read once (available_timezones walks the zone database)."""
    return frozenset(available_timezones())


class DiscoveryMomentForm(forms.Form):
    """Date, time and zone of discovery; `cleaned_data["start"]` is the aware moment (a wall
    time inside a spring-forward gap moves forward, as the clocks do: `start_adjusted`)."""

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
        error = forms.ValidationError(
            UNKNOWN_ZONE, params={"name": name[:64]}, code="unknown_zone"
        )
        if not ZONE_NAME.match(name) or name not in known_zones():
            raise error
        try:
            return ZoneInfo(name)
        except (ValueError, OSError, ZoneInfoNotFoundError) as exc:
            raise error from exc

    def clean(self):
        cleaned = super().clean()
        day, moment, zone = cleaned.get("date"), cleaned.get("time"), cleaned.get("tz")
        if day is not None and moment is not None and zone is not None:
            wall = datetime.combine(day, moment.replace(second=0, microsecond=0), tzinfo=zone)
            start = wall.astimezone(UTC).astimezone(zone)
            cleaned["start"] = start
            cleaned["start_adjusted"] = start.replace(tzinfo=None) != wall.replace(tzinfo=None)
        return cleaned
