from django import forms

from standort.core.forms import KernModelForm, VersionedFormMixin
from standort.core.listing import search_words
from standort.measures import dashboard

from .models import PlatformAccessibilityStatement, PlatformLegalText


class LegalTextForm(VersionedFormMixin, KernModelForm):
    class Meta:
        model = PlatformLegalText
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 24})}


class AccessibilityStatementForm(VersionedFormMixin, KernModelForm):
    class Meta:
        model = PlatformAccessibilityStatement
        fields = [
            "conformance",
            "non_accessible",
            "prepared_on",
            "reviewed_on",
            "method",
            "contact_email",
            "contact_phone",
            "enforcement",
        ]
        widgets = {
            "conformance": forms.RadioSelect,
            "method": forms.RadioSelect,
            "prepared_on": forms.DateInput,
            "reviewed_on": forms.DateInput,
            "non_accessible": forms.Textarea(attrs={"rows": 8}),
            "enforcement": forms.Textarea(attrs={"rows": 8}),
        }


def form_for(form_class, instance, data=None, **kwargs):
    """`form_class` on `instance`, the platform's record or an initiative's: both
    kinds share their fields."""
    model_form = forms.modelform_factory(type(instance), form=form_class)
    return model_form(data, instance=instance, **kwargs)


# Narrow enough for any title; a longer text is cut (the list's search does the same).
SEARCH_LENGTH = 100


def _whole_number(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def public_filter(params, goals=None):
    """The public page's filters from the query string: a status, a field of action
    (`topic`, a pk), a goal (`goal`, a pk among `goals`: {pk: measure ids}) and the
    words of the search (`q`). A value that is no value of its kind is left out here,
    one the page does not offer by `dashboard.public_page`: the list is then filtered
    by the rest, as a visitor's old bookmark asks."""
    goal = _whole_number(params.get("goal"))
    goals = goals or {}
    return dashboard.PublicFilter(
        status=params.get("status", ""),
        topic=_whole_number(params.get("topic")),
        q=search_words(params.get("q", ""), SEARCH_LENGTH),
        among=goals.get(goal),
    )
