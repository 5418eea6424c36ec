import re
from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from standort.core.files import IMAGE_TYPES, check_image
from standort.core.forms import KernForm, KernModelForm, VersionedFormMixin

from .models import Body, Initiative, InitiativeRole, Membership, Organization, Person
from .queries import leading_organizations, organizations_for, people_for

# A host name (letters, digits, hyphens between dots, an IDN in its xn-- form) or an
# IPv4 address: what a frame-ancestors source may name (the port is checked apart).
HOST = re.compile(
    r"^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$"
)


def origin_of(line):
    """The origin a line names ("https://www.duisburg.de"), normalised, or None
    when it is not one: scheme http or https and a host, nothing else. It ends up in a
    response header, so it is checked strictly."""
    line = line.strip()
    if not line or any(c.isspace() or c in ";,'\"" for c in line):
        return None
    try:
        parts = urlsplit(line)
        port = parts.port
    except ValueError:
        return None
    host = parts.hostname or ""
    if (
        parts.scheme.lower() not in ("http", "https")
        or not HOST.match(host)
        or parts.username is not None
        or parts.password is not None
        or parts.path not in ("", "/")
        or parts.query
        or parts.fragment
        or line.endswith(("?", "#"))
    ):
        return None
    return f"{parts.scheme.lower()}://{host}" + (f":{port}" if port else "")


def embed_origins(text):
    """The valid origins of an initiative's `embed_origins`, in their order."""
    origins = []
    for line in text.splitlines():
        origin = origin_of(line)
        if origin and origin not in origins:
            origins.append(origin)
    return origins


class InitiativeForm(VersionedFormMixin, KernModelForm):
    leading_organizations = forms.ModelMultipleChoiceField(
        label=_("Leading organisations"),
        queryset=Organization.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Initiative
        fields = [
            "name",
            "city",
            "summary",
            "description",
            "starts_on",
            "ends_on",
            "is_public",
            "update_interval_months",
            "embed_origins",
            "data_licence",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 8}),
            "embed_origins": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leading_organizations"].queryset = organizations_for(self.instance).order_by(
            "name"
        )
        if not self.is_bound:
            self.initial["leading_organizations"] = list(leading_organizations(self.instance))

    def clean_embed_origins(self):
        lines = [line.strip() for line in self.cleaned_data["embed_origins"].splitlines()]
        lines = [line for line in lines if line]
        wrong = [line for line in lines if origin_of(line) is None]
        if wrong:
            raise forms.ValidationError(
                _(
                    "Enter one website address per line, with https:// or http:// and "
                    "without a path, e.g. https://www.duisburg.de. Not an address of that "
                    "kind: %(lines)s"
                ),
                params={"lines": ", ".join(wrong)},
            )
        return "\n".join(embed_origins("\n".join(lines)))

    def clean(self):
        cleaned = super().clean()
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("The end must not be before the start."))
        return cleaned


class OrganizationForm(VersionedFormMixin, KernModelForm):
    # Not a model field of the form: the service stores, replaces or removes the file.
    new_logo = forms.FileField(label=_("Logo"), required=False)
    remove_logo = forms.BooleanField(label=_("Remove the current logo"), required=False)

    class Meta:
        model = Organization
        fields = ["name", "kind", "sector", "size", "website", "street", "postal_code", "city"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        logo = self.fields["new_logo"]
        logo.help_text = _(
            "SVG, PNG or JPEG, at most %(size)s. Shown on the cover of the reports when "
            "the organisation leads the initiative. Drawings with scripts or links are "
            "refused."
        ) % {"size": filesizeformat(settings.LOGO_MAX_BYTES)}
        logo.widget.attrs["accept"] = ",".join(f".{ending}" for ending in IMAGE_TYPES)
        if self.instance.logo:
            logo.label = _("Replace the logo")
        else:
            del self.fields["remove_logo"]

    def clean_new_logo(self):
        upload = self.cleaned_data.get("new_logo")
        if upload:
            check_image(upload, limit=settings.LOGO_MAX_BYTES)
        return upload


class PersonForm(VersionedFormMixin, KernModelForm):
    class Meta:
        model = Person
        fields = [
            "title",
            "first_name",
            "last_name",
            "function",
            "organization",
            "email",
            "phone",
            "name_is_public",
        ]

    def __init__(self, *args, initiative, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations_for(initiative).order_by("name")
        self.fields["email"].widget.attrs["autocomplete"] = "off"


class BodyForm(VersionedFormMixin, KernModelForm):
    class Meta:
        model = Body
        fields = ["kind", "name", "parent", "managing_organization", "description", "position"]
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, initiative, **kwargs):
        super().__init__(*args, **kwargs)
        self.initiative = initiative
        parents = Body.objects.filter(initiative=initiative).order_by("position", "name")
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents
        self.fields["managing_organization"].queryset = organizations_for(initiative).order_by(
            "name"
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == Body.Kind.SUB_GROUP and not cleaned.get("parent"):
            self.add_error("parent", _("A sub-group needs a parent body."))
        name = cleaned.get("name")
        if name:
            same = Body.objects.filter(initiative=self.initiative, name__iexact=name)
            if self.instance.pk:
                same = same.exclude(pk=self.instance.pk)
            if same.exists():
                self.add_error("name", _("A body with this name already exists."))
        return cleaned


class MembershipForm(VersionedFormMixin, KernModelForm):
    class Meta:
        model = Membership
        fields = ["person", "role", "starts_on", "ends_on"]

    def __init__(self, *args, body, **kwargs):
        super().__init__(*args, **kwargs)
        self.body = body
        self.fields["person"].queryset = people_for(body.initiative).order_by(
            "last_name", "first_name"
        )
        if self.instance.pk:
            self.fields["person"].disabled = True

    def clean(self):
        cleaned = super().clean()
        person = cleaned.get("person")
        if person and not self.instance.pk and self.body.memberships.filter(person=person).exists():
            self.add_error("person", _("This person is already a member of this body."))
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("The end must not be before the start."))
        return cleaned


class RoleForm(KernForm):
    person = forms.ModelChoiceField(
        label=_("Person"),
        queryset=Person.objects.none(),
        help_text=_("Only people with an account are listed; invite others from their page."),
    )
    # The least powerful role that lets someone in; full control is a deliberate choice.
    role = forms.ChoiceField(
        label=_("Role"), choices=InitiativeRole.Role.choices, initial=InitiativeRole.Role.MEMBER
    )

    def __init__(self, *args, initiative, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = (
            people_for(initiative).filter(user__isnull=False).order_by("last_name", "first_name")
        )


class InvitationForm(KernForm):
    role = forms.ChoiceField(
        label=_("Role in the initiative"),
        choices=InitiativeRole.Role.choices,
        initial=InitiativeRole.Role.MEMBER,
    )
