"""Forms for measures and what hangs on them, and for the office's set-up pages.

Every choice of a related object is limited to the initiative, so an id of another
initiative posted by hand is refused like any other invalid choice."""

import re
from pathlib import Path

from django import forms
from django.conf import settings
from django.db.models import Q
from django.template.defaultfilters import filesizeformat
from django.utils.formats import get_format
from django.utils.translation import gettext_lazy as _

from standort.core.files import SIGNATURES as ATTACHMENT_SIGNATURES
from standort.core.files import check_size, looks_like
from standort.core.forms import KernForm, KernModelForm, VersionedFormMixin
from standort.initiatives.models import Body, Organization, Person
from standort.initiatives.queries import participants

from . import custom_fields, queries, services
from .models import (
    REASON_REQUIRED,
    REASON_TO_LEAVE,
    TRANSITIONS,
    CustomField,
    Measure,
    Milestone,
    Partnership,
    Topic,
)
from .rules import led_bodies

# Choices ------------------------------------------------------------------------

# The empty choice of a select: nothing chosen, or (required) a choice still to make.
NONE = _("– none –")
CHOOSE = _("Please choose")


def name_empty_choices(form):
    """Every select of `form` says what its empty choice means instead of "---------"."""
    for field in form.fields.values():
        if isinstance(field, forms.ModelChoiceField) and field.empty_label is not None:
            field.empty_label = CHOOSE if field.required else NONE


def bodies_of(initiative):
    return Body.objects.filter(initiative=initiative).order_by("position", "name")


def people_of(initiative, *keep):
    """The initiative's participants, plus the people already chosen (`keep`), so a
    record made before someone left the initiative can still be saved unchanged."""
    return (
        Person.objects.filter(
            Q(pk__in=participants(initiative).values("pk")) | Q(pk__in=_ids(keep))
        )
        .select_related("organization")
        .distinct()
        .order_by("last_name", "first_name")
    )


def organizations_of(initiative, *keep):
    """Organisations linked to the initiative or employing one of its participants,
    plus those already chosen (`keep`)."""
    return (
        Organization.objects.filter(
            Q(initiative_links__initiative=initiative)
            | Q(people__initiative_links__initiative=initiative)
            | Q(pk__in=_ids(keep))
        )
        .distinct()
        .order_by("name")
    )


def _ids(values):
    return [v for v in values if v is not None]


def unique_in_initiative(form, field, queryset, message):
    """Adds `message` to `field` when another row of the initiative has the same value
    (case-insensitive), so the database constraint is never the one to say no."""
    value = form.cleaned_data.get(field)
    if not value:
        return
    # Compared in Python: SQLite ignores the case of ASCII letters only (Ä ≠ ä).
    others = queryset.exclude(pk=form.instance.pk).values_list(field, flat=True)
    if value.casefold() in {other.casefold() for other in others}:
        form.add_error(field, message)


def check_period(form, start, end, message):
    starts_on, ends_on = form.cleaned_data.get(start), form.cleaned_data.get(end)
    if starts_on and ends_on and ends_on < starts_on:
        form.add_error(end, message)


# Measures -----------------------------------------------------------------------


class GroupedDecimalField(forms.DecimalField):
    """A localised decimal that also accepts thousands separators and the currency:
    "1.500,5" and "50.000 €" in German, "1,500.5" and "EUR 50,000" in English, as people
    copy numbers from their spreadsheets and letters."""

    def to_python(self, value):
        if isinstance(value, str):
            value = ungroup(CURRENCY_AND_SPACES.sub("", value))
        return super().to_python(value)


# The euro sign or EUR, and spaces (also the narrow and non-breaking ones of grouping).
CURRENCY_AND_SPACES = re.compile(r"€|\bEUR\b|[\s\u00a0\u202f]", re.IGNORECASE)


def ungroup(value):
    thousands, decimal = get_format("THOUSAND_SEPARATOR"), get_format("DECIMAL_SEPARATOR")
    grouped = rf"-?\d{{1,3}}({re.escape(thousands)}\d{{3}})+"
    if decimal in value or re.fullmatch(grouped, value):
        value = value.replace(thousands, "")
    return value


