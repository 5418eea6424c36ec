import datetime

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from standort.core.forms import KernModelForm

from .models import ApiToken
from .queries import initiatives_for_tokens

# A token lives at most a year: a forgotten one stops working on its own.
LONGEST_VALIDITY = datetime.timedelta(days=365)


class TokenForm(KernModelForm):
    class Meta:
        model = ApiToken
        fields = ["name", "initiative", "scope", "expires_on"]
        widgets = {"scope": forms.RadioSelect, "expires_on": forms.DateInput}
        help_texts = {
            "initiative": gettext_lazy("The token reads and writes in this initiative only."),
            "scope": gettext_lazy(
                "Writing (measures, milestones, status reports) is possible only where your "
                "role allows it on the pages too."
            ),
            "expires_on": gettext_lazy("At most one year from today."),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["initiative"].queryset = initiatives_for_tokens(user)
        self.fields["initiative"].empty_label = None

    def clean_expires_on(self):
        day = self.cleaned_data["expires_on"]
        today = timezone.localdate()
        if day < today:
            raise forms.ValidationError(_("The date must not be in the past."))
        if day > today + LONGEST_VALIDITY:
            raise forms.ValidationError(
                _("A token is valid for at most one year, i.e. until %(day)s.")
                % {"day": date_format(today + LONGEST_VALIDITY, "SHORT_DATE_FORMAT")}
            )
        return day
