"""The legal pages of the platform (`/impressum/` …) and of an initiative
(`/<slug>/impressum/` …), and their forms.

Reading is for whoever may see the pages they belong to: the platform's for everyone,
an initiative's for whoever InitiativeMiddleware lets see the initiative, which is
everyone for a public one. A private initiative's pages, legal ones included, stay a
404 for outsiders: its legal notices belong to the pages its members reach, and
publishing them would reveal that the initiative exists. Writing is for the office of
the initiative and the platform admin; the platform's texts for the platform admin."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from standort.core.access import deny
from standort.core.pages import form_page, posted, seen_version, try_save

from . import queries, services
from .forms import AccessibilityStatementForm, LegalTextForm, form_for
from .models import (
    InitiativeAccessibilityStatement,
    InitiativeLegalText,
    PlatformAccessibilityStatement,
    PlatformLegalText,
)

CHANGE = "home.change_legal_texts"

TITLES = {
    "imprint": gettext_lazy("Legal notice"),
    "privacy": gettext_lazy("Privacy policy"),
    "accessibility": gettext_lazy("Accessibility statement"),
}


def page_url(name, initiative=None):
    """The address of the legal page `name` ("imprint", "privacy_edit", …) of the
    initiative, or of the platform."""
    if initiative is None:
        return reverse(name)
    return reverse(f"initiative_{name}", args=[initiative.slug])


def _page(request, template, name, shown):
    initiative = request.initiative
    can_edit = request.user.has_perm(CHANGE, initiative)
    return render(
        request,
        template,
        {
            "initiative": initiative,
            "title": TITLES[name],
            "shown": shown,
            "platform_url": page_url(name),
            "edit_url": page_url(f"{name}_edit", initiative) if can_edit else None,
        },
    )


def legal_text(request, kind, initiative_slug=None):
    shown = queries.legal_text(kind, request.initiative)
    return _page(request, "home/legal_text.html", kind, shown)


def accessibility_statement(request, initiative_slug=None):
    shown = queries.accessibility_statement(request.initiative)
    return _page(request, "home/accessibility_statement.html", "accessibility", shown)


def _edit_page(request, form, save, *, name, saved):
    """The form of the legal page `name`; `save(expected_version)` runs its service."""
    initiative = request.initiative
    if (
        request.method == "POST"
        and form.is_valid()
        and try_save(form, lambda: save(seen_version(form)))
    ):
        messages.success(request, saved)
        return redirect(page_url(name, initiative))
    return form_page(request, form, title=TITLES[name], cancel_url=page_url(name, initiative))


def legal_text_edit(request, kind, initiative_slug=None):
    initiative = request.initiative
    if not request.user.has_perm(CHANGE, initiative):
        return deny(request)
    text = queries.own_legal_text(kind, initiative)
    if text is None:
        # The first version starts from what the page shows now: the platform's text
        # or the sample.
        shown = queries.legal_text(kind, initiative).record.text
        if initiative is None:
            text = PlatformLegalText(kind=kind, text=shown)
        else:
            text = InitiativeLegalText(initiative=initiative, kind=kind, text=shown)
    form = form_for(LegalTextForm, text, posted(request))
    return _edit_page(
        request,
        form,
        lambda version: services.legal_text_save(
            actor=request.user, text=form.instance, expected_version=version
        ),
        name=kind,
        saved=_("The text has been saved."),
    )


def accessibility_statement_edit(request, initiative_slug=None):
    initiative = request.initiative
    if not request.user.has_perm(CHANGE, initiative):
        return deny(request)
    statement = queries.own_accessibility_statement(initiative)
    initial = {}
    if statement is None:
        statement = (
            PlatformAccessibilityStatement()
            if initiative is None
            else InitiativeAccessibilityStatement(initiative=initiative)
        )
        initial = {"prepared_on": timezone.localdate()}
    form = form_for(AccessibilityStatementForm, statement, posted(request), initial=initial)
    return _edit_page(
        request,
        form,
        lambda version: services.accessibility_statement_save(
            actor=request.user, statement=form.instance, expected_version=version
        ),
        name="accessibility",
        saved=_("The accessibility statement has been saved."),
    )
