from django import forms
from django.utils.translation import gettext_lazy as _

from standort.core.forms import KernForm, KernModelForm, VersionedFormMixin

from .models import Comment, Idea


class IdeaForm(VersionedFormMixin, KernModelForm):
    class Meta:
        model = Idea
        fields = ["title", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 8})}


class CommentForm(KernModelForm):
    class Meta:
        model = Comment
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 5})}


class HideForm(KernForm):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=300,
        help_text=_("Everyone reads it in place of the comment."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
