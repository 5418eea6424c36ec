"""TODO: being written."""

from django.http import HttpResponse


def export_csv(request, *args, **kwargs):
    return HttpResponse("TODO")


def export_xlsx(request, *args, **kwargs):
    return HttpResponse("TODO")


def import_measures(request, *args, **kwargs):
    return HttpResponse("TODO")
