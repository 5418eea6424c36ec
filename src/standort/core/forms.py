"""Forms rendered in KERN UX markup, errors next to their field."""

import datetime
import functools
from html import escape

from django import forms
from django.db import models
from django.forms.renderers import DjangoTemplates
from django.forms.utils import flatatt
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from .tenancy import is_tenant_model


class KernFormRenderer(DjangoTemplates):
    form_template_name = "core/forms/form.html"
    field_template_name = "core/forms/field.html"


def _widget_class(widget):
    if isinstance(widget, forms.CheckboxInput):
        return "kern-form-check__checkbox"
    # CheckboxSelectMultiple is a RadioSelect to Django: ask for it first.
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "kern-form-check__checkbox"
    if isinstance(widget, forms.RadioSelect):
        return "kern-form-check__radio"
    if isinstance(widget, forms.Select):
        return "kern-form-input__select"
    return "kern-form-input__input"


class KernFormMixin:
    """Adds KERN classes to widgets and marks invalid fields for screen readers."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._add_kern_classes()

    def _add_kern_classes(self):
        """Also for a form that adds fields of its own after __init__."""
        for f in self.fields.values():
            if getattr(f.widget, "_kern", False):
                continue
            f.widget._kern = True
            css = _widget_class(f.widget)
            if css:
                f.widget.attrs["class"] = f"{f.widget.attrs.get('class', '')} {css}".strip()
            if isinstance(f.widget, forms.DateInput):
                f.widget.input_type = "date"
                f.widget.format = "%Y-%m-%d"
            if isinstance(f, forms.DateField):
                f.input_formats = ["%Y-%m-%d", "%d.%m.%Y"]

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                f = self.fields[name]
                auto_id = f"id_{self.add_prefix(name)}"
                described_by = [f"{auto_id}_error"]
                if f.help_text:
                    described_by.append(f"{auto_id}_helptext")
                f.widget.attrs["aria-invalid"] = "true"
                f.widget.attrs["aria-describedby"] = " ".join(described_by)


class VersionedFormMixin(forms.Form):
    """Carries the version the user saw, so a concurrent save can be detected, and
    merges the other writer's changes into the form when it is."""

    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = getattr(self, "instance", None)
        if instance is not None and instance.pk and not self.is_bound:
            self.initial["seen_version"] = instance.version

    def values_of(self, instance):
        """What a form opened on `instance` would show, field by field: the fields of
        the form that are plain columns of the model. Forms with fields of their own
        add them; a field missing here is never merged, the user's input stays."""
        return {
            f.name: f.value_from_object(instance)
            for f in instance._meta.concrete_fields
            if f.name in self.fields and f.name != "seen_version"
        }

    def report_conflict(self, error):
        """A three-way merge of what the user saw, what they sent and what is stored
        now: a field only the other writer changed takes the stored value, a field only
        the user changed keeps the input, a field both changed differently keeps the
        input and is marked. The form then carries the current version, so saving
        again stores the merged state."""
        self.conflict = error
        data = self.data.copy()
        data["seen_version"] = error.current.version
        seen = self._seen_state(error.current)
        if seen is None:
            # No record of what the user saw: keep all input, show what changed.
            self.data = data
            self.add_error(None, str(error.message))
            return
        self.conflict_taken, self.conflict_fields = [], []
        current = self.values_of(error.current)
        for name, was in self.values_of(seen).items():
            field, now = self.fields[name], current.get(name)
            if isinstance(field.widget, forms.MultiWidget) or not _differs(field, was, now):
                continue
            sent = self[name].data
            if not field.has_changed(was, sent):
                _put(data, self.add_prefix(name), field, now)
                self.conflict_taken.append(self[name].label)
            elif field.has_changed(now, sent):
                self.conflict_fields.append((name, now))
        self.data = data
        who = str(error.changed_by) if error.changed_by else None
        for name, now in self.conflict_fields:
            field = self.fields[name]
            shown = _shown(field, now)
            if who:
                message = _("%(who)s has meanwhile changed this field to “%(value)s”.") % {
                    "who": who,
                    "value": shown,
                }
            else:
                message = _("This field has meanwhile been changed to “%(value)s”.") % {
                    "value": shown
                }
            self.add_error(name, message)
            field.widget.attrs["aria-invalid"] = "true"
        self.add_error(None, self._conflict_message())

    def _conflict_message(self):
        if not self.conflict_fields:
            return _(
                "Someone else has saved this record since you opened the form. Their "
                "changes are now in the form and your input is kept: please check it and "
                "save again."
            )
        return _(
            "Someone else has saved this record since you opened the form. Their "
            "changes are now in the form and your input is kept. You both changed: "
            "%(fields)s. Please check the marked fields and save again."
        ) % {"fields": ", ".join(str(self[name].label) for name, _now in self.conflict_fields)}

    def _seen_state(self, current):
        """The record as the user saw it: its history at the version they opened."""
        try:
            seen_version = int(self.data.get("seen_version") or 0)
        except (TypeError, ValueError):
            return None
        history = getattr(type(current), "history", None)
        if not seen_version or history is None:
            return None
        record = (
            history.filter(id=current.pk, version=seen_version)
            .order_by("-history_date", "-history_id")
            .first()
        )
        return record.instance if record is not None else None


