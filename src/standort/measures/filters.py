"""The filters of the measure list, read from the query string so that a filtered
list can be bookmarked and shared. The list, its status counts and the exports all
narrow the measures through `MeasureFilterForm.measures`, so they show the same rows."""

from django import forms
from django.db.models import Case, IntegerField, Value, When
from django.forms.utils import ErrorDict
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from standort.core.forms import KernForm, PlainCheckboxInput, PlainSelect, PlainTextInput

from . import custom_fields, queries
from .models import CustomField, Measure, StatusUpdate

MANAGE = "measures.manage_measures"
QUERY_LENGTH = 100


def _ranked(field, values):
    """Sorts `field` in the order of `values` (the life of a measure, green before
    red) rather than by the stored codes."""
    return Case(
        *[When(**{field: value}, then=Value(rank)) for rank, value in enumerate(values)],
        default=Value(len(values)),
        output_field=IntegerField(),
    )


# URL key of a sortable column → ORDER BY fields (see core.listing.build_listing).
SORTABLE = {
    "number": ["number"],
    "title": ["title"],
    "group": ["body__position", "body__name", "number"],
    "owner": ["owner__last_name", "owner__first_name", "number"],
    "status": ["status_rank", "number"],
    "light": ["light_rank", "number"],
    "progress": ["progress", "number"],
    "milestone": ["next_milestone_on", "number"],
    "due": ["due_on", "number"],
}


def sortable(measures, sort=""):
    """Adds the rank that the status or traffic light column sorts by, when the list is
    sorted by it (only then: the traffic light joins the status updates, also in the
    count of the pager)."""
    key = sort.lstrip("-")
    if key == "status":
        return measures.annotate(status_rank=_ranked("status", Measure.Status.values))
    if key == "light":
        return measures.annotate(
            light_rank=_ranked("latest_update__traffic_light", StatusUpdate.Light.values)
        )
    return measures


def _choices(blank, choices):
    return [("", blank), *choices]


