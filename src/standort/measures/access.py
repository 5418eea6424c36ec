from standort.core.access import object_permission

from .models import Measure


def measure_permission(perm):
    """`/<slug>/measures/<number>/…`: the measure of the request's initiative with that
    number (numbers are per initiative)."""
    return object_permission(
        perm,
        lambda request: Measure.objects.select_related("body", "owner"),
        url_kwarg="number",
        field="number",
    )
