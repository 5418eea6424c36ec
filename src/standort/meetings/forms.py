from django import forms
from django.utils.translation import gettext_lazy as _

from standort.core.forms import KernModelForm, VersionedFormMixin
from standort.measures.rules import led_bodies

from .models import AgendaItem, Meeting

DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%d.%m.%Y %H:%M"]


class DateTimeLocal(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


class MeetingForm(VersionedFormMixin, KernModelForm):
    class Meta:
        model = Meeting
        fields = ["body", "title", "starts_at", "ends_at", "location", "online_url"]
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


class AgendaItemForm(KernModelForm):
    class Meta:
        model = AgendaItem
        fields = ["title", "presenter", "duration_minutes"]

    def __init__(self, *args, initiative, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["presenter"].queryset = initiative.people.order_by("last_name", "first_name")
