import datetime

from django import forms
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.models import to_historic

from standort.core.forms import KernForm, KernModelForm, VersionedFormMixin
from standort.measures.models import Measure, StatusUpdate

from . import queries
from .models import REPORTED, ReviewAnswer, ReviewCycle

# What a review asks about unless the office chooses otherwise.
DEFAULT_STATUSES = [Measure.Status.ADOPTED, Measure.Status.IN_PROGRESS]


# A review runs for weeks: a deadline further ahead is a slip of the keyboard (and
# 31.12.9999 plus the grace period lies beyond the calendar).
FURTHEST_DEADLINE = datetime.timedelta(days=366)


class ReviewCycleForm(VersionedFormMixin, KernModelForm):
    class Meta:
        model = ReviewCycle
        fields = ["title", "deadline", "message", "grace_days", "remind_days_before"]
        widgets = {
            "deadline": forms.DateInput,
            "message": forms.Textarea(attrs={"rows": 5}),
        }

    def clean_deadline(self):
        deadline = self.cleaned_data["deadline"]
        if deadline < timezone.localdate() and not self.instance.is_closed:
            raise forms.ValidationError(_("The deadline must not be in the past."))
        if deadline > timezone.localdate() + FURTHEST_DEADLINE:
            raise forms.ValidationError(_("The deadline must lie within a year from today."))
        return deadline


class ReviewCreateForm(ReviewCycleForm):
    """A new review: its dates and text, and which measures it asks about."""

    statuses = forms.MultipleChoiceField(
        label=gettext_lazy("Measures with the status"),
        choices=Measure.Status.choices,
        initial=DEFAULT_STATUSES,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": gettext_lazy("Please choose at least one status.")},
    )
    body = forms.ModelChoiceField(
        label=gettext_lazy("Only of the working group"),
        queryset=None,
        required=False,
        empty_label=gettext_lazy("all working groups"),
    )
    topic = forms.ModelChoiceField(
        label=gettext_lazy("Only in the field of action"),
        queryset=None,
        required=False,
        empty_label=gettext_lazy("all fields of action"),
    )

    class Meta(ReviewCycleForm.Meta):
        pass

    def __init__(self, *args, initiative, **kwargs):
        super().__init__(*args, **kwargs)
        self.initiative = initiative
        self.fields["body"].queryset = initiative.bodies.order_by("name")
        self.fields["topic"].queryset = initiative.topics.all()
        if not self.is_bound and not self.initial.get("deadline"):
            self.initial["deadline"] = timezone.localdate() + datetime.timedelta(days=21)

    def measures(self):
        """The live measures the chosen filters select."""
        chosen = self.cleaned_data
        measures = Measure.objects.filter(
            initiative=self.initiative, is_archived=False, status__in=chosen["statuses"]
        )
        if chosen.get("body"):
            measures = measures.filter(body=chosen["body"])
        if chosen.get("topic"):
            measures = measures.filter(topic=chosen["topic"])
        return measures


def _reported(name, **kwargs):
    """The form field of the status update's field `name`."""
    return StatusUpdate._meta.get_field(name).formfield(**kwargs)


