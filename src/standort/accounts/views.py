from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.http import urlsafe_base64_decode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language

from .forms import KernSetPasswordForm, ProfileForm
from .models import User
from .tokens import TokenState, invitation_token


def _remember_language(response, language):
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response


@require_POST
def switch_language(request):
    """Django's set_language, and for a signed-in user also their profile, so the
    choice follows them to every device."""
    response = set_language(request)
    language = request.POST.get("language")
    if request.user.is_authenticated and language in dict(settings.LANGUAGES):
        request.user.language = language
        request.user.save(update_fields=["language"])
    return response


@login_required
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        translation.activate(user.language)
        messages.success(request, _("Your profile has been saved."))
        return _remember_language(redirect("profile"), user.language)
    return render(request, "accounts/profile.html", {"form": form})


def _user_from_uid(uidb64):
    try:
        return User.objects.get(pk=urlsafe_base64_decode(uidb64).decode())
    except (TypeError, ValueError, OverflowError, User.DoesNotExist):
        return None


def accept_invitation(request, uidb64, token):
    user = _user_from_uid(uidb64)
    state = invitation_token.state(user, token)
    if state is not TokenState.VALID:
        return render(
            request,
            "accounts/invitation_invalid.html",
            {"expired": state is TokenState.EXPIRED, "timeout": settings.INVITATION_TIMEOUT_DAYS},
            status=410,
        )
    form = KernSetPasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        if not user.is_active:
            user.is_active = True
            user.save(update_fields=["is_active"])
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Welcome! Your password has been set."))
        return redirect("home")
    return render(request, "accounts/invitation_accept.html", {"form": form, "invitee": user})
