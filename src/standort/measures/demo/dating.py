"""The demo's past: its rows are written today, but its initiatives began years ago
(Duisburg in 2015, Mülheim in 2017) and its reviews closed in 2018, 2019 and 2025. So
that the plan as of a past date (measures.asof), the comparison with an earlier day and
"what changed since" read a plausible past, each object's first history record is
dated when it came into being: a measure when it was adopted (else when the initiative
began), its milestones with it, a status update when it was accepted, the working
groups, owners and organisations when the initiative began; and a measure's creation
time follows. Only dates move (plain UPDATEs), so loading again writes no history."""

import datetime

from django.utils import timezone

from standort.core.history import records
from standort.initiatives.models import Body, Organization, Person

from ..models import Measure, Milestone, StatusUpdate


def _moment(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))


def date_the_past(initiative):
    if initiative.starts_on is None:
        return
    began = _moment(initiative.starts_on)
    measures = list(
        Measure.objects.filter(initiative=initiative).values_list(
            "pk", "adopted_on", "body_id", "owner_id", "owner_organization_id"
        )
    )
    born = {pk: _moment(adopted_on) if adopted_on else began for pk, adopted_on, *_ in measures}
    for pk, moment in born.items():
        Measure.objects.filter(pk=pk, created_at__gt=moment).update(created_at=moment)
        records(Measure, id=pk, history_type="+", history_date__gt=moment).update(
            history_date=moment
        )
    for pk, measure_id in Milestone.objects.filter(measure__initiative=initiative).values_list(
        "pk", "measure_id"
    ):
        records(Milestone, id=pk, history_type="+", history_date__gt=born[measure_id]).update(
            history_date=born[measure_id]
        )
    for pk, accepted_at in StatusUpdate.objects.filter(
        measure__initiative=initiative, accepted_at__isnull=False
    ).values_list("pk", "accepted_at"):
        records(StatusUpdate, id=pk, history_date__gt=accepted_at).update(history_date=accepted_at)
    related = {
        Body: {body for _pk, _a, body, _o, _org in measures if body},
        Person: {owner for _pk, _a, _b, owner, _org in measures if owner},
        Organization: {org for *_rest, org in measures if org},
    }
    related[Organization] |= set(
        Person.objects.filter(pk__in=related[Person], organization__isnull=False).values_list(
            "organization_id", flat=True
        )
    )
    for model, ids in related.items():
        records(model, id__in=ids, history_type="+", history_date__gt=began).update(
            history_date=began
        )
