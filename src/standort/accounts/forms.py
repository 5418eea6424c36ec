from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm
from django.utils.translation import gettext_lazy as _

from standort.core.forms import KernFormMixin, KernModelForm

from .models import User, normalized_address


class LoginForm(KernFormMixin, AuthenticationForm):
    error_messages = {
        "invalid_login": _(
            "E-mail address or password is not correct. Both are case-sensitive "
            "except the e-mail address."
        ),
        "inactive": _("This account is inactive."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("E-mail address")
        self.fields["username"].widget.attrs["autocomplete"] = "email"

    def clean_username(self):
        return normalized_address(self.cleaned_data.get("username"))


class KernPasswordResetForm(KernFormMixin, PasswordResetForm):
    def clean_email(self):
        return normalized_address(self.cleaned_data.get("email"))


class KernSetPasswordForm(KernFormMixin, SetPasswordForm):
    pass


class ProfileForm(KernModelForm):
    class Meta:
        model = User
        fields = ["first_name", "last_name", "language"]
