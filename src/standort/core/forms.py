"""Forms rendered in KERN UX markup, errors next to their field."""

from html import escape

from django import forms
from django.forms.renderers import DjangoTemplates
from django.forms.utils import flatatt
from django.utils.safestring import mark_safe


class KernFormRenderer(DjangoTemplates):
    form_template_name = "core/forms/form.html"
    field_template_name = "core/forms/field.html"


def _widget_class(widget):
    if isinstance(widget, forms.CheckboxInput):
        return "kern-form-check__checkbox"
    if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        return ""
    if isinstance(widget, forms.Select):
        return "kern-form-input__select"
    return "kern-form-input__input"


class KernFormMixin:
    """Adds KERN classes to widgets and marks invalid fields for screen readers."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for f in self.fields.values():
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
    """Carries the version the user saw, so a concurrent save can be detected."""

    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = getattr(self, "instance", None)
        if instance is not None and instance.pk and not self.is_bound:
            self.initial["seen_version"] = instance.version

    def report_conflict(self, error):
        """Keep the user's input, show what the other writer changed, and take the
        current version so that saving again deliberately overwrites."""
        self.add_error(None, str(error.message))
        self.conflict = error
        data = self.data.copy()
        data["seen_version"] = error.current.version
        self.data = data


class KernForm(KernFormMixin, forms.Form):
    pass


class KernModelForm(KernFormMixin, forms.ModelForm):
    pass


class PlainSelect(forms.Select):
    """A select whose options are joined in Python. Django renders every option through
    a template of its own; a filter offering hundreds of organisations spent most of
    the page's time there."""

    # Plain (value, label) pairs; setting them instead of `choices` also skips Django's
    # normalising of every choice, which costs as much again for long lists.
    options = None

    def render(self, name, value, attrs=None, renderer=None):
        selected = {str(v) for v in self.format_value(value)}
        options = "".join(
            f'<option value="{escape(str(key))}"{" selected" if str(key) in selected else ""}>'
            f"{escape(str(label))}</option>"
            for key, label in (self.choices if self.options is None else self.options)
        )
        attrs = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        return mark_safe(f"<select{flatatt(attrs)}>{options}</select>")  # noqa: S308 - escaped above
