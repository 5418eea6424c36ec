from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from standort.core.forms import KernFormMixin, KernModelForm, VersionedFormMixin
from standort.initiatives.models import Organization
from standort.measures.forms import GroupedDecimalField

from .models import Question, Section, Survey

SHORT_TEXT = 300
LONG_TEXT = 5_000


class SurveyForm(VersionedFormMixin, KernModelForm):
    class Meta:
        model = Survey
        fields = ["title", "introduction", "privacy_notice", "is_anonymous", "closes_on"]
        widgets = {
            "introduction": forms.Textarea(attrs={"rows": 4}),
            "privacy_notice": forms.Textarea(attrs={"rows": 4}),
            "closes_on": forms.DateInput,
        }


class WaveForm(KernFormMixin, forms.Form):
    title = forms.CharField(label=_("Title of the new wave"), max_length=200)


class SectionForm(KernModelForm):
    class Meta:
        model = Section
        fields = ["title", "description", "position"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class QuestionForm(KernModelForm):
    min_value = GroupedDecimalField(
        label=_("lowest number"), max_digits=14, decimal_places=2, required=False, localize=True
    )
    max_value = GroupedDecimalField(
        label=_("highest number"), max_digits=14, decimal_places=2, required=False, localize=True
    )

    class Meta:
        model = Question
        fields = [
            "kind",
            "text",
            "help_text",
            "required",
            "choices",
            "low_label",
            "high_label",
            "min_value",
            "max_value",
            "position",
        ]
        widgets = {"choices": forms.Textarea(attrs={"rows": 5})}
        help_texts = {
            "low_label": _("For a scale, e.g. “not at all”."),
            "high_label": _("For a scale, e.g. “fully”."),
        }

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        lines = [line for line in (cleaned.get("choices") or "").splitlines() if line.strip()]
        if kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE) and len(lines) < 2:
            self.add_error("choices", _("Give at least two answers, one per line."))
        low, high = cleaned.get("min_value"), cleaned.get("max_value")
        if low is not None and high is not None and low > high:
            self.add_error("max_value", _("The highest number must not be below the lowest."))
        return cleaned


class RecipientFilterForm(KernFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("all"))] + Organization.Kind.choices
    )
    sector = forms.ChoiceField(
        label=_("Sector (WZ 2008)"),
        required=False,
        choices=[("", _("all"))] + Organization.Sector.choices,
    )
    size = forms.ChoiceField(
        label=_("Size"), required=False, choices=[("", _("all"))] + Organization.Size.choices
    )
    site = forms.TypedChoiceField(label=_("Industrial area"), required=False, coerce=int)

    def __init__(self, *args, sites=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].choices = [("", _("all"))] + [(s.pk, s.name) for s in sites]


class ResultFilterForm(KernFormMixin, forms.Form):
    sector = forms.ChoiceField(
        label=_("Sector (WZ 2008)"),
        required=False,
        choices=[("", _("all"))] + Organization.Sector.choices,
    )
    size = forms.ChoiceField(
        label=_("Size"), required=False, choices=[("", _("all"))] + Organization.Size.choices
    )


def _field(question):
    """The form field that asks `question`."""
    common = {
        "label": question.text,
        "required": question.required,
        "help_text": question.help_text,
    }
    kind = question.kind
    if kind == Question.Kind.MULTIPLE:
        return forms.TypedMultipleChoiceField(
            choices=question.options, coerce=int, widget=forms.CheckboxSelectMultiple, **common
        )
    if question.is_choice:
        return forms.TypedChoiceField(
            choices=question.options, coerce=int, widget=forms.RadioSelect, **common
        )
    if kind == Question.Kind.NUMBER:
        return GroupedDecimalField(
            max_digits=14,
            decimal_places=2,
            localize=True,
            min_value=question.min_value,
            max_value=question.max_value,
            **common,
        )
    if kind == Question.Kind.SHORT_TEXT:
        return forms.CharField(max_length=SHORT_TEXT, **common)
    return forms.CharField(max_length=LONG_TEXT, widget=forms.Textarea(attrs={"rows": 5}), **common)


class SectionAnswerForm(KernFormMixin, forms.Form):
    """The questions of one section; a field per question, named by its id."""

    def __init__(self, *args, questions, initial=None, **kwargs):
        self.base_fields = {str(q.pk): _field(q) for q in questions}
        # A draft keeps numbers as text; the field writes them in the reader's way.
        initial = dict(initial or {})
        for question in questions:
            key = str(question.pk)
            if question.kind == Question.Kind.NUMBER and isinstance(initial.get(key), str):
                try:
                    initial[key] = Decimal(initial[key])
                except ArithmeticError:
                    del initial[key]
        super().__init__(*args, initial=initial, **kwargs)


class PublishForm(KernFormMixin, forms.Form):
    """A result (the share of one answer to one question) as an indicator's value."""

    answer = forms.ChoiceField(label=_("Answer"))
    indicator = forms.ModelChoiceField(label=_("Indicator"), queryset=None)
    observed_on = forms.DateField(
        label=_("As of"), widget=forms.DateInput, help_text=_("e.g. the last day of the survey")
    )

    def __init__(self, *args, questions, indicators, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = {str(q.pk): q for q in questions}
        self.fields["answer"].choices = [
            (q.text, [(f"{q.pk}:{option}", f"{label}") for option, label in q.options])
            for q in questions
        ]
        self.fields["indicator"].queryset = indicators
        self._add_kern_classes()

    def clean_answer(self):
        question_pk, option = self.cleaned_data["answer"].split(":")
        return self.questions[question_pk], int(option)
