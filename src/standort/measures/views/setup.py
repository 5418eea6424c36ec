"""TODO: being written."""

from django.http import HttpResponse


def custom_field_list(request, *args, **kwargs):
    return HttpResponse("TODO")


def custom_field_create(request, *args, **kwargs):
    return HttpResponse("TODO")


def custom_field_edit(request, *args, **kwargs):
    return HttpResponse("TODO")


def custom_field_delete(request, *args, **kwargs):
    return HttpResponse("TODO")


def topic_list(request, *args, **kwargs):
    return HttpResponse("TODO")


def topic_create(request, *args, **kwargs):
    return HttpResponse("TODO")


def topic_edit(request, *args, **kwargs):
    return HttpResponse("TODO")


def topic_delete(request, *args, **kwargs):
    return HttpResponse("TODO")