class MeasureFilterForm(KernForm):
    """GET form; a value that does not fit (an old bookmark, a typed URL) is left out
    of the filter instead of failing the page."""

    q = forms.CharField(
        label=_("Search"), required=False, widget=PlainTextInput(attrs={"type": "search"})
    )
    # Working group, field of action and tag are chosen by id from plain lists: model
    # choice fields build an object per option on every page.
    body = forms.IntegerField(label=_("Working group"), required=False, widget=PlainSelect)
    topic = forms.IntegerField(label=_("Field of action"), required=False, widget=PlainSelect)
    status = forms.ChoiceField(label=_("Status"), required=False)
    light = forms.ChoiceField(label=_("Traffic light"), required=False)
    # Typed, not chosen: an initiative has hundreds of organisations, too many for a
    # list to pick from.
    organization = forms.CharField(
        label=_("Owner's organisation"),
        required=False,
        max_length=QUERY_LENGTH,
        help_text=_("A part of its name is enough."),
        widget=PlainTextInput(attrs={"type": "search"}),
    )
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    tag = forms.IntegerField(label=_("Tag"), required=False, widget=PlainSelect)
    overdue = forms.BooleanField(
        label=_("Only overdue measures"), required=False, widget=PlainCheckboxInput
    )
    archived = forms.BooleanField(
        label=_("Show archived measures instead"), required=False, widget=PlainCheckboxInput
    )

    def __init__(self, data=None, *, initiative, user, **kwargs):
        super().__init__(data, **kwargs)
        self.initiative = initiative
        everything = _("all")
        for name, options in queries.filter_options(initiative).items():
            self.fields[name].widget.options = _choices(everything, options)
        self.fields["status"].choices = _choices(everything, Measure.Status.choices)
        self.fields["light"].choices = _choices(
            everything,
            [*StatusUpdate.Light.choices, ("none", pgettext_lazy("traffic light", "none yet"))],
        )
        self.fields["kind"].choices = _choices(everything, Measure.Kind.choices)
        if not user.has_perm(MANAGE, initiative):
            del self.fields["archived"]
        self.choice_fields = [
            f
            for f in custom_fields.fields_of(initiative)
            if f.kind == CustomField.Kind.CHOICE and f.choice_list
        ]
        for field in self.choice_fields:
            self.fields[field.key] = forms.ChoiceField(
                label=field.label,
                required=False,
                choices=_choices(everything, [(c, c) for c in field.choice_list]),
                widget=forms.Select(attrs={"class": "kern-form-input__select"}),
            )
        for f in self.fields.values():
            if type(f.widget) is forms.Select:
                f.widget = PlainSelect(attrs=f.widget.attrs, choices=f.widget.choices)
        # Filled in by full_clean: the valid part of the query string.
        self.filters = {}

    def full_clean(self):
        super().full_clean()
        self.filters = {
            name: value
            for name, value in getattr(self, "cleaned_data", {}).items()
            if value not in (None, "", False) and self._offers(name, value)
        }
        # Invalid values are ignored; the form does not mark them as errors either,
        # since nobody typed them into it.
        self._errors = ErrorDict()
        for f in self.fields.values():
            f.widget.attrs.pop("aria-invalid", None)
            f.widget.attrs.pop("aria-describedby", None)

    def _offers(self, name, value):
        """Whether a working group, field of action or tag chosen by id is
        one of this initiative's: another id (of another initiative, or deleted since
        the link was shared) drops out of the filter rather than emptying the list."""
        options = getattr(self.fields[name].widget, "options", None)
        return options is None or any(pk == value for pk, _label in options)

    def clean_q(self):
        return " ".join(self.cleaned_data["q"].split())[:QUERY_LENGTH]

    def field_html(self, bound):
        """One filter in KERN markup, without "optional" (every filter is). Built here
        rather than by a field template: eleven of those were a quarter of the list
        page's time."""
        widget = str(bound)
        label = format_html(
            '<label class="kern-label" for="{}">{}</label>', bound.id_for_label, bound.label
        )
        if bound.widget_type == "checkbox":
            return format_html('<div class="kern-form-check">{}{}</div>', widget, label)
        if isinstance(bound.field.widget, forms.Select):
            widget = format_html('<div class="kern-form-input__select-wrapper">{}</div>', widget)
        hint = ""
        if bound.help_text:  # the widget refers to it by aria-describedby
            hint = format_html(
                '<div class="kern-hint" id="{}_helptext">{}</div>', bound.auto_id, bound.help_text
            )
        return format_html('<div class="kern-form-input">{}{}{}</div>', label, hint, widget)

    def search_html(self):
        return self.field_html(self["q"])

    def more_filters_html(self):
        return mark_safe("".join(self.field_html(bound) for bound in self if bound.name != "q"))  # noqa: S308 - parts escaped by format_html

    @property
    def is_filtered(self):
        return bool(self.filters)

    @property
    def advanced_filters(self):
        """Whether a filter beyond the search is set: the filter panel opens then."""
        return any(name != "q" for name in self.filters)

    def measures(self, *, skip=()):
        """The initiative's measures narrowed by the valid filters, except those named
        in `skip` (the status counts skip the status; the list skips the text search,
        which its listing applies)."""
        self.is_valid()
        chosen = {k: v for k, v in self.filters.items() if k not in skip}
        measures = Measure.objects.filter(
            queries.archived_is(chosen.get("archived", False)), initiative=self.initiative
        )
        light = chosen.get("light")
        if light == "none":
            measures = measures.filter(latest_update__isnull=True)
            light = None
        return queries.filter_measures(
            measures,
            query=chosen.get("q", ""),
            body=chosen.get("body"),
            topic=chosen.get("topic"),
            status=chosen.get("status"),
            light=light,
            organization=chosen.get("organization"),
            kind=chosen.get("kind"),
            overdue=chosen.get("overdue", False),
            tag=chosen.get("tag"),
            custom={f.key: chosen[f.key] for f in self.choice_fields if f.key in chosen},
        )


def filter_form(request, initiative):
    return MeasureFilterForm(request.GET or None, initiative=initiative, user=request.user)


def filtered_measures(request, initiative):
    """(form, measures): the list's filter from the query string and the measures it
    selects with their list columns, in number order. The exports call this to export
    the list as filtered."""
    form = filter_form(request, initiative)
    return form, queries.list_columns(form.measures()).order_by("number")
