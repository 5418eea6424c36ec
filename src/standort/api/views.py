"""The pages of the API app: a user's personal tokens, and the API's page for people."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from standort.core.pages import form_page, posted, try_save
from standort.initiatives.models import DataLicence
from standort.initiatives.queries import public_initiatives

from . import queries, services
from .forms import TokenForm
from .models import ApiToken


@login_required
def token_list(request):
    return render(
        request,
        "api/token_list.html",
        {"tokens": queries.tokens_of(request.user), "active_limit": services.ACTIVE_TOKENS},
    )


@never_cache
@login_required
def token_create(request):
    form = TokenForm(posted(request), instance=ApiToken(), user=request.user)
    if request.method == "POST" and form.is_valid():
        secret = []

        def save():
            secret.append(services.token_create(actor=request.user, token=form.instance))

        if try_save(form, save):
            # Shown on this answer only (not after a redirect): nothing keeps the secret.
            return render(
                request,
                "api/token_created.html",
                {"token": form.instance, "secret": secret[0], "site_url": settings.SITE_URL},
            )
    if not form.fields["initiative"].queryset.exists():
        messages.info(
            request, _("You take part in no initiative; a token would have nothing to read.")
        )
        return redirect("api_tokens")
    return form_page(request, form, title=_("New API token"), cancel_url=reverse("api_tokens"))


@login_required
def token_revoke(request, pk):
    token = queries.token_of(request.user, pk)
    if token is None:
        raise Http404
    if request.method == "POST":
        services.token_revoke(actor=request.user, token=token)
        messages.success(
            request, _("The token “%(name)s” has been revoked.") % {"name": token.name}
        )
        return redirect("api_tokens")
    return render(
        request,
        "core/confirm.html",
        {
            "heading": _("Revoke token"),
            "question": _("Revoke the token “%(name)s” (%(label)s)?")
            % {"name": token.name, "label": token.label},
            "consequence": _(
                "Every program that uses it loses its access at once. This cannot be undone; "
                "you can make a new token."
            ),
            "confirm_label": _("Revoke token"),
            "cancel_url": reverse("api_tokens"),
        },
    )


def api_guide(request):
    """What the API offers, how to get a token, examples, the licence: for people."""
    initiatives = list(public_initiatives())
    return render(
        request,
        "api/guide.html",
        {
            "site_url": settings.SITE_URL,
            "initiatives": [(i, DataLicence(i.data_licence)) for i in initiatives],
            "example_slug": initiatives[0].slug if initiatives else "stadt",
            "rate_public": settings.API_RATE_PUBLIC,
            "rate_token": settings.API_RATE_TOKEN,
        },
    )
