from django.contrib import messages
from django.shortcuts import render

from standort.core.concurrency import ConcurrentEditError

from ..services import DomainError

VIEW = "initiatives.view_initiative"
MANAGE = "initiatives.manage_initiative"


def form_page(request, form, *, title, cancel_url, template="core/form_page.html", **extra):
    return render(
        request, template, {"form": form, "title": title, "cancel_url": cancel_url, **extra}
    )


def try_save(form, save):
    """Runs a service; a conflict or a domain rule ends up as an error on the form,
    with the user's input kept."""
    try:
        save()
    except ConcurrentEditError as conflict:
        form.report_conflict(conflict)
        return False
    except DomainError as error:
        form.add_error(None, str(error))
        return False
    return True


def seen_version(form):
    return form.cleaned_data.get("seen_version") or form.instance.version


def posted(request):
    """The form data of a POST, even an empty one (which must show its errors)."""
    return request.POST if request.method == "POST" else None


def run_action(request, action, success):
    """Runs a service for a button (no form): a domain rule it breaks becomes an error
    message, success the given one. Returns whether it succeeded."""
    try:
        action()
    except DomainError as error:
        messages.error(request, str(error))
        return False
    messages.success(request, success)
    return True