def custom_form_field(field):
    """custom_fields.form_field, with numbers that take thousands separators."""
    form_field = custom_fields.form_field(field)
    if isinstance(form_field, forms.ChoiceField):
        form_field.choices = [
            (key, NONE if key == "" else label) for key, label in form_field.choices
        ]
    if isinstance(form_field, forms.DecimalField):
        return GroupedDecimalField(
            max_digits=form_field.max_digits,
            decimal_places=form_field.decimal_places,
            localize=True,
            label=form_field.label,
            required=False,
            help_text=form_field.help_text,
        )
    return form_field


def custom_initial(field, stored):
    value = custom_fields.to_python(field, stored)
    if field.kind == CustomField.Kind.BOOLEAN and value is not None:
        # The select's options are "true" / "false".
        return "true" if value else "false"
    return value


def parse_tags(text):
    """Names from "a, b, A": stripped, empty ones and repeats (ignoring case) left out."""
    names = {}
    for name in (text or "").split(","):
        names.setdefault(name.strip().casefold(), name.strip())
    return [name for name in names.values() if name]


class MeasureForm(VersionedFormMixin, KernModelForm):
    """Creates and edits a measure with the initiative's own fields. Its status is
    chosen on creation only; afterwards it moves through StatusForm."""

    tags = forms.CharField(
        label=_("Tags"),
        required=False,
        max_length=1000,
        help_text=_("Separated by commas, e.g. digitalisation, broadband"),
    )
    # Measure.is_internal, said the way round the office decides it.
    is_public = forms.BooleanField(
        label=_("Show on the public page"),
        required=False,
        help_text=_("From its adoption on. A new measure stays internal until it is released."),
    )

    class Meta:
        model = Measure
        fields = [
            "number",
            "title",
            "kind",
            "status",
            "body",
            "topic",
            "parent",
            "weight",
            "owner",
            "owner_organization",
            "description",
            "goal",
            "starts_on",
            "due_on",
            "adopted_by",
            "adopted_on",
            "decision",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "goal": forms.Textarea(attrs={"rows": 3}),
            "starts_on": forms.DateInput,
            "due_on": forms.DateInput,
            "adopted_on": forms.DateInput,
        }
        # As the columns of the export are named.
        labels = {
            "parent": _("Part of"),
            "weight": _("Weight"),
            "adopted_by": _("Adopted by"),
            "adopted_on": _("Adopted on"),
            "decision": _("Decision"),
        }

    def __init__(self, *args, initiative, user, **kwargs):
        self.custom_fields = custom_fields.fields_of(initiative)
        # Added before the form is built, so they are styled and checked like the rest.
        self.base_fields = {
            **type(self).base_fields,
            **{field.key: custom_form_field(field) for field in self.custom_fields},
        }
        super().__init__(*args, **kwargs)
        self.initiative = initiative
        measure = self.instance
        f = self.fields
        f["number"].required = not measure._state.adding
        if measure._state.adding:
            # Statuses that need a reason are reached through the status form.
            f["status"].choices = [
                (value, label)
                for value, label in Measure.Status.choices
                if value not in REASON_REQUIRED
            ]
        else:
            del f["status"]
        bodies = bodies_of(initiative)
        led = bodies.filter(pk__in=led_bodies(user))
        if not user.has_perm("measures.manage_measures", initiative):
            # A chair or manager keeps the measures of the groups they lead.
            f["body"].queryset = led
            f["body"].required = True
        else:
            f["body"].queryset = bodies
        if measure._state.adding and not self.is_bound:
            # Whoever leads exactly one group most likely adds a measure of it.
            only = list(led.values_list("pk", flat=True)[:2])
            if len(only) == 1:
                self.initial["body"] = only[0]
        f["adopted_by"].queryset = bodies
        f["topic"].queryset = Topic.objects.filter(initiative=initiative)
        f["parent"].queryset = queries.parent_choices(initiative, exclude=measure)
        f["owner"].queryset = people_of(initiative, measure.owner_id)
        f["owner_organization"].queryset = organizations_of(
            initiative, measure.owner_organization_id
        )
        for field in self.custom_fields:
            if not self.is_bound:
                self.initial[field.key] = custom_initial(
                    field, measure.custom_values.get(field.key)
                )
        if measure.pk and not self.is_bound:
            self.initial["tags"] = ", ".join(t.name for t in measure.tags.all())
        if not self.is_bound:
            self.initial["is_public"] = not measure.is_internal
        name_empty_choices(self)
        self.fieldsets = self._fieldsets()

    def values_of(self, instance):
        values = super().values_of(instance)
        for field in self.custom_fields:
            values[field.key] = custom_initial(field, instance.custom_values.get(field.key))
        values["is_public"] = not instance.is_internal
        return values

    def _fieldsets(self):
        groups = [
            (_("The measure"), ["number", "title", "kind", "status", "description", "goal"]),
            (_("Where it belongs"), ["body", "topic", "parent", "weight", "tags"]),
            (_("Responsibility"), ["owner", "owner_organization"]),
            (_("Dates"), ["starts_on", "due_on"]),
            (_("Adoption"), ["adopted_by", "adopted_on", "decision"]),
            (_("Publication"), ["is_public"]),
            (_("Further fields"), [field.key for field in self.custom_fields]),
        ]
        return [
            (legend, [self[name] for name in names if name in self.fields])
            for legend, names in groups
            if any(name in self.fields for name in names)
        ]

    def clean_number(self):
        number = self.cleaned_data.get("number")
        if number is not None:
            taken = Measure.objects.filter(initiative=self.initiative, number=number)
            if self.instance.pk:
                taken = taken.exclude(pk=self.instance.pk)
            if taken.exists():
                raise forms.ValidationError(
                    _("Number %(number)s is taken. Leave it empty for the next free one."),
                    params={"number": number},
                )
        return number

    def clean_tags(self):
        return parse_tags(self.cleaned_data.get("tags"))

    def clean(self):
        cleaned = super().clean()
        check_period(self, "starts_on", "due_on", _("The due date must not be before the start."))
        return cleaned

    def _post_clean(self):
        super()._post_clean()
        self.instance.is_internal = not self.cleaned_data.get("is_public", False)


