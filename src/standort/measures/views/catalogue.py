"""TODO: being written."""

from django.http import HttpResponse


def measure_list(request, *args, **kwargs):
    return HttpResponse("TODO")


def measure_detail(request, *args, **kwargs):
    return HttpResponse("TODO")


def measure_history(request, *args, **kwargs):
    return HttpResponse("TODO")