def _as_data(field, value):
    """`value` as the form would send it: a string, a list of them (multiple choice) or
    a bool (checkbox)."""
    prepared = field.prepare_value(value)
    widget = field.widget
    if isinstance(widget, forms.CheckboxInput):
        return bool(widget.check_test(prepared))
    formatted = widget.format_value(prepared)
    if isinstance(formatted, list | tuple):
        if getattr(widget, "allow_multiple_selected", False):
            return sorted(str(v) for v in formatted)
        return str(formatted[0]) if formatted else ""
    return "" if formatted is None else str(formatted)


def _differs(field, one, other):
    return _as_data(field, one) != _as_data(field, other)


def _put(data, key, field, value):
    sent = _as_data(field, value)
    if sent is True:
        data[key] = "on"
    elif sent is False:
        data.pop(key, None)
    elif isinstance(sent, list):
        if hasattr(data, "setlist"):
            data.setlist(key, sent)
        else:
            data[key] = sent
    else:
        data[key] = sent


def _shown(field, value):
    """`value` as a reader knows it: a choice by its label, a date in German."""
    sent = _as_data(field, value)
    if isinstance(sent, bool):
        return str(_("yes") if sent else _("no"))
    if isinstance(field, forms.ChoiceField):
        labels = {}
        for key, label in field.choices:
            if isinstance(label, list | tuple):  # a group of choices
                labels.update((str(k), str(v)) for k, v in label)
            else:
                labels[str(key)] = str(label)
        wanted = sent if isinstance(sent, list) else [sent]
        shown = [labels.get(v, v) for v in wanted if v]
        return ", ".join(shown) or "–"
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return date_format(value, "SHORT_DATE_FORMAT")
    return sent or "–"


class KernForm(KernFormMixin, forms.Form):
    pass


class _InitiativeChoices:
    """A choice of an initiative's objects (a model with a TenantManager). Its queryset
    is read when a form is made, inside the request's initiative scope, never when the
    form class is defined: there is no scope then, and there would be no telling
    which initiative's objects to offer."""

    def __init__(self, queryset, **kwargs):
        self._model = queryset.model
        super().__init__(queryset.model._default_manager.none(), **kwargs)

    def __deepcopy__(self, memo):
        copied = super().__deepcopy__(memo)
        copied.queryset = self._model._default_manager.all()
        return copied


class InitiativeChoiceField(_InitiativeChoices, forms.ModelChoiceField):
    pass


class InitiativeMultipleChoiceField(_InitiativeChoices, forms.ModelMultipleChoiceField):
    pass


def _formfield(db_field, **kwargs):
    """The form field of a model field; a choice of an initiative's objects is an
    InitiativeChoiceField."""
    model = getattr(db_field, "related_model", None)
    if model is not None and is_tenant_model(model):
        if isinstance(db_field, models.ManyToManyField):
            kwargs.setdefault("form_class", InitiativeMultipleChoiceField)
        elif isinstance(db_field, models.ForeignKey):
            kwargs.setdefault("form_class", InitiativeChoiceField)
    return db_field.formfield(**kwargs)


class _KernModelFormMetaclass(forms.models.ModelFormMetaclass):
    """Every model form of ours makes its choices of an initiative's objects with
    `_formfield`, unless its Meta says otherwise."""

    def __new__(mcs, name, bases, attrs):
        meta = attrs.get("Meta")
        if meta is not None and not hasattr(meta, "formfield_callback"):
            meta.formfield_callback = staticmethod(_formfield)
        return super().__new__(mcs, name, bases, attrs)


class KernModelForm(KernFormMixin, forms.ModelForm, metaclass=_KernModelFormMetaclass):
    pass


