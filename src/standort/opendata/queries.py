"""What the open data read: the public measures, their milestones and accepted status
updates, and the figures per goal, each data set in a fixed number of queries however
many measures there are; and the edition of the data, the moment all files of one
state of the data are from."""

from dataclasses import dataclass

from django.db import models
from django.db.models import Case, F, TextField, Value, When
from django.db.models.functions import Coalesce

from standort.core.expressions import TableFunc
from standort.core.history import Newest, records
from standort.indicators.models import Goal
from standort.indicators.queries import public_goal_groups
from standort.initiatives.models import (
    Body,
    Initiative,
    InitiativeOrganization,
    Organization,
    Person,
    full_name,
)
from standort.measures.dashboard import public_measures
from standort.measures.models import Measure, Milestone, Partnership, StatusUpdate, Topic

Status = Measure.Status

# Everything the files show, or their descriptions name (the initiative's name and
# licence, its leading organisation as publisher): while none of these has a newer
# history record, the files stay as they are.
STAMPED_MODELS = (
    Measure,
    Milestone,
    StatusUpdate,
    Partnership,
    Body,
    Topic,
    Person,
    Organization,
    Goal,
    Initiative,
    InitiativeOrganization,
)


class NewestChange(TableFunc):
    """When the newest historical record of `model` was written, anywhere."""

    template = "(SELECT MAX(%(column)s) FROM %(table)s)"

    def __init__(self, model):
        self.history = records(model).model._meta
        super().__init__(output_field=models.DateTimeField())

    def names(self):
        return {"table": self.history.db_table, "column": "history_date"}


@dataclass(frozen=True)
class Edition:
    """A state of the data: `stamp` names it (the newest history record of each of
    STAMPED_MODELS), `as_of` is the moment of the newest change among them, which every
    file of this state gives as the moment its figures are from."""

    stamp: str
    as_of: object  # datetime


def edition(initiative):
    """The initiative's data's Edition: one query. The newest records are those of all
    initiatives (as for the pages kept in the cache, core.history.Newest): a change
    elsewhere starts a new edition with the same figures, never the reverse."""
    by_name = {model._meta.model_name: model for model in STAMPED_MODELS}
    row = (
        Initiative.objects.filter(pk=initiative.pk)
        .annotate(
            **{f"id_{name}": Newest(model) for name, model in by_name.items()},
            **{f"at_{name}": NewestChange(model) for name, model in by_name.items()},
        )
        .values(*(f"id_{name}" for name in by_name), *(f"at_{name}" for name in by_name))
        .get()
    )
    stamp = "-".join(str(row[f"id_{name}"]) for name in by_name)
    moments = [row[f"at_{name}"] for name in by_name if row[f"at_{name}"] is not None]
    return Edition(stamp, max(moments, default=initiative.created_at))


# The data sets' rows ------------------------------------------------------------


def _shown_ids(initiative):
    return public_measures(initiative).order_by().values("pk")


def measure_rows(initiative):
    """The public measures by number, each a dict of what `measures/public.py` lets the
    public see of it, with its partners' organisations: two queries. The owner is named
    only with their consent, a status's reason only of a dropped measure."""
    rows = list(
        public_measures(initiative)
        .order_by("number")
        .values(
            "pk",
            "number",
            "title",
            "kind",
            "description",
            "goal",
            "status",
            "progress",
            "starts_on",
            "due_on",
            "adopted_on",
            "decision",
            dropped_reason=Case(
                When(status=Status.DROPPED, then="status_reason"),
                default=Value(""),
                output_field=TextField(),
            ),
            traffic_light=F("latest_update__traffic_light"),
            reported_at=F("latest_update__reported_at"),
            adopted_by_name=F("adopted_by__name"),
            body_name=F("body__name"),
            group_name=F("body__parent__name"),
            topic_name=F("topic__name"),
            organization_name=Coalesce(
                "owner_organization__name", "owner__organization__name", output_field=TextField()
            ),
            owner_title=F("owner__title"),
            owner_first_name=F("owner__first_name"),
            owner_last_name=F("owner__last_name"),
            owner_consents=F("owner__name_is_public"),
        )
    )
    partners = _partner_organizations(initiative)
    for row in rows:
        names = (row.pop("owner_title"), row.pop("owner_first_name"), row.pop("owner_last_name"))
        row["owner_name"] = full_name(*names) if row.pop("owner_consents") else ""
        row["partners"] = sorted(partners.get(row["pk"], ()), key=str.casefold)
    return rows


def _partner_organizations(initiative):
    """{measure pk: {organisation name}} of the public measures' partners (the
    partnership's organisation or the person's; partners of none are not named)."""
    found = {}
    rows = (
        Partnership.objects.filter(measure__in=_shown_ids(initiative))
        .annotate(
            organization_name=Coalesce(
                "organization__name", "person__organization__name", output_field=TextField()
            )
        )
        .filter(organization_name__isnull=False)
        .order_by()
        .values_list("measure_id", "organization_name")
    )
    for measure_id, name in rows:
        found.setdefault(measure_id, set()).add(name)
    return found


def milestone_rows(initiative):
    """The milestones of the public measures, by measure and due date: one query."""
    return list(
        Milestone.objects.filter(measure__in=_shown_ids(initiative))
        .order_by("measure__number", "due_on", "pk")
        .values("title", "due_on", "completed_on", measure_number=F("measure__number"))
    )


def update_rows(initiative):
    """The accepted status updates of the public measures, by measure and the oldest
    first, with what the public may read of them (never the next steps or the support
    needed): one query."""
    return list(
        StatusUpdate.objects.accepted()
        .filter(measure__in=_shown_ids(initiative))
        .order_by("measure__number", "reported_at", "pk")
        .values(
            "reported_at",
            "traffic_light",
            "progress",
            "achieved",
            measure_number=F("measure__number"),
        )
    )


def goal_rows(initiative):
    """The goals in their order, each with the public measures serving it counted by
    status and their average progress, as the public page shows them grouped by goal:
    two queries (`indicators.queries.public_goal_groups`)."""
    return [
        {"position": position, "title": group.name, "tally": group.tally}
        for position, group in enumerate(
            (group for group in public_goal_groups(initiative) if group.pk is not None), 1
        )
    ]
