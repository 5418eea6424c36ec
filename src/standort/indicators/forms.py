import json

from django import forms
from django.utils.translation import gettext_lazy as _

from standort.core.forms import Checklist, KernFormMixin, KernModelForm, VersionedFormMixin
from standort.measures.forms import GroupedDecimalField, unique_in_initiative
from standort.measures.models import Measure

from . import geo, queries
from .models import Goal, Indicator, Observation, Site


def _decimal(field, **kwargs):
    return GroupedDecimalField(
        max_digits=field.max_digits,
        decimal_places=field.decimal_places,
        localize=True,
        label=field.verbose_name,
        help_text=field.help_text,
        **kwargs,
    )


class GoalForm(VersionedFormMixin, KernModelForm):
    class Meta:
        model = Goal
        fields = ["title", "description", "measures", "position"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "measures": Checklist(filter_label=_("Filter the measures")),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        measures = queries.measures_to_choose(self.instance.initiative)
        if self.instance.pk:
            # An archived measure the goal names stays chosen (and can be let go).
            measures = (measures | self.instance.measures.all()).distinct()
        self.fields["measures"].queryset = measures
        self.fields["measures"].label_from_instance = lambda m: f"{m.number} {m.title}"

    def clean(self):
        cleaned = super().clean()
        unique_in_initiative(
            self,
            "title",
            Goal.objects.filter(initiative=self.instance.initiative),
            _("The initiative has a goal with this title already."),
        )
        return cleaned


class IndicatorForm(VersionedFormMixin, KernModelForm):
    target_value = _decimal(Indicator._meta.get_field("target_value"), required=False)

    class Meta:
        model = Indicator
        fields = [
            "name",
            "unit",
            "description",
            "source",
            "higher_is_better",
            "goal",
            "measure",
            "body",
            "target_value",
            "target_on",
            "is_key",
            "computed",
            "position",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3}), "target_on": forms.DateInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        initiative = self.instance.initiative
        f = self.fields
        measures = queries.measures_to_choose(initiative)
        if self.instance.measure_id:
            measures = measures | Measure.objects.filter(pk=self.instance.measure_id)
        f["measure"].queryset = measures
        f["measure"].label_from_instance = lambda m: f"{m.number} {m.title}"
        f["body"].queryset = f["body"].queryset.filter(initiative=initiative)
        f["goal"].queryset = Goal.objects.filter(initiative=initiative)

    def clean(self):
        cleaned = super().clean()
        unique_in_initiative(
            self,
            "name",
            Indicator.objects.filter(initiative=self.instance.initiative),
            _("The initiative has an indicator with this name already."),
        )
        value, day = cleaned.get("target_value"), cleaned.get("target_on")
        if value is not None and day is None and "target_on" not in self.errors:
            self.add_error("target_on", _("Give the date by which the target is to be reached."))
        if day is not None and value is None and "target_value" not in self.errors:
            self.add_error("target_value", _("Give the value to be reached by this date."))
        return cleaned


class ObservationForm(VersionedFormMixin, KernModelForm):
    value = _decimal(Observation._meta.get_field("value"))

    class Meta:
        model = Observation
        fields = ["observed_on", "value", "note"]
        widgets = {"observed_on": forms.DateInput}
        help_texts = {
            "observed_on": _("The last day of the period the value describes, e.g. 31.12.2024."),
            "note": _("e.g. where the figure comes from"),
        }


class SiteForm(VersionedFormMixin, KernModelForm):
    area_ha = _decimal(Site._meta.get_field("area_ha"), min_value=0)
    free_ha = _decimal(Site._meta.get_field("free_ha"), min_value=0)
    location = forms.CharField(
        label=_("Location (GeoJSON)"),
        required=False,
        max_length=200_000,
        widget=forms.Textarea(attrs={"rows": 4, "spellcheck": "false"}),
        help_text=_(
            'A GeoJSON geometry in longitude and latitude, e.g. {"type": "Point", '
            '"coordinates": [6.76, 51.43]}, or a Polygon of the outline.'
        ),
    )

    class Meta:
        model = Site
        fields = ["name", "area_ha", "free_ha", "fibre", "fibre_on", "note", "organizations"]
        widgets = {
            "fibre_on": forms.DateInput,
            "organizations": Checklist(filter_label=_("Filter the organisations")),
        }

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organizations"].queryset = organizations
        if self.instance.geometry:
            self.initial.setdefault("location", json.dumps(self.instance.geometry))

    def clean_location(self):
        text = self.cleaned_data["location"].strip()
        if not text:
            return None
        try:
            return geo.checked(json.loads(text))
        except ValueError as error:
            message = (
                str(error) if isinstance(error, geo.GeometryError) else _("This is not valid JSON.")
            )
            raise forms.ValidationError(message) from error

    def clean(self):
        cleaned = super().clean()
        unique_in_initiative(
            self,
            "name",
            Site.objects.filter(initiative=self.instance.initiative),
            _("The initiative has an industrial area with this name already."),
        )
        area, free = cleaned.get("area_ha"), cleaned.get("free_ha")
        if area is not None and free is not None and free > area:
            self.add_error("free_ha", _("The free land cannot be larger than the area."))
        self.instance.geometry = cleaned.get("location")
        return cleaned


class ImportForm(KernFormMixin, forms.Form):
    file = forms.FileField(
        label=_("File"), help_text=_("A CSV file (.csv) or an Excel workbook (.xlsx).")
    )


class GeoJSONImportForm(KernFormMixin, forms.Form):
    file = forms.FileField(
        label=_("GeoJSON file"),
        help_text=_(
            "A FeatureCollection; each feature with the properties name, area_ha and, "
            "where known, free_ha and glasfaser (vorhanden, geplant, nein)."
        ),
    )