class StatusForm(VersionedFormMixin, KernForm):
    """Moves a measure to one of the statuses its life allows next."""

    ADOPTION = ("adopted_by", "adopted_on", "decision")

    status = forms.ChoiceField(label=_("New status"))
    reason = forms.CharField(
        label=_("Reason"),
        required=False,  # checked in clean(), for the statuses that need one
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    # Said next to the label instead of "optional" (see core/forms/field.html).
    reason.required_when = _("required when put on hold or dropped")
    adopted_by = forms.ModelChoiceField(
        label=_("Adopted by"),
        queryset=Body.objects.none(),
        required=False,
        help_text=_("Only when it is adopted."),
    )
    adopted_on = forms.DateField(
        label=_("Adopted on"),
        required=False,
        widget=forms.DateInput,
        help_text=_("Only when it is adopted; empty: today."),
    )
    decision = forms.CharField(
        label=_("Decision"),
        required=False,
        max_length=300,
        help_text=_("Only when it is adopted: the decision that adopted it."),
    )

    def __init__(self, *args, measure, **kwargs):
        self.instance = measure
        super().__init__(*args, **kwargs)
        allowed = TRANSITIONS[measure.status]
        if measure.status in REASON_TO_LEAVE:
            self.fields["reason"].required_when = _("required to take it up again")
        self.fields["status"].choices = [("", CHOOSE)] + [
            (status, Measure.Status(status).label) for status in allowed
        ]
        if Measure.Status.ADOPTED in allowed:
            self.fields["adopted_by"].queryset = bodies_of(measure.initiative)
        else:
            for name in self.ADOPTION:
                del self.fields[name]
        name_empty_choices(self)
        if not self.is_bound:
            self.initial.update(
                adopted_by=measure.adopted_by_id,
                adopted_on=measure.adopted_on,
                decision=measure.decision,
            )

    def values_of(self, instance):
        # The new status and its reason are what the user chooses now, not a copy of
        # the stored ones; only the adoption details can be merged.
        return {
            name: value
            for name, value in super().values_of(instance).items()
            if name in self.ADOPTION
        }

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status"):
            refusal = services.status_refusal(
                old=self.instance.status, new=cleaned["status"], reason=cleaned.get("reason", "")
            )
            if refusal is not None and refusal.field == "status_reason":
                self.add_error("reason", refusal.message)
        return cleaned

    def adoption(self):
        """The adoption details, only when the measure is being adopted."""
        if self.cleaned_data["status"] != Measure.Status.ADOPTED:
            return {}
        return {name: self.cleaned_data[name] for name in self.ADOPTION}


# Milestones, partners, attachments ----------------------------------------------


class MilestoneForm(VersionedFormMixin, KernModelForm):
    class Meta:
        model = Milestone
        fields = ["title", "due_on", "completed_on"]
        widgets = {"due_on": forms.DateInput, "completed_on": forms.DateInput}
        help_texts = {"completed_on": _("Empty while it is open.")}


class PartnershipForm(VersionedFormMixin, KernModelForm):
    class Meta:
        model = Partnership
        fields = ["person", "organization", "role"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        partnership = self.instance
        initiative = partnership.measure.initiative
        self.fields["person"].queryset = people_of(initiative, partnership.person_id)
        self.fields["organization"].queryset = organizations_of(
            initiative, partnership.organization_id
        )


class AttachmentForm(KernForm):
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, Word, Excel, PowerPoint, OpenDocument, PNG, JPEG, text or CSV."),
    )
    name = forms.CharField(
        label=_("Name"),
        required=False,
        max_length=200,
        help_text=_("Empty: the name of the file."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "PDF, Word, Excel, PowerPoint, OpenDocument, PNG, JPEG, text or CSV; at most %(size)s."
        ) % {"size": filesizeformat(settings.ATTACHMENT_MAX_BYTES)}
        self.fields["file"].widget.attrs["accept"] = ",".join(
            f".{extension}" for extension in ATTACHMENT_SIGNATURES
        )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        check_size(upload, settings.ATTACHMENT_MAX_BYTES)
        extension = Path(upload.name).suffix.lower().lstrip(".")
        if extension not in ATTACHMENT_SIGNATURES:
            raise forms.ValidationError(
                _("Files of type “%(type)s” cannot be attached."),
                params={"type": extension or "?"},
            )
        head = upload.read(8192)
        upload.seek(0)
        if not looks_like(extension, head):
            raise forms.ValidationError(
                _("The content of the file does not match its ending “.%(type)s”."),
                params={"type": extension},
            )
        return upload

    def clean(self):
        cleaned = super().clean()
        upload, name = cleaned.get("file"), cleaned.get("name", "").strip()
        if upload and name:
            # The download keeps the ending, so the file opens in the right program.
            suffix = Path(upload.name).suffix.lower()
            if Path(name).suffix.lower() != suffix:
                name = f"{name[: 200 - len(suffix)]}{suffix}"
            cleaned["name"] = name
        return cleaned


# The office's set-up -------------------------------------------------------------


class CustomFieldForm(VersionedFormMixin, KernModelForm):
    class Meta:
        model = CustomField
        fields = ["label", "kind", "choices", "help_text", "position"]
        widgets = {"choices": forms.Textarea(attrs={"rows": 5})}

    def clean(self):
        cleaned = super().clean()
        unique_in_initiative(
            self,
            "label",
            CustomField.objects.filter(initiative=self.instance.initiative),
            _("The initiative has a field with this label already."),
        )
        choices = [line for line in cleaned.get("choices", "").splitlines() if line.strip()]
        if cleaned.get("kind") == CustomField.Kind.CHOICE and not choices:
            self.add_error("choices", _("A choice field needs at least one choice."))
        return cleaned


class TopicForm(VersionedFormMixin, KernModelForm):
    class Meta:
        model = Topic
        fields = ["name", "position"]

    def clean(self):
        cleaned = super().clean()
        unique_in_initiative(
            self,
            "name",
            Topic.objects.filter(initiative=self.instance.initiative),
            _("The initiative has a field of action with this name already."),
        )
        return cleaned