class Checklist(forms.CheckboxSelectMultiple):
    """Many choices of a long list as checkboxes in a box of its own height, with a
    filter above it that hides the boxes whose label does not match, says how many
    do, and counts the chosen ones (core/checklist.js). The field's template puts it
    in a fieldset whose legend is the field's label. Without JavaScript the filter
    stays hidden and every box is shown and sent.

    The chosen ones come first, so an edit shows at once what a record has. Groups of
    choices are not kept apart: the list is meant for plain choices such as measures."""

    template_name = "core/forms/widgets/checklist.html"
    use_fieldset = True

    class Media:
        js = [forms.Script("core/checklist.js", defer=True)]

    def __init__(self, attrs=None, choices=(), *, filter_label=None, empty_text=None):
        super().__init__(attrs, choices)
        self.filter_label = filter_label or gettext_lazy("Filter the list")
        self.empty_text = empty_text or gettext_lazy("There is nothing to choose from.")

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        options = [option for _group, group, _index in widget["optgroups"] for option in group]
        # Stable: the chosen ones, then the others, each in the order given.
        options.sort(key=lambda option: not option["selected"])
        chosen = sum(1 for option in options if option["selected"])
        texts = _checklist_texts()
        widget.update(
            options=options,
            filter_label=self.filter_label,
            empty_text=self.empty_text,
            summary=_plural(texts, "selected", chosen).replace("{n}", str(chosen)),
            texts=texts,
        )
        return context


def _checklist_texts():
    """What core/checklist.js writes, in the page's language; `{n}` stands for a
    number. A form (one, other) for each count is enough for German and English."""

    def forms_of(singular, plural, **extra):
        return {
            "one": ngettext(singular, plural, 1) % {"count": "{n}", **extra},
            "other": ngettext(singular, plural, 2) % {"count": "{n}", **extra},
        }

    texts = {"matches-none": _("No matches"), "selected-none": _("None selected")}
    for key, words in [
        ("matches", forms_of("%(count)s match", "%(count)s matches")),
        ("selected", forms_of("%(count)s selected", "%(count)s selected")),
        (
            "selected-hidden",
            forms_of(
                "%(count)s selected, %(hidden)s of them hidden by the filter",
                "%(count)s selected, %(hidden)s of them hidden by the filter",
                hidden="{hidden}",
            ),
        ),
    ]:
        for form, text in words.items():
            texts[f"{key}-{form}"] = text
    return texts


def _plural(texts, key, n):
    if n == 0 and f"{key}-none" in texts:
        return texts[f"{key}-none"]
    return texts[f"{key}-{'one' if n == 1 else 'other'}"]


class PlainSelect(forms.Select):
    """A select whose options are joined in Python. Django renders every option through
    a template of its own, so a filter offering hundreds of organisations renders
    hundreds of templates for one field."""

    # Plain (value, label) pairs; setting them instead of `choices` also skips Django's
    # normalising of every choice, work again for each of them.
    options = None

    def render(self, name, value, attrs=None, renderer=None):
        choices = self.choices if self.options is None else self.options
        options = _options_html(tuple((str(key), str(label)) for key, label in choices))
        for chosen in {escape(str(v)) for v in self.format_value(value)}:
            options = options.replace(
                f'<option value="{chosen}">', f'<option value="{chosen}" selected>', 1
            )
        attrs = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        return mark_safe(f"<select{flatatt(attrs)}>{options}</select>")  # noqa: S308 - escaped in _options_html


class PlainTextInput(forms.TextInput):
    """A text input written out directly, for pages that render many (see PlainSelect)."""

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        value = self.format_value(value)
        if value is not None:
            attrs["value"] = value
        return mark_safe(f'<input type="{self.input_type}"{flatatt(attrs)}>')  # noqa: S308 - flatatt escapes


class PlainCheckboxInput(forms.CheckboxInput):
    """A checkbox written out directly, for pages that render many (see PlainSelect)."""

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        if self.check_test(value):
            attrs["checked"] = True
        return mark_safe(f'<input type="checkbox"{flatatt(attrs)}>')  # noqa: S308 - flatatt escapes


@functools.lru_cache(maxsize=64)
def _options_html(options):
    """The <option>s of a select, kept for the next page that offers the same ones
    (a list of organisations changes seldom and is rendered on every page of a list)."""
    return "".join(
        f'<option value="{escape(key)}">{escape(label)}</option>' for key, label in options
    )
