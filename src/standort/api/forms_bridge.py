"""Writes through the API go through the forms of the pages: the same fields, checks
and messages, then the same services. A client sends JSON; these helpers turn it into
a form's data (over what the form shows of the object now, for a partial change) and
the form's errors back into the fields the client sent. A conflict or a broken rule
of the domain that the service raises is answered by the API's problem handlers."""

from django.utils.translation import gettext as _

from .problems import ApiProblem


def current_values(form):
    """What an unbound form shows of its object, field by field: the base a partial
    change (PATCH) is laid over."""
    return {name: form.get_initial_for_field(field, name) for name, field in form.fields.items()}


def validated(form, names=None):
    """`form` if it is valid; else its errors as a 422 problem, each under the name the
    client used for the field (`names`: form field → API field)."""
    if form.is_valid():
        return form
    names = names or {}
    errors = []
    for field, messages in form.errors.items():
        shown = "-" if field == "__all__" else names.get(field, field)
        errors.extend((shown, message) for message in messages)
    raise ApiProblem("invalid", _("The request has invalid values; see “errors”."), errors)
