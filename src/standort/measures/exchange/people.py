"""Who counts as a person of the initiative for the exchange files."""

from django.db.models import Q

from standort.initiatives.models import Organization, Person
from standort.initiatives.queries import participants

from ..models import Measure, Partnership


def people_of(initiative):
    """The initiative's participants, and whoever owns or partners one of its measures
    (so that an exported list always imports again)."""
    return Person.objects.filter(
        Q(pk__in=participants(initiative).values("pk"))
        | Q(pk__in=Measure.objects.filter(initiative=initiative).values("owner"))
        | Q(pk__in=Partnership.objects.filter(measure__initiative=initiative).values("person"))
    )


def organizations_of(initiative):
    """Organisations taking part, those of its people, and those named on its measures."""
    people = people_of(initiative)
    return Organization.objects.filter(
        Q(pk__in=Organization.objects.filter(initiative_links__initiative=initiative).values("pk"))
        | Q(pk__in=people.values("organization"))
        | Q(pk__in=Measure.objects.filter(initiative=initiative).values("owner_organization"))
        | Q(
            pk__in=Partnership.objects.filter(measure__initiative=initiative).values("organization")
        )
    )
