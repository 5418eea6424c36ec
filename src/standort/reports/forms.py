"""The form of a report on demand: which measures, since when the changes, which
files."""

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from standort.core.forms import KernForm
from standort.measures.models import Measure, StatusUpdate

from .models import Report

NO_REPORT = "none"


class DemandReportForm(KernForm):
    bodies = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Working groups"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("None chosen: all. A working group includes its sub-groups."),
    )
    statuses = forms.MultipleChoiceField(
        label=gettext_lazy("Status"),
        choices=Measure.Status.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("None chosen: every status."),
    )
    lights = forms.MultipleChoiceField(
        label=gettext_lazy("Traffic light"),
        choices=[*StatusUpdate.Light.choices, (NO_REPORT, gettext_lazy("no status report"))],
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("None chosen: every traffic light."),
    )
    topics = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Fields of action"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("None chosen: all."),
    )
    since = forms.DateField(
        label=gettext_lazy("Changes since"),
        required=False,
        widget=forms.DateInput,
        help_text=gettext_lazy(
            "The report lists what changed after this day: traffic lights, progress, "
            "status, new and dropped measures, milestones. Empty: without this section."
        ),
    )
    formats = forms.MultipleChoiceField(
        label=gettext_lazy("Files"),
        choices=Report.Format.choices,
        initial=Report.Format.values,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": gettext_lazy("Please choose at least one file format.")},
    )

    def __init__(self, *args, initiative, since=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.initiative = initiative
        self.fields["bodies"].queryset = initiative.bodies.filter(parent=None).order_by(
            "position", "name"
        )
        self.fields["topics"].queryset = topics = initiative.topics.all()
        if not topics:
            del self.fields["topics"]
        # From the day of the previous report on, unless that was today.
        if since is not None and since < timezone.localdate() and not self.is_bound:
            self.initial["since"] = since

    def clean_since(self):
        since = self.cleaned_data["since"]
        if since is not None and since >= timezone.localdate():
            raise forms.ValidationError(_("Please choose a day before today."))
        return since

    def measures(self):
        """The catalogue's measures (not the archived ones) the choices select."""
        chosen = self.cleaned_data
        measures = Measure.objects.filter(initiative=self.initiative, is_archived=False)
        if chosen["bodies"]:
            measures = measures.filter(
                Q(body__in=chosen["bodies"]) | Q(body__parent__in=chosen["bodies"])
            )
        if chosen["statuses"]:
            measures = measures.filter(status__in=chosen["statuses"])
        if chosen["lights"]:
            lights = Q(latest_update__traffic_light__in=chosen["lights"])
            if NO_REPORT in chosen["lights"]:
                lights |= Q(latest_update=None)
            measures = measures.filter(lights)
        if chosen.get("topics"):
            measures = measures.filter(topic__in=chosen["topics"])
        return measures

    def selection(self):
        """The choices in words, for the report's cover; empty for the whole catalogue."""
        chosen = self.cleaned_data
        parts = []
        if chosen["bodies"]:
            parts.append(", ".join(body.name for body in chosen["bodies"]))
        for name in ("statuses", "lights"):
            if chosen[name]:
                labels = dict(self.fields[name].choices)
                parts.append(
                    f"{self.fields[name].label}: "
                    + ", ".join(str(labels[value]) for value in chosen[name])
                )
        if chosen.get("topics"):
            parts.append(
                f"{self.fields['topics'].label}: "
                + ", ".join(topic.name for topic in chosen["topics"])
            )
        return " · ".join(parts)

    def title(self):
        today = date_format(timezone.localdate(), "SHORT_DATE_FORMAT")
        return _("Report of %(date)s") % {"date": today}
