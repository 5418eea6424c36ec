"""The filters of the measure list (a django-filter FilterSet), read from the query
string so that a filtered list can be bookmarked and shared. The list, its status
counts and the exports all narrow the measures through `MeasureFilter.measures`, so
they show the same rows."""

import django_filters
from django import forms
from django.db.models import Case, IntegerField, Value, When
from django.forms.utils import ErrorDict
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from standort.core.forms import KernForm, PlainCheckboxInput, PlainSelect, PlainTextInput
from standort.core.listing import search_words

from . import custom_fields, queries
from .models import CustomField, Measure, StatusUpdate
from .search import search

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


class OfferedIdField(forms.IntegerField):
    """An id chosen from a plain list (PlainSelect's options). Another id, of another
    initiative or deleted since the link was shared, is not valid and so drops out of
    the filter rather than emptying the list."""

    def validate(self, value):
        super().validate(value)
        options = self.widget.options
        if value is not None and options is not None and all(pk != value for pk, _ in options):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")


class OfferedIdFilter(django_filters.Filter):
    field_class = OfferedIdField


class CheckFilter(django_filters.Filter):
    """A checkbox: ticked or not (never "unknown", as BooleanFilter's select offers)."""

    field_class = forms.BooleanField


def _choice(label, choices=(), **kwargs):
    return django_filters.ChoiceFilter(
        label=label, choices=choices, empty_label=_("all"), widget=PlainSelect, **kwargs
    )


class MeasureFilterForm(KernForm):
    """The GET form of the filters. A value that does not fit (an old bookmark, a typed
    URL) is left out of the filter instead of failing the page, and not marked as an
    error either, since nobody typed it into the form."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters = {}  # filled in by full_clean

    def full_clean(self):
        super().full_clean()
        # The valid part of the query string: what the list is filtered by.
        self.filters = {
            name: value
            for name, value in getattr(self, "cleaned_data", {}).items()
            if value not in (None, "", False)
        }
        self._errors = ErrorDict()
        for f in self.fields.values():
            f.widget.attrs.pop("aria-invalid", None)
            f.widget.attrs.pop("aria-describedby", None)

    def clean_q(self):
        return search_words(self.cleaned_data["q"], QUERY_LENGTH)

    def _shown(self, names):
        """The filters `names` with how measures/_filters.html lays each out (KERN
        markup without "optional": every filter is)."""
        shown = []
        for name in names:
            bound = self[name]
            if bound.widget_type in ("checkbox", "plaincheckbox"):
                kind = "check"
            elif isinstance(bound.field.widget, forms.Select):
                kind = "select"
            else:
                kind = "input"
            shown.append((bound, kind))
        return shown

    def search_fields(self):
        return self._shown(["q"])

    def more_fields(self):
        return self._shown([name for name in self.fields if name != "q"])

    @property
    def is_filtered(self):
        return bool(self.filters)

    @property
    def advanced_filters(self):
        """Whether a filter beyond the search is set: the filter panel opens then."""
        return any(name != "q" for name in self.filters)


class MeasureFilter(django_filters.FilterSet):
    """The filters of an initiative's measure list, from the query string. The list, its
    status counts and the exports narrow the measures through `measures()`, so they
    show the same rows."""

    q = django_filters.CharFilter(
        label=_("Search"), method="filter_search", widget=PlainTextInput(attrs={"type": "search"})
    )
    # Working group, field of action and tag are chosen by id from plain lists: model
    # choice fields build an object per option on every page.
    body = OfferedIdFilter("body", label=_("Working group"), widget=PlainSelect)
    topic = OfferedIdFilter("topic", label=_("Field of action"), widget=PlainSelect)
    status = _choice(_("Status"), Measure.Status.choices, field_name="status")
    light = _choice(
        _("Traffic light"),
        [*StatusUpdate.Light.choices, ("none", pgettext_lazy("traffic light", "none yet"))],
        method="filter_light",
    )
    # Typed, not chosen: an initiative has hundreds of organisations, too many for a
    # list to pick from.
    organization = django_filters.CharFilter(
        "owner_organization__name",
        "icontains",
        label=_("Owner's organisation"),
        max_length=QUERY_LENGTH,
        help_text=_("A part of its name is enough."),
        widget=PlainTextInput(attrs={"type": "search"}),
    )
    kind = _choice(_("Kind"), Measure.Kind.choices, field_name="kind")
    tag = OfferedIdFilter("tags", label=_("Tag"), widget=PlainSelect)
    overdue = CheckFilter(
        label=_("Only overdue measures"), method="filter_overdue", widget=PlainCheckboxInput
    )
    archived = CheckFilter(
        label=_("Show archived measures instead"),
        method="filter_archived",
        widget=PlainCheckboxInput,
    )

    class Meta:
        model = Measure
        fields = []
        form = MeasureFilterForm

    def __init__(self, data=None, *, initiative, user, offered=True):
        """`offered`: the list page's filters, whose selects offer the initiative's
        working groups, fields of action and tags (an id not among them drops out of
        the filter), and its own fields with choices. Without, as the API filters, an
        id filters by itself (one of another initiative to nothing)."""
        may_manage = user.has_perm(MANAGE, initiative)
        measures = Measure.objects.filter(initiative=initiative)
        if not may_manage:
            # Archived measures are the office's to list.
            measures = measures.filter(queries.archived_is(False))
        # Always bound: without a query string, too, the defaults filter (the live
        # measures only).
        super().__init__(QueryDict() if data is None else data, queryset=measures)
        if not may_manage:
            del self.filters["archived"]
        if not offered:
            return
        everything = _("all")
        for name, options in queries.filter_options(initiative).items():
            self.filters[name].field.widget.options = _choices(everything, options)
        for field in custom_fields.fields_of(initiative):
            if field.kind == CustomField.Kind.CHOICE and field.choice_list:
                self.filters[field.key] = _choice(
                    field.label,
                    [(choice, choice) for choice in field.choice_list],
                    field_name=f"custom_values__{field.key}",
                )

    def filter_search(self, measures, name, value):
        return search(measures, value)

    def filter_light(self, measures, name, value):
        if value == "none":
            return measures.filter(latest_update__isnull=True)
        return measures.filter(latest_update__traffic_light=value)

    def filter_overdue(self, measures, name, value):
        return measures.filter(queries.overdue_condition()) if value else measures

    def filter_archived(self, measures, name, value):
        return measures.filter(queries.archived_is(value))

    def filter_queryset(self, queryset, *, skip=()):
        """The valid filters of the query string, except those named in `skip`."""
        for name, value in self.form.cleaned_data.items():
            if name not in skip:
                queryset = self.filters[name].filter(queryset, value)
        return queryset

    def measures(self, *, skip=()):
        """The initiative's measures narrowed by the valid filters, except those named
        in `skip` (the status counts skip the status; the list skips the text search,
        which its listing applies)."""
        if not skip:
            return self.qs
        self.form.is_valid()
        return self.filter_queryset(self.queryset.all(), skip=skip)


def measure_filter(request, initiative):
    return MeasureFilter(request.GET, initiative=initiative, user=request.user)


def filtered_measures(request, initiative):
    """(form, measures): the list's filter from the query string and the measures it
    selects with their list columns, in number order. The exports call this to export
    the list as filtered."""
    chosen = measure_filter(request, initiative)
    return chosen.form, queries.list_columns(chosen.qs).order_by("number")