class AnswerForm(VersionedFormMixin, KernModelForm):
    """What the owner reports for one measure. A draft may be incomplete; submitting
    needs the traffic light, the progress and what was achieved. The report's fields
    are those of the answer's status update (`report()`); completion and the milestone
    dates belong to the answer."""

    traffic_light = _reported("traffic_light", widget=forms.RadioSelect)
    progress = _reported(
        "progress",
        label=capfirst(gettext_lazy("progress in per cent")),
        max_value=100,
        help_text=gettext_lazy("From 0 to 100."),
        widget=forms.NumberInput(attrs={"min": 0, "max": 100, "step": 5}),
    )
    achieved = _reported("achieved", widget=forms.Textarea(attrs={"rows": 4}))
    next_steps = _reported("next_steps", widget=forms.Textarea(attrs={"rows": 3}))
    support_needed = _reported("support_needed", widget=forms.Textarea(attrs={"rows": 3}))

    field_order = [*REPORTED, "completed"]

    class Meta:
        model = ReviewAnswer
        fields = ["completed"]
        help_texts = {
            "completed": gettext_lazy("Everything the measure set out to do has been done."),
        }

    def __init__(self, *args, submit=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.submit = submit
        light = self.fields["traffic_light"]
        light.choices = StatusUpdate.Light.choices
        light.required = False
        for name in ("traffic_light", "progress", "achieved"):
            self.fields[name].required_when = _("required to submit")
        self.initial.update(_report_values(self.instance.status_update))
        if self.initial["progress"] is None:
            latest = self.instance.measure.latest_update
            if latest is not None:
                self.initial["progress"] = latest.progress
        self.milestones = list(self.instance.measure.milestones.all())
        stored = self.instance.milestone_dates or {}
        for milestone in self.milestones:
            dates = stored.get(str(milestone.pk), {})
            self.fields[f"ms_{milestone.pk}_due"] = forms.DateField(
                label=_("“%(title)s” due on") % {"title": milestone.title},
                required=True,
                initial=_date(dates.get("due_on")) or milestone.due_on,
                widget=forms.DateInput,
                # The date as shown goes along, so only what the owner changed counts.
                show_hidden_initial=True,
            )
            self.fields[f"ms_{milestone.pk}_done"] = forms.DateField(
                label=_("“%(title)s” done on") % {"title": milestone.title},
                required=False,
                initial=_date(dates.get("completed_on")) if dates else milestone.completed_on,
                widget=forms.DateInput,
                help_text=_("Empty while it is open."),
                show_hidden_initial=True,
            )
        # The date fields get their KERN markup like the others.
        for name, field in self.fields.items():
            if name.startswith("ms_"):
                field.widget.attrs["class"] = "kern-form-input__input"
                field.widget.input_type = "date"
                field.widget.format = "%Y-%m-%d"
                field.input_formats = ["%Y-%m-%d", "%d.%m.%Y"]

    def milestone_fields(self):
        return [self[name] for name in self.fields if name.startswith("ms_")]

    def answer_fields(self):
        """(field, errors) pairs, as the project's form template iterates them."""
        return [(self[name], self[name].errors) for name in self.field_order]

    def report(self):
        """{field: value} of what the owner reports, for `services.answer_save`."""
        return {name: self.cleaned_data.get(name) for name in REPORTED}

    def report_conflict(self, error):
        """Names the other writer's changes of the report too, which the history of the
        status update holds, not the answer's."""
        seen = self._seen_state(error.current)
        if seen is not None:
            since = to_historic(seen).history_date
            error.changes = [*error.changes, *queries.report_changes(error.current, since)]
        super().report_conflict(error)

    def values_of(self, instance):
        """The answer's fields and those of its report as they stood with `instance`:
        the answer now, or as of a version of its history."""
        return {**super().values_of(instance), **_report_values(queries.report_of(instance))}

    def clean(self):
        cleaned = super().clean()
        if not self.submit:
            return cleaned
        missing = _("Please fill this in to submit; a draft may leave it empty.")
        if not cleaned.get("traffic_light"):
            self.add_error("traffic_light", missing)
        if cleaned.get("progress") is None and not cleaned.get("completed"):
            self.add_error("progress", missing)
        if not (cleaned.get("achieved") or "").strip():
            self.add_error("achieved", missing)
        return cleaned

    def save(self, commit=False):
        """The answer with the milestone dates the owner changed in this form; dates
        they left as shown are not taken over, so a date the office moved meanwhile
        stays moved."""
        answer = super().save(commit=False)
        dates = dict(answer.milestone_dates or {})
        for milestone in self.milestones:
            due, done = f"ms_{milestone.pk}_due", f"ms_{milestone.pk}_done"
            if due not in self.changed_data and done not in self.changed_data:
                continue
            due_on, done_on = self.cleaned_data.get(due), self.cleaned_data.get(done)
            dates[str(milestone.pk)] = {
                "due_on": due_on.isoformat() if due_on else None,
                "completed_on": done_on.isoformat() if done_on else None,
            }
        answer.milestone_dates = dates
        return answer


class ReturnForm(VersionedFormMixin, KernForm):
    question = forms.CharField(
        label=gettext_lazy("Your question to the owner"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy("The owner gets it by e-mail with a new link to the answer."),
        error_messages={"required": gettext_lazy("Please write the question for the owner.")},
    )


def _report_values(report):
    """{field: value} of the status update `report` (None: nothing reported yet)."""
    empty = {"traffic_light": "", "progress": None}
    return {name: getattr(report, name) if report else empty.get(name, "") for name in REPORTED}


def _date(value):
    return datetime.date.fromisoformat(value) if value else None
