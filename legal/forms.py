"""The deadline clock's form, read from the query string: bad input is a form error, not a 500."""

from django import forms
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from cases.models import CrisisType
from core.forms import DiscoveryMomentForm

from .models import Jurisdiction, LegalProvision, ReporterClass

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


class DeadlineClockForm(DiscoveryMomentForm):
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
        return cleaned
