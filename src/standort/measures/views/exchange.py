"""The measure list as CSV and XLSX, and the import of such a file: upload, preview,
confirm. The upload waits in the database (PendingImport) between preview and
confirmation, and is read again on confirmation, since the data may have changed."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from standort.core.access import initiative_permission
from standort.core.concurrency import ConcurrentEditError
from standort.core.forms import KernForm
from standort.core.services import DomainError
from standort.initiatives.views import CONTACTS

from .. import custom_fields, exchange
from ..filters import filtered_measures
from ..models import Measure, PendingImport

VIEW = "measures.view_measures"
MANAGE = "measures.manage_measures"
CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _download(initiative, content, extension, content_type):
    name = f"massnahmen-{initiative.slug}-{timezone.localdate():%Y-%m-%d}.{extension}"
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _shows_contacts(request, initiative):
    return request.user.has_perm(CONTACTS, initiative)


@initiative_permission(VIEW)
def export_csv(request, initiative):
    _form, measures = filtered_measures(request, initiative)
    content = exchange.write_csv(initiative, measures, _shows_contacts(request, initiative))
    return _download(initiative, content, "csv", CSV_TYPE)


@initiative_permission(VIEW)
def export_xlsx(request, initiative):
    _form, measures = filtered_measures(request, initiative)
    content = exchange.write_xlsx(initiative, measures, _shows_contacts(request, initiative))
    return _download(initiative, content, "xlsx", XLSX_TYPE)


class UploadForm(KernForm):
    file = forms.FileField(label=gettext_lazy("File"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "An Excel file (.xlsx) or a CSV file (.csv) of at most %(size)s, in the columns "
            "described below."
        ) % {"size": filesizeformat(settings.IMPORT_MAX_BYTES)}
        self.fields["file"].widget.attrs["accept"] = ".xlsx,.csv"


def _page(request, initiative, form, plan=None, pending=None):
    fields = custom_fields.fields_of(initiative)
    statuses = dict(Measure.Status.choices)
    creates = [
        {
            "row": entry.row,
            "number": entry.number,
            "title": entry.title,
            "body": entry.values.get("body"),
            "owner": entry.values.get("owner"),
            "status": statuses[entry.values.get("status", Measure.Status.PROPOSED)],
        }
        for entry in (plan.creates if plan else [])
    ]
    return render(
        request,
        "measures/measure_import.html",
        {
            "initiative": initiative,
            "form": form,
            "plan": plan,
            "creates": creates,
            "pending": pending,
            "columns": exchange.column_help(fields),
        },
    )


@initiative_permission(MANAGE)
def import_measures(request, initiative):
    if request.method == "POST" and "pending" in request.POST:
        return _confirm(request, initiative)
    form = UploadForm(request.POST or None, request.FILES or None)
    if not (request.method == "POST" and form.is_valid()):
        return _page(request, initiative, form)
    upload = form.cleaned_data["file"]
    # Never more than one byte beyond the limit into memory.
    content = upload.read(settings.IMPORT_MAX_BYTES + 1)
    plan = exchange.read(initiative, upload.name, content)
    pending = None
    if plan.is_valid and plan.has_changes:
        PendingImport.objects.filter(initiative=initiative, created_by=request.user).delete()
        pending = PendingImport.objects.create(
            initiative=initiative,
            created_by=request.user,
            file_name=upload.name[:200],
            content=content,
        )
    return _page(request, initiative, UploadForm(), plan, pending)


def _confirm(request, initiative):
    pk = request.POST["pending"]
    if not pk.isdigit():
        raise Http404
    pending = get_object_or_404(
        PendingImport, pk=pk, initiative=initiative, created_by=request.user
    )
    plan = exchange.read(initiative, pending.file_name, bytes(pending.content))
    if plan.is_valid:
        try:
            created, updated = exchange.apply(request.user, initiative, plan)
        except ConcurrentEditError:
            plan.errors.append(
                exchange.Problem(
                    None,
                    "",
                    _(
                        "A measure was changed while you looked at the preview. Nothing has "
                        "been imported; please upload the file again."
                    ),
                    "conflict",
                )
            )
        except exchange.ImportRefused as refused:
            plan.errors.extend(refused.problems)
        except DomainError as error:
            plan.errors.append(exchange.Problem(None, "", str(error), "domain"))
        else:
            pending.delete()
            messages.success(
                request,
                ngettext(
                    "The import is done: %(created)s measure created, %(updated)s changed.",
                    "The import is done: %(created)s measures created, %(updated)s changed.",
                    created,
                )
                % {"created": created, "updated": updated},
            )
            return redirect("measure_list", initiative.slug)
    pending.delete()
    return _page(request, initiative, UploadForm(), plan)
