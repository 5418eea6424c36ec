from django import forms
from django.utils.translation import gettext_lazy as _

from standort.core.forms import Checklist, KernForm, KernModelForm, VersionedFormMixin
from standort.measures.forms import AttachmentForm
from standort.measures.models import Measure
from standort.measures.rules import led_bodies

from .models import ActionItem, AgendaItem, Decision, Invitation, Meeting

__all__ = ["AttachmentForm"]

DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%d.%m.%Y %H:%M"]


class DateTimeLocal(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


class MeetingForm(VersionedFormMixin, KernModelForm):
    class Meta:
        model = Meeting
        fields = ["body", "title", "starts_at", "ends_at", "location", "online_url", "is_public"]
        widgets = {"starts_at": DateTimeLocal, "ends_at": DateTimeLocal}
        help_texts = {"starts_at": _("Time in Berlin."), "online_url": _("e.g. a video call")}

    def __init__(self, *args, initiative, user, **kwargs):
        super().__init__(*args, **kwargs)
        bodies = initiative.bodies.order_by("name")
        if not user.has_perm("initiatives.manage_initiative", initiative):
            # A chair or manager plans the meetings of their own bodies only.
            bodies = bodies.filter(pk__in=led_bodies(user))
        self.fields["body"].queryset = bodies
        for name in ("starts_at", "ends_at"):
            self.fields[name].input_formats = DATETIME_FORMATS
            self.fields[name].widget.attrs["class"] = "kern-form-input__input"

    def clean(self):
        cleaned = super().clean()
        starts_at, ends_at = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts_at and ends_at and ends_at <= starts_at:
            self.add_error("ends_at", _("The end must be after the start."))
        return cleaned


def _measure_checklist(*, empty_text):
    return Checklist(filter_label=_("Filter measures"), empty_text=empty_text)


def _measure_choices(field, initiative):
    field.queryset = Measure.objects.filter(initiative=initiative, is_archived=False).order_by(
        "number"
    )
    field.label_from_instance = lambda measure: f"{measure.number} {measure.title}"


class AgendaItemForm(VersionedFormMixin, KernModelForm):
    class Meta:
        model = AgendaItem
        fields = ["position", "title", "presenter", "duration_minutes", "measures"]
        help_texts = {"measures": _("The measures this item is about.")}
        widgets = {
            "measures": _measure_checklist(empty_text=_("There are no measures to choose from."))
        }

    def __init__(self, *args, initiative, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["presenter"].queryset = initiative.people.order_by("last_name", "first_name")
        _measure_choices(self.fields["measures"], initiative)


class MinutesForm(VersionedFormMixin, KernModelForm):
    class Meta:
        model = AgendaItem
        fields = ["minutes"]
        widgets = {"minutes": forms.Textarea(attrs={"rows": 14})}


class DecisionForm(KernModelForm):
    class Meta:
        model = Decision
        fields = ["text", "votes_yes", "votes_no", "votes_abstain", "adopted_measures"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 4}),
            "adopted_measures": _measure_checklist(
                empty_text=_("There are no proposed or adopted measures to choose from.")
            ),
        }
        help_texts = {
            "votes_yes": _("Optional, like the other counts."),
            "adopted_measures": _(
                "Existing measures this decision adopts; each records the decision."
            ),
        }

    def __init__(self, *args, initiative, **kwargs):
        super().__init__(*args, **kwargs)
        _measure_choices(self.fields["adopted_measures"], initiative)
        self.fields["adopted_measures"].queryset = self.fields["adopted_measures"].queryset.filter(
            status__in=[Measure.Status.PROPOSED, Measure.Status.ADOPTED]
        )


class ActionItemForm(KernModelForm):
    class Meta:
        model = ActionItem
        fields = ["what", "owner", "due_on"]

    def __init__(self, *args, initiative, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = initiative.people.order_by("last_name", "first_name")


class AttendanceForm(KernForm):
    """Per invitation: was there, was not there, or not recorded."""

    CHOICES = [("", _("not recorded")), ("yes", _("present")), ("no", _("absent"))]

    def __init__(self, *args, invitations, **kwargs):
        super().__init__(*args, **kwargs)
        self.invitations = list(invitations)
        for invitation in self.invitations:
            label = invitation.person.full_name
            if invitation.response:
                label += f" ({_('answer')}: {invitation.get_response_display()})"
            self.fields[f"attended_{invitation.pk}"] = forms.ChoiceField(
                label=label,
                choices=self.CHOICES,
                required=False,
                initial={True: "yes", False: "no"}.get(invitation.attended, ""),
                widget=forms.RadioSelect,
            )
        # The KERN classes for the fields added above.
        self._add_kern_classes()

    def attended(self):
        values = {"yes": True, "no": False, "": None}
        return {
            invitation.pk: values[self.cleaned_data[f"attended_{invitation.pk}"]]
            for invitation in self.invitations
        }


ANSWER_CHOICES = [
    (Invitation.Response.YES, _("Yes, I will come")),
    (Invitation.Response.MAYBE, _("Maybe")),
    (Invitation.Response.NO, _("No, I cannot come")),
]


class InvitationNoteForm(KernForm):
    """The sender's words above the invitation (meetings.services.meeting_invite)."""

    note = forms.CharField(
        label=_("Personal note"),
        help_text=_("Stands above the invitation in every mail, e.g. why this meeting matters."),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
