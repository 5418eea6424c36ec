from django.contrib.auth import views as auth_views
from django.urls import path

from standort.core.throttle import Limit, posted, throttle

from . import views
from .forms import KernPasswordResetForm, KernSetPasswordForm, LoginForm
from .models import normalized_address

# Failed sign-ins of one address are locked out by django-axes (AXES_FAILURE_LIMIT);
# these limits hold every attempt, also those spread over many addresses.
SIGN_IN = [
    Limit("sign-in-address", "10/10m", posted("username", normalized_address)),
    Limit("sign-in-client", "50/10m"),
]
# Each request sends a mail: a few per address, a few more per client.
RESET = [
    Limit("reset-address", "3/h", posted("email", normalized_address)),
    Limit("reset-client", "10/h"),
]
# Pages that check a token of the address: per client, as for personal links.
TOKEN_PAGES = [Limit("token-pages", "30/10m")]

# The admin ships templates under the same registration/ names and comes first in
# INSTALLED_APPS, so the password reset pages name their own templates.

urlpatterns = [
    path(
        "login/",
        throttle(*SIGN_IN)(
            auth_views.LoginView.as_view(
                authentication_form=LoginForm, redirect_authenticated_user=True
            )
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "password_reset/",
        throttle(*RESET)(
            auth_views.PasswordResetView.as_view(
                form_class=KernPasswordResetForm,
                template_name="accounts/password_reset_form.html",
                email_template_name="accounts/password_reset_email.html",
                html_email_template_name=None,
                subject_template_name="registration/password_reset_subject.txt",
            )
        ),
        name="password_reset",
    ),
    path(
        "password_reset/done/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "reset/<uidb64>/<token>/",
        throttle(*TOKEN_PAGES, methods=("GET", "POST"))(
            auth_views.PasswordResetConfirmView.as_view(
                form_class=KernSetPasswordForm, template_name="accounts/password_reset_confirm.html"
            )
        ),
        name="password_reset_confirm",
    ),
    path(
        "reset/done/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
    path("profile/", views.profile, name="profile"),
    path("language/", views.switch_language, name="set_language"),
    path(
        "invitation/<uidb64>/<token>/",
        throttle(*TOKEN_PAGES, methods=("GET", "POST"))(views.accept_invitation),
        name="accept_invitation",
    ),
]
