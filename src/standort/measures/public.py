"""Reads for a public measure's own page and the public feed: only what anonymous
visitors may see of a measure that `dashboard.public_measures` lets them see.

What never reaches them: a person's contact details, a person named without their
consent (`Person.name_is_public`), partners other than by their organisation, the
measure's own fields, notes, attachments and tags, and of a status update anything but
its date, status, traffic light, progress and what has been achieved (not the next
steps and the support needed, which are the working group's)."""

import datetime
from dataclasses import dataclass

from django.db.models import CharField, OuterRef, Subquery, TextField, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from standort.initiatives.models import Body, Organization, full_name

from .dashboard import public_measures
from .models import Measure, Milestone, Partnership, StatusUpdate
from .queries import with_neighbours

Status = Measure.Status

# Of a public measure, these fields of its own: nothing else is read (no custom values,
# no search text, no internal reason of a status other than dropped).
PUBLIC_FIELDS = [
    "number",
    "title",
    "kind",
    "description",
    "goal",
    "status",
    "status_reason",
    "progress",
    "starts_on",
    "due_on",
    "adopted_on",
    "decision",
    "body",
    "topic",
    "owner",
    "owner_organization",
    "adopted_by",
]


@dataclass
class PublicUpdate:
    """What the public learns of an accepted status update."""

    pk: int
    reported_at: object  # datetime
    traffic_light: str
    progress: int
    achieved: str


@dataclass
class PublicMeasure:
    """A public measure as its public page shows it."""

    measure: Measure  # PUBLIC_FIELDS and the names of its neighbours only
    group_name: str  # the working group a sub-group belongs to ("" if none)
    organization_name: str  # the owner's organisation, or the measure's own
    owner_name: str  # "" unless the owner agreed to be named
    partners: list  # [organisation name], in alphabetical order
    milestones: list  # [Milestone], by due date
    updates: list  # [PublicUpdate], the newest first

    @property
    def as_of(self):
        """When the newest accepted status update was reported (None: none yet)."""
        return self.updates[0].reported_at if self.updates else None

    @property
    def dropped_reason(self):
        """Only a dropped measure's reason is public: why it was given up."""
        return self.measure.status_reason if self.measure.status == Status.DROPPED else ""


def public_measure(initiative, number):
    """The public measure `number` of `initiative` with all its page shows, or None
    when there is none (another initiative's, internal, archived or not yet adopted).
    Four queries: the measure with the names of its neighbours (subqueries), its
    milestones, its accepted status updates and its partners' organisations."""
    measure = next(
        iter(
            with_neighbours(
                public_measures(initiative)
                .filter(number=number)
                .only(*PUBLIC_FIELDS)
                .annotate(
                    group_name=Coalesce(
                        Subquery(
                            Body.objects.filter(children=OuterRef("body_id")).values("name")[:1]
                        ),
                        Value(""),
                        output_field=CharField(),
                    ),
                    owners_organization=Subquery(
                        Organization.objects.filter(people=OuterRef("owner_id")).values("name")[:1]
                    ),
                ),
                body=["name"],
                topic=["name"],
                owner=["title", "first_name", "last_name", "name_is_public"],
                owner_organization=["name"],
                adopted_by=["name"],
            )
        ),
        None,
    )
    if measure is None:
        return None
    Measure.initiative.field.set_cached_value(measure, initiative)
    owner = measure.owner
    owner_name = ""
    if owner is not None and owner.name_is_public:
        owner_name = full_name(owner.title, owner.first_name, owner.last_name)
    organization = measure.owner_organization
    return PublicMeasure(
        measure=measure,
        group_name=measure.group_name,
        organization_name=organization.name if organization else measure.owners_organization or "",
        owner_name=owner_name,
        partners=partner_organizations(measure),
        milestones=list(
            Milestone.objects.filter(measure=measure)
            .only("title", "due_on", "completed_on")
            .order_by("due_on", "pk")
        ),
        updates=[
            PublicUpdate(*row)
            for row in accepted_updates(StatusUpdate.objects.filter(measure=measure)).values_list(
                "pk", "reported_at", "traffic_light", "progress", "achieved"
            )
        ],
    )


def accepted_updates(updates):
    """`updates` that are part of the record, the newest report first."""
    return updates.accepted().order_by("-reported_at", "-pk")


def partner_organizations(measure):
    """The names of the organisations of a measure's partners (the partnership's own or
    the person's), each once; partners of no organisation are not named."""
    names = (
        Partnership.objects.filter(measure=measure)
        .annotate(
            organization_name=Coalesce(
                "organization__name", "person__organization__name", output_field=TextField()
            )
        )
        .filter(organization_name__isnull=False)
        .order_by()
        .values_list("organization_name", flat=True)
    )
    return sorted(set(names), key=str.casefold)


# The public feed --------------------------------------------------------------------

# How many entries the feed carries: the newest of each kind, merged.
FEED_LIMIT = 50


@dataclass
class PublicChange:
    """An entry of the public feed: a public measure adopted on `adopted_on` (`update`
    None), or an accepted status update of one."""

    moment: object  # datetime: when it became public record
    number: int
    title: str
    goal: str
    adopted_on: object  # date, or None (an update)
    adopted_by: str
    update: PublicUpdate | None = None


def public_changes(initiative, *, limit=FEED_LIMIT):
    """[PublicChange] of the initiative's public measures, the newest first: their
    accepted status updates (by when they were accepted) and their adoptions (by the
    day recorded; a measure without one has no such entry: the feed names no day it
    does not know). Two queries, each of at most `limit` rows."""
    shown = public_measures(initiative)
    updates = (
        StatusUpdate.objects.accepted()
        .filter(measure__in=shown.order_by().values("pk"))
        .order_by("-accepted_at", "-pk")
        .values_list(
            "accepted_at",
            "measure__number",
            "measure__title",
            "pk",
            "reported_at",
            "traffic_light",
            "progress",
            "achieved",
        )[:limit]
    )
    changes = [
        PublicChange(accepted_at, number, title, "", None, "", PublicUpdate(*update))
        for accepted_at, number, title, *update in updates
    ]
    adopted = with_neighbours(
        shown.filter(adopted_on__isnull=False)
        .only("number", "title", "goal", "adopted_on", "adopted_by")
        .order_by("-adopted_on", "-number"),
        adopted_by=["name"],
    )[:limit]
    for measure in adopted:
        day = measure.adopted_on
        changes.append(
            PublicChange(
                timezone.make_aware(datetime.datetime.combine(day, datetime.time())),
                measure.number,
                measure.title,
                measure.goal,
                day,
                measure.adopted_by.name if measure.adopted_by else "",
            )
        )
    changes.sort(key=lambda change: change.moment, reverse=True)
    return changes[:limit]
