"""The form of a report on demand: which measures, since when the changes, which
files."""

import datetime

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from standort.core.forms import KernForm
from standort.indicators.models import Goal
from standort.measures.models import Measure, StatusUpdate

from .comparison import NOW, day_point, points
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
    goals = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Goals"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("None chosen: all. The measures that serve the chosen goals."),
    )
    grouping = forms.ChoiceField(
        label=gettext_lazy("Group the measures"),
        choices=[
            ("body", gettext_lazy("by working group")),
            ("goal", gettext_lazy("by goal")),
        ],
        initial="body",
        widget=forms.RadioSelect,
        help_text=gettext_lazy("By goal: a measure serving two goals is listed under both."),
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
    since_point = forms.TypedChoiceField(
        label=gettext_lazy("or since a reporting period or status review"),
        required=False,
        coerce=datetime.date.fromisoformat,
        empty_value=None,
        help_text=gettext_lazy(
            "The changes after the day it closed. A day entered above takes precedence."
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
        self.fields["goals"].queryset = goals = Goal.objects.filter(initiative=initiative)
        if not goals:
            del self.fields["goals"], self.fields["grouping"]
        # From the day of the previous report on, unless that was today.
        if since is not None and since < timezone.localdate() and not self.is_bound:
            self.initial["since"] = since
        # The closed reporting periods and reviews, by the day their figures are from.
        closed = [point for point in points(initiative) if point.key != NOW]
        if closed:
            self.fields["since_point"].choices = [
                ("", _("none")),
                *((point.day.isoformat(), point.label) for point in closed),
            ]
        else:
            del self.fields["since_point"]

    def clean_since(self):
        since = self.cleaned_data["since"]
        if since is not None and since >= timezone.localdate():
            raise forms.ValidationError(_("Please choose a day before today."))
        return since

    def clean(self):
        cleaned = super().clean()
        point_day = cleaned.get("since_point")
        if cleaned.get("since") is None and "since" not in self.errors and point_day:
            if point_day >= timezone.localdate():
                self.add_error("since_point", _("It closed today: there are no changes since."))
            else:
                cleaned["since"] = point_day
        return cleaned

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
        if chosen.get("goals"):
            measures = measures.filter(
                pk__in=Goal.measures.through.objects.filter(goal__in=chosen["goals"]).values(
                    "measure_id"
                )
            )
        return measures

    def grouped_by_goals(self):
        """The goals to group the report by: the chosen ones, or all of them where none
        is chosen ([]); None where it is grouped by working group."""
        if self.cleaned_data.get("grouping") != "goal":
            return None
        return [goal.pk for goal in self.cleaned_data.get("goals") or []]

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
        for name in ("topics", "goals"):
            if chosen.get(name):
                parts.append(
                    f"{self.fields[name].label}: " + ", ".join(str(obj) for obj in chosen[name])
                )
        return " · ".join(parts)

    def title(self):
        today = date_format(timezone.localdate(), "SHORT_DATE_FORMAT")
        return _("Report of %(date)s") % {"date": today}


class CompareForm(KernForm):
    """Which two moments to compare: each one of the points (now, a reporting period, a
    closed review) or a day."""

    before = forms.ChoiceField(label=gettext_lazy("Earlier state"))
    before_day = forms.DateField(
        label=gettext_lazy("or the end of a day"), required=False, widget=forms.DateInput
    )
    after = forms.ChoiceField(label=gettext_lazy("Later state"))
    after_day = forms.DateField(
        label=gettext_lazy("or the end of a day"), required=False, widget=forms.DateInput
    )

    def __init__(self, *args, points, **kwargs):
        super().__init__(*args, **kwargs)
        self.points = {point.key: point for point in points}
        choices = [(point.key, point.label) for point in points]
        for name in ("before", "after"):
            self.fields[name].choices = choices

    def clean(self):
        cleaned = super().clean()
        today = timezone.localdate()
        for name in ("before_day", "after_day"):
            day = cleaned.get(name)
            if day is not None and day >= today:
                self.add_error(name, _("Please choose a day before today."))
        return cleaned

    def chosen(self, initiative, name):
        """The Point chosen for `name` ("before" or "after")."""
        day = self.cleaned_data.get(f"{name}_day")
        if day is not None:
            return day_point(initiative, day)
        return self.points[self.cleaned_data[name]]


class PeriodForm(KernForm):
    ends_on = forms.DateField(
        label=gettext_lazy("As of the end of"),
        widget=forms.DateInput,
        help_text=gettext_lazy(
            "The catalogue is kept as it stood at the end of this day (today: as it stands now)."
        ),
    )
    title = forms.CharField(
        label=gettext_lazy("Title"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("Empty: “As of 30.06.2026” with the day chosen."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("ends_on", timezone.localdate())

    def clean_ends_on(self):
        ends_on = self.cleaned_data["ends_on"]
        if ends_on > timezone.localdate():
            raise forms.ValidationError(_("Please choose today or a day before."))
        return ends_on

    def title_or_default(self):
        return self.cleaned_data["title"] or pgettext("reporting period", "As of %(date)s") % {
            "date": date_format(self.cleaned_data["ends_on"], "SHORT_DATE_FORMAT")
        }
