"""TODO: being written."""

from django.http import HttpResponse


def measure_create(request, *args, **kwargs):
    return HttpResponse("TODO")


def measure_edit(request, *args, **kwargs):
    return HttpResponse("TODO")


def measure_status(request, *args, **kwargs):
    return HttpResponse("TODO")


def measure_delete(request, *args, **kwargs):
    return HttpResponse("TODO")


def measure_restore(request, *args, **kwargs):
    return HttpResponse("TODO")


def milestone_create(request, *args, **kwargs):
    return HttpResponse("TODO")


def milestone_edit(request, *args, **kwargs):
    return HttpResponse("TODO")


def milestone_delete(request, *args, **kwargs):
    return HttpResponse("TODO")


def partnership_create(request, *args, **kwargs):
    return HttpResponse("TODO")


def partnership_edit(request, *args, **kwargs):
    return HttpResponse("TODO")


def partnership_delete(request, *args, **kwargs):
    return HttpResponse("TODO")


def attachment_upload(request, *args, **kwargs):
    return HttpResponse("TODO")


def attachment_download(request, *args, **kwargs):
    return HttpResponse("TODO")


def attachment_delete(request, *args, **kwargs):
    return HttpResponse("TODO")
