from django import forms

from standort.core.forms import KernForm

from .models import Choice, Kind


class PreferencesForm(KernForm):
    """Per kind of notification: a mail at once, in the daily digest, or none."""

    def __init__(self, *args, initial_choices, **kwargs):
        super().__init__(*args, **kwargs)
        for kind in Kind:
            self.fields[kind.value] = forms.ChoiceField(
                label=kind.label,
                choices=Choice.choices,
                initial=initial_choices[kind],
                widget=forms.RadioSelect(attrs={"class": "kern-form-check__radio"}),
            )

    def choices(self):
        return {Kind(name): Choice(value) for name, value in self.cleaned_data.items()}
