import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from standort.core.forms import (
    Checklist,
    KernForm,
    KernFormMixin,
    KernModelForm,
    PlainTextInput,
    VersionedFormMixin,
)
from standort.initiatives.models import Organization, Person
from standort.measures.filters import MeasureFilterForm, OfferedIdFilter, PlainSelect
from standort.measures.forms import unique_in_initiative

from . import queries
from .models import Need, Offer, Talk, Topic


class TopicForm(KernModelForm):
    class Meta:
        model = Topic
        fields = ["name", "position"]

    def clean(self):
        cleaned = super().clean()
        unique_in_initiative(
            self,
            "name",
            Topic.objects.filter(initiative=self.instance.initiative),
            _("The initiative has this topic already."),
        )
        return cleaned


def _organizations(initiative, kind):
    return initiative.organizations.filter(kind=kind).order_by("name")


def _people_of(initiative, kind):
    return (
        Person.objects.filter(initiatives=initiative, organization__kind=kind)
        .select_related("organization")
        .order_by("last_name", "first_name")
    )


def _person_label(person):
    return f"{person.full_name} ({person.organization.name})"


class _EntryForm(VersionedFormMixin, KernModelForm):
    """What offers and needs share: the topics as a checklist, the contact person one of
    the initiative's people of the organisation, which the reader may be bound to (a
    transfer officer's own institution, a firm's own company)."""

    side = ""  # "institution" or "company"
    kind = ""

    def __init__(self, *args, own_organization=None, **kwargs):
        super().__init__(*args, **kwargs)
        initiative = self.instance.initiative
        self.fields["topics"].queryset = queries.topics_for(initiative)
        organizations = _organizations(initiative, self.kind)
        people = _people_of(initiative, self.kind)
        if own_organization is not None:
            organizations = organizations.filter(pk=own_organization)
            people = people.filter(organization_id=own_organization)
            # The form's initial (from the instance: none yet) would win over the field's.
            if getattr(self.instance, f"{self.side}_id") is None:
                self.initial[self.side] = own_organization
        self.fields[self.side].queryset = organizations
        self.fields["contact"].queryset = people
        self.fields["contact"].label_from_instance = _person_label

    def clean(self):
        cleaned = super().clean()
        organization, contact = cleaned.get(self.side), cleaned.get("contact")
        if organization and contact and contact.organization_id != organization.pk:
            self.add_error(
                "contact", _("The contact person must belong to %(name)s.") % {"name": organization}
            )
        return cleaned


class OfferForm(_EntryForm):
    side = "institution"
    kind = Organization.Kind.SCIENCE

    class Meta:
        model = Offer
        fields = [
            "institution",
            "kind",
            "title",
            "description",
            "topics",
            "contact",
            "conditions",
            "valid_until",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "conditions": forms.Textarea(attrs={"rows": 3}),
            "valid_until": forms.DateInput,
            "topics": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "conditions": _("e.g. costs, duration, who may apply"),
            "valid_until": _("Empty: until withdrawn."),
        }


class NeedForm(_EntryForm):
    side = "company"
    kind = Organization.Kind.COMPANY

    class Meta:
        model = Need
        fields = ["company", "title", "problem", "topics", "timeframe", "visibility", "contact"]
        widgets = {
            "problem": forms.Textarea(attrs={"rows": 6}),
            "topics": forms.CheckboxSelectMultiple,
            "timeframe": forms.RadioSelect,
            "visibility": forms.RadioSelect,
        }
        help_texts = {
            "problem": _("What should science help with? Trade secrets do not belong here."),
            "visibility": _(
                "Public needs are listed in the catalogue without contact data; the others "
                "only for the transfer officers of the science institutions and the office."
            ),
        }


