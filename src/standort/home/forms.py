from django import forms

from standort.core.forms import KernModelForm, VersionedFormMixin

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
