"""What the views of every app share: a form page, running a service so that its
refusal lands on the form or in a message, and the change history of an object."""

from django.contrib import messages
from django.shortcuts import render
from django.utils import timezone

from .concurrency import ConcurrentEditError
from .history import history_entries
from .listing import paginate_ahead
from .services import DomainError

# An object's page shows the newest changes; the whole history has a page of its own.
RECENT_HISTORY = 5
HISTORY_PAGE_SIZE = 50


# An object's page read far more often than the object changes keeps what it shows of
# it in the cache (`{% cache kept_seconds … kept_key %}`) while the key holds. A change
# that left no history record shows after KEPT_SECONDS at the latest.
KEPT_SECONDS = 300


def kept_key(obj, today, *variant):
    """What the kept part of `obj`'s page depends on, besides the language and what the
    reader may do (the template adds both): the object (and its initiative's creation
    time, as a test database hands out the same ids again), its `stamp`
    (`core.history.stamped`), the day, the time zone and `variant`, what else the part
    depends on (a list's query string). `obj` may be the initiative itself."""
    initiative = getattr(obj, "initiative", obj)
    parts = (
        obj._meta.label_lower,
        obj.pk,
        initiative.created_at.timestamp(),
        obj.stamp,
        today.isoformat(),
        timezone.get_current_timezone_name(),
        *variant,
    )
    return ":".join(str(part) for part in parts)


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


def recent_history(record_sets, full_history_url, hidden=frozenset()):
    """The newest changes for an object's page, and the address of its whole history
    when there is more; without changes of the fields named in `hidden`."""
    entries = history_entries(*record_sets, limit=RECENT_HISTORY + 1, hidden=hidden)
    return {
        "history": entries[:RECENT_HISTORY],
        "history_url": full_history_url if len(entries) > RECENT_HISTORY else None,
    }


def history_page(request, initiative, subject, record_sets, subject_url, hidden=frozenset()):
    """The whole change history of `subject`, newest first, a page at a time; without
    changes of the fields named in `hidden`."""
    page = paginate_ahead(
        lambda limit: history_entries(*record_sets, limit=limit, hidden=hidden),
        request.GET.get("page"),
        per_page=HISTORY_PAGE_SIZE,
    )
    return render(
        request,
        "core/history.html",
        {
            "initiative": initiative,
            "subject": subject,
            "subject_url": subject_url,
            "history": page.object_list,
            "page": page,
        },
    )


def delete_page(request, obj, cancel_url, consequence=""):
    """The confirmation before `obj` is deleted, saying what else the deletion does."""
    return render(
        request,
        "core/confirm_delete.html",
        {"object": obj, "cancel_url": cancel_url, "consequence": consequence},
    )