class TalkForm(VersionedFormMixin, KernModelForm):
    class Meta:
        model = Talk
        fields = ["company", "institution", "need", "offer", "starts_at", "place", "participants"]
        widgets = {
            "starts_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "participants": Checklist(filter_label=_("Filter the people")),
        }
        help_texts = {
            "participants": _(
                "Those with an e-mail address get an invitation with a calendar file."
            )
        }

    def __init__(self, *args, own_institution=None, **kwargs):
        super().__init__(*args, **kwargs)
        initiative = self.instance.initiative
        self.fields["company"].queryset = _organizations(initiative, Organization.Kind.COMPANY)
        institutions = _organizations(initiative, Organization.Kind.SCIENCE)
        if own_institution is not None:
            # A transfer officer plans their own institution's talks.
            institutions = institutions.filter(pk=own_institution)
            if self.instance.institution_id is None:
                self.initial["institution"] = own_institution
        self.fields["institution"].queryset = institutions
        self.fields["need"].queryset = queries.need_detail(initiative)
        offers = queries.offer_detail(initiative)
        institution = own_institution or self.instance.institution_id
        if institution is not None:
            # The institution's own offers: not another's drafts, nor a list of all.
            offers = offers.filter(institution_id=institution)
        self.fields["offer"].queryset = offers
        self.fields["participants"].queryset = (
            Person.objects.filter(initiatives=initiative)
            .select_related("organization")
            .order_by("last_name", "first_name")
        )
        self.fields["participants"].label_from_instance = lambda p: (
            _person_label(p) if p.organization else p.full_name
        )
        self.fields["starts_at"].input_formats = ["%Y-%m-%dT%H:%M", "%d.%m.%Y %H:%M"]


class OutcomeForm(VersionedFormMixin, KernModelForm):
    class Meta:
        model = Talk
        fields = ["outcome", "outcome_note", "follow_up_on"]
        widgets = {
            "outcome": forms.RadioSelect,
            "outcome_note": forms.Textarea(attrs={"rows": 4}),
            "follow_up_on": forms.DateInput,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].choices = Talk.Outcome.choices[1:]
        self.fields["outcome"].required = True


class ContactForm(KernForm):
    name = forms.CharField(label=_("Your name"), max_length=100)
    email = forms.EmailField(label=_("Your e-mail address"), max_length=254)
    organization = forms.CharField(label=_("Your organisation"), max_length=200, required=False)
    message = forms.CharField(label=_("Your message"), max_length=3000, widget=forms.Textarea)

    def message_text(self):
        data = self.cleaned_data
        if data["organization"]:
            return f"{data['organization']}\n\n{data['message']}"
        return data["message"]


class PublishShareForm(KernFormMixin, forms.Form):
    indicator = forms.ModelChoiceField(
        label=_("Indicator"),
        queryset=None,
        help_text=_(
            "An indicator in per cent. The share as it is today becomes its value of today."
        ),
    )

    def __init__(self, *args, indicators, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = indicators
        self._add_kern_classes()


# The catalogue's filters -------------------------------------------------------------------


def _kind_choice(label, choices, **kwargs):
    return django_filters.ChoiceFilter(
        label=label, choices=choices, empty_label=_("all"), widget=PlainSelect, **kwargs
    )


class _CatalogueFilter(django_filters.FilterSet):
    # The listing searches (core.listing with queries.search_*): the filter only shows
    # the field.
    q = django_filters.CharFilter(
        label=_("Search"), method="searched", widget=PlainTextInput(attrs={"type": "search"})
    )
    topic = OfferedIdFilter("topics", label=_("Topic"), widget=PlainSelect)

    def searched(self, entries, name, value):
        return entries

    def __init__(self, data, *, queryset, initiative, office=False):
        super().__init__(data, queryset=queryset)
        if not office:
            self.filters.pop("state", None)
        options = queries.filter_options(initiative, everything=office)
        for name in ("topic", "institution"):
            if name in self.filters:
                self.filters[name].field.widget.options = [("", _("all")), *options[name]]


class OfferFilter(_CatalogueFilter):
    kind = _kind_choice(_("Kind"), Offer.Kind.choices, field_name="kind")
    institution = OfferedIdFilter("institution", label=_("Institution"), widget=PlainSelect)
    # The office's moderation: offers awaiting approval, drafts, withdrawn ones.
    state = _kind_choice(_("State"), Offer.State.choices, field_name="state")

    class Meta:
        model = Offer
        fields = []
        # Its GET form's ways (bad values drop out, fields in groups) fit.
        form = MeasureFilterForm


class NeedFilter(_CatalogueFilter):
    timeframe = _kind_choice(_("Timeframe"), Need.Timeframe.choices, field_name="timeframe")

    class Meta:
        model = Need
        fields = []
        # Its GET form's ways (bad values drop out, fields in groups) fit.
        form = MeasureFilterForm
