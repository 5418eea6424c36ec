"""Reads of each public initiative's public record for OParl: which objects of a kind
are in it now, which were once and are gone (their tombstones), and when each was
created and last modified.

The record itself is what the apps' queries say it is (`public_bodies`,
`public_people`, `public_memberships`, `public_meetings`, `public_measures`), so the
public pages, OParl and the API never disagree. The times are read from the change
history (core.history: simple-history keeps a row for every save and every delete):

* `created`: the object's first history row, else a creation time of its own row
  (`created_at`) where it has one; rows written in bulk without history (the bench)
  fall back to the parent's creation.
* `modified`: the newest history row of everything its OParl object shows, embedded
  objects included: a meeting's agenda items and their decisions, a person's
  memberships and consent, a paper's status updates, parts, owner and the meetings
  that decided on it. A new or changed row anywhere there moves it, and a harvester
  asking `modified_since` learns of it.
* tombstones: an object once in the record (a history row says it was: a meeting
  marked public, a measure published, a person who had consented) that is not in it
  any more, because it was deleted or left it (marked internal again, consent
  withdrawn). It keeps answering at its URL with `deleted: true`, `modified` being
  the history row that took it out.

Everything here runs inside the initiative's scope (`core.tenancy.initiative_scope`)."""

import datetime
import functools

from django.db.models import (
    BooleanField,
    DateTimeField,
    F,
    Func,
    Min,
    OuterRef,
    Prefetch,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce, Greatest

from standort.core.history import Newest, records
from standort.initiatives.models import Body, Initiative, Membership, Organization, Person
from standort.initiatives.queries import public_bodies, public_memberships, public_people
from standort.measures.dashboard import PUBLIC_STATUSES, public_measures
from standort.measures.models import Measure, StatusUpdate, Topic
from standort.meetings.models import AgendaItem, Decision, Meeting, MinutesState
from standort.meetings.queries import public_meetings

# Below every real time: what a missing history row counts as, so that the newest of
# several sources is never unknown because one of them has no row.
EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)

Adoption = Decision.adopted_measures.through


def _history(function, model, **conditions):
    """MIN or MAX of the history rows' dates of `model` matching `conditions`, as a
    subquery (one row, without grouping)."""
    rows = records(model, **conditions).order_by()
    when = Func(F("history_date"), function=function, output_field=DateTimeField())
    return Subquery(rows.annotate(when=when).values("when")[:1], output_field=DateTimeField())


def newest(model, **conditions):
    return _history("MAX", model, **conditions)


def first(model, **conditions):
    return _history("MIN", model, **conditions)


def _latest(*dates):
    return Greatest(*(Coalesce(date, Value(EPOCH)) for date in dates), Value(EPOCH))


def _once_public_meetings(initiative):
    return records(Meeting, initiative_id=initiative.pk, is_public=True).values("id")


def _approved(meetings):
    return meetings.filter(minutes_state=MinutesState.APPROVED)


class Kind:
    """One kind of OParl object of an initiative's record, kept in one model. `key` of
    an object is its primary key; `name` is its URL segment and list name.

    `sources` and `created_from` are expressions on the object's row that are valid on
    the live row and on its historical row alike (the same column names), so that a
    tombstone is timed as the object was."""

    name = ""
    model = None
    # Columns of the live row only that move `modified` (not kept in the history).
    live_dates = ()

    def public(self, initiative):
        raise NotImplementedError

    def once_public(self, initiative):
        """Ids of the objects a history row shows in the record once (a superset of
        those that were is wrong: it would name internal objects)."""
        raise NotImplementedError

    def sources(self, initiative):
        return [newest(self.model, id=OuterRef("id"))]

    def created_from(self, initiative):
        return first(self.model, id=OuterRef("id"))

    def created_fallback(self):
        return Value(EPOCH)

    def timed(self, queryset, initiative, *, live=True):
        created, modified = self._times(initiative.pk if initiative else None, live)
        return queryset.annotate(created=created).annotate(modified=modified)

    @functools.lru_cache(maxsize=256)  # noqa: B019 - kinds live as long as the process
    def _times(self, initiative_pk, live):
        """The expressions of `created` and `modified`, built once per initiative:
        building their dozen subqueries cost a list page more than running them."""
        initiative = Initiative(pk=initiative_pk) if initiative_pk else None
        created = Coalesce(self.created_from(initiative), self.created_fallback())
        dates = [*self.sources(initiative), *(F(name) for name in self.live_dates if live)]
        return created, Greatest(F("created"), _latest(*dates))

    def rows(self, initiative, *, timed=True):
        """(key, created, modified, deleted) of the objects in the record now; without
        `timed` the times are None (a page that neither filters nor merges by them
        reads them with its objects, for its rows only)."""
        if not timed:
            none = Value(None, output_field=DateTimeField())
            return (
                self.public(initiative)
                .annotate(created=none, modified=none)
                .annotate(deleted=Value(False, output_field=BooleanField()))
                .values_list("id", "created", "modified", "deleted")
            )
        return (
            self.timed(self.public(initiative), initiative)
            .annotate(deleted=Value(False, output_field=BooleanField()))
            .values_list("id", "created", "modified", "deleted")
        )

    def gone(self, initiative):
        """The latest history row of each object once in the record and not now."""
        history = records(self.model)
        latest = (
            records(self.model, id=OuterRef("id"))
            .order_by("-history_date", "-history_id")
            .values("history_id")[:1]
        )
        return (
            history.filter(id__in=self.once_public(initiative))
            .exclude(id__in=self.public(initiative).values("pk"))
            .filter(history_id=Subquery(latest))
        )

    def tombstones(self, initiative):
        return (
            self.timed(self.gone(initiative), initiative, live=False)
            .annotate(deleted=Value(True, output_field=BooleanField()))
            .values_list("id", "created", "modified", "deleted")
        )

    def tombstone(self, initiative, key):
        """(created, modified) of the object `key` if it is a tombstone, else None."""
        row = self.tombstones(initiative).filter(id=key).first()
        return row[1:3] if row else None

    def objects(self, initiative, keys):
        """{key: object} of the live objects `keys` with what their OParl object shows,
        each with `created` and `modified`."""
        queryset = self.timed(self.fetch(self.public(initiative), initiative), initiative)
        return {obj.pk: obj for obj in queryset.filter(pk__in=keys)}

    def fetch(self, queryset, initiative):
        return queryset


class BodyKind(Kind):
    """The initiative itself (`oparl:Body`); the system's list of them."""

    name = "body"
    model = Initiative
    live_dates = ("created_at",)

    def public(self, initiative=None):
        return Initiative.objects.filter(is_public=True)

    def created_fallback(self):
        return F("created_at")

    def once_public(self, initiative):
        # A non-public initiative's record is closed altogether (404): no tombstones.
        return Initiative.objects.none().values("pk")


class OrganizationKind(Kind):
    """The initiative's bodies (`oparl:Organization`)."""

    name = "organization"
    model = Body

    def public(self, initiative):
        return public_bodies(initiative)

    def once_public(self, initiative):
        return records(Body, initiative_id=initiative.pk).values("id")

    def created_fallback(self):
        return F("initiative__created_at")

    def fetch(self, queryset, initiative):
        return queryset.only("name", "kind", "parent", "initiative")


def _consented_people():
    return records(Person, name_is_public=True).values("id")


def _bodies_ever(initiative):
    return records(Body, initiative_id=initiative.pk).values("id")


class MembershipKind(Kind):
    """Memberships of consenting people in the initiative's bodies."""

    name = "membership"
    model = Membership

    def public(self, initiative):
        return public_memberships(initiative)

    def once_public(self, initiative):
        return records(
            Membership,
            body_id__in=_bodies_ever(initiative),
            person_id__in=_consented_people(),
        ).values("id")

    def sources(self, initiative):
        # The person's consent decides whether the membership is public.
        return [*super().sources(initiative), newest(Person, id=OuterRef("person_id"))]

    def created_fallback(self):
        return F("body__initiative__created_at")

    def fetch(self, queryset, initiative):
        return queryset.only("body", "person", "role", "starts_on", "ends_on")


class PersonKind(Kind):
    """People named in the initiative's record: those with a public membership."""

    name = "person"
    model = Person

    def public(self, initiative):
        return public_people(initiative)

    def once_public(self, initiative):
        ever = records(Membership, body_id__in=_bodies_ever(initiative)).values("person_id")
        return records(Person, name_is_public=True, id__in=ever).values("id")

    def sources(self, initiative):
        return [
            *super().sources(initiative),
            # The memberships embedded in the person.
            newest(Membership, person_id=OuterRef("id"), body_id__in=_bodies_ever(initiative)),
            # The organisation named beside the person.
            newest(Organization, id=OuterRef("organization_id")),
        ]

    def fetch(self, queryset, initiative):
        memberships = MEMBERSHIP.timed(
            public_memberships(initiative).only(*MEMBERSHIP_FIELDS).order_by("pk"), initiative
        )
        return (
            queryset.select_related("organization")
            .only("title", "first_name", "last_name", "organization__name")
            .prefetch_related(Prefetch("memberships", memberships, to_attr="public_memberships"))
        )


MEMBERSHIP_FIELDS = ("body", "person", "role", "starts_on", "ends_on")


class MeetingKind(Kind):
    """Public meetings; their agenda items, place and approved minutes embedded."""

    name = "meeting"
    model = Meeting

    def public(self, initiative):
        return public_meetings(initiative)

    def once_public(self, initiative):
        return _once_public_meetings(initiative)

    def sources(self, initiative):
        items = records(AgendaItem, meeting_id=OuterRef(OuterRef("id"))).values("id")
        return [
            *super().sources(initiative),
            newest(AgendaItem, meeting_id=OuterRef("id")),
            newest(Decision, agenda_item_id__in=items),
        ]

    def created_fallback(self):
        return F("created_at")

    def fetch(self, queryset, initiative):
        items = AGENDA_ITEM.fetch(
            AGENDA_ITEM.timed(AgendaItem.objects.order_by("position", "pk"), initiative),
            initiative,
        )
        return (
            queryset.only(*MEETING_FIELDS)
            .annotate(own_modified=newest(Meeting, id=OuterRef("id")))
            .prefetch_related(Prefetch("agenda", items, to_attr="public_agenda"))
        )


MEETING_FIELDS = (
    "title",
    "body",
    "starts_at",
    "ends_at",
    "location",
    "state",
    "minutes_state",
    "minutes_approved_at",
    "created_at",
    "initiative",
)


class AgendaItemKind(Kind):
    """The agenda items of public meetings, with the decisions as resolution text once
    the minutes are approved (as the public meeting page shows them)."""

    name = "agendaitem"
    model = AgendaItem

    def public(self, initiative):
        return AgendaItem.objects.filter(meeting__in=public_meetings(initiative))

    def once_public(self, initiative):
        return records(AgendaItem, meeting_id__in=_once_public_meetings(initiative)).values("id")

    def sources(self, initiative):
        return [
            *super().sources(initiative),
            newest(Decision, agenda_item_id=OuterRef("id")),
            # Its meeting: public or not, its minutes approved or not.
            newest(Meeting, id=OuterRef("meeting_id")),
        ]

    def created_fallback(self):
        return F("meeting__created_at")

    def fetch(self, queryset, initiative):
        decisions = Decision.objects.only("agenda_item", "text").order_by("pk")
        return (
            queryset.select_related("meeting")
            .only("meeting", "position", "title", "meeting__minutes_state")
            .prefetch_related(Prefetch("decisions", decisions, to_attr="decision_list"))
        )


class PaperKind(Kind):
    """Public measures (`oparl:Paper`) with the decisions on them embedded."""

    name = "paper"
    model = Measure
    live_dates = ("updated_at",)

    def public(self, initiative):
        if not initiative.is_public:
            return Measure.objects.none()
        return public_measures(initiative)

    def once_public(self, initiative):
        return records(
            Measure,
            initiative_id=initiative.pk,
            is_internal=False,
            is_archived=False,
            status__in=PUBLIC_STATUSES,
        ).values("id")

    def sources(self, initiative):
        deciding = Adoption.objects.filter(measure_id=OuterRef(OuterRef("id"))).values(
            "decision__agenda_item__meeting_id"
        )
        return [
            *super().sources(initiative),
            # Traffic light and progress.
            newest(StatusUpdate, measure_id=OuterRef("id")),
            # Its parts, whose progress makes up its own.
            newest(Measure, parent_id=OuterRef("id")),
            # The owner's name and consent, the organisation's name, the topic.
            newest(Person, id=OuterRef("owner_id")),
            newest(Organization, id=OuterRef("owner_organization_id")),
            newest(Topic, id=OuterRef("topic_id")),
            # The meetings whose decisions are its consultations.
            newest(Meeting, id__in=deciding),
        ]

    def created_fallback(self):
        return F("created_at")

    def fetch(self, queryset, initiative):
        # The names of its neighbours as columns of its own row: a list page makes a
        # hundred measures, not six hundred objects.
        return queryset.only(*PAPER_FIELDS).annotate(
            topic_name=F("topic__name"),
            traffic_light=F("latest_update__traffic_light"),
            owner_title=F("owner__title"),
            owner_first_name=F("owner__first_name"),
            owner_last_name=F("owner__last_name"),
            owner_is_named=F("owner__name_is_public"),
            # The measure's own organisation, else its owner's (as its public page).
            organization_name=Coalesce(
                F("owner_organization__name"), F("owner__organization__name")
            ),
        )

    def objects(self, initiative, keys):
        found = super().objects(initiative, keys)
        for paper in found.values():
            paper.public_consultations = []
        for consultation in CONSULTATION.objects_of_papers(initiative, found):
            found[consultation.measure_id].public_consultations.append(consultation)
        return found


PAPER_FIELDS = (
    "initiative",
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
    "body",
    "created_at",
    "updated_at",
)


class ConsultationKind(Kind):
    """A public measure adopted by a decision of a public meeting whose minutes are
    approved (`oparl:Consultation`, one per measure and decision). The link between
    them has no history of its own: an object is gone when its measure or meeting left
    the record, both of which do."""

    name = "consultation"
    model = Adoption

    def public(self, initiative):
        meetings = _approved(public_meetings(initiative))
        return Adoption.objects.filter(
            decision__agenda_item__meeting__in=meetings,
            measure__in=PAPER.public(initiative),
        )

    def sources(self, initiative):
        return [
            newest(Decision, id=OuterRef("decision_id")),
            newest(Measure, id=OuterRef("measure_id")),
            newest(Meeting, id=OuterRef("decision__agenda_item__meeting_id")),
        ]

    def created_from(self, initiative):
        return first(Decision, id=OuterRef("decision_id"))

    def created_fallback(self):
        return F("decision__agenda_item__meeting__created_at")

    def gone(self, initiative):
        meetings = records(
            Meeting,
            initiative_id=initiative.pk,
            is_public=True,
            minutes_state=MinutesState.APPROVED,
        ).values("id")
        return Adoption.objects.filter(
            decision__agenda_item__meeting_id__in=meetings,
            measure_id__in=PAPER.once_public(initiative),
        ).exclude(pk__in=self.public(initiative).values("pk"))

    def tombstones(self, initiative):
        return (
            self.timed(self.gone(initiative), initiative)
            .annotate(deleted=Value(True, output_field=BooleanField()))
            .values_list("id", "created", "modified", "deleted")
        )

    def objects_of_papers(self, initiative, papers):
        """The consultations of `papers`, public papers (embedded in them), in one
        query."""
        meetings = _approved(public_meetings(initiative))
        queryset = Adoption.objects.filter(
            measure_id__in=list(papers), decision__agenda_item__meeting__in=meetings
        )
        return self.timed(self.fetch(queryset, initiative), initiative).order_by("pk")

    def fetch(self, queryset, initiative):
        return queryset.select_related("decision__agenda_item__meeting")


class MinutesKind(Kind):
    """The approved minutes of public meetings (`oparl:File`), keyed by the meeting."""

    name = "file"
    model = Meeting

    def public(self, initiative):
        return _approved(public_meetings(initiative))

    def once_public(self, initiative):
        return _approved(records(Meeting, initiative_id=initiative.pk, is_public=True)).values("id")

    def created_from(self, initiative):
        return F("minutes_approved_at")

    def created_fallback(self):
        return Coalesce(first(Meeting, id=OuterRef("id")), F("created_at"))

    def fetch(self, queryset, initiative):
        return queryset.only(*MEETING_FIELDS)


class LocationKind(Kind):
    """The places of public meetings (`oparl:Location`), keyed by the meeting."""

    name = "location"
    model = Meeting

    def public(self, initiative):
        return public_meetings(initiative).exclude(location="")

    def once_public(self, initiative):
        return (
            records(Meeting, initiative_id=initiative.pk, is_public=True)
            .exclude(location="")
            .values("id")
        )

    def created_fallback(self):
        return F("created_at")

    def fetch(self, queryset, initiative):
        return queryset.only("location", "initiative")


BODY = BodyKind()
ORGANIZATION = OrganizationKind()
PERSON = PersonKind()
MEMBERSHIP = MembershipKind()
MEETING = MeetingKind()
AGENDA_ITEM = AgendaItemKind()
PAPER = PaperKind()
CONSULTATION = ConsultationKind()
FILE = MinutesKind()
LOCATION = LocationKind()

# The lists of a body, in the order its object names them.
KINDS = {
    kind.name: kind
    for kind in (
        ORGANIZATION,
        PERSON,
        MEETING,
        PAPER,
        AGENDA_ITEM,
        CONSULTATION,
        FILE,
        LOCATION,
        MEMBERSHIP,
    )
}


# Every model whose rows the record of an initiative shows or is timed by.
RECORD_MODELS = (
    Initiative,
    Body,
    Membership,
    Person,
    Organization,
    Meeting,
    AgendaItem,
    Decision,
    Measure,
    StatusUpdate,
    Topic,
)


def public_initiative(pk):
    """The public initiative `pk` with its own times and its `stamp`: the newest
    history row of each of RECORD_MODELS anywhere, read in the same query. Every write
    of the record leaves one (a measure's progress and latest update, written without,
    follow a status update's or a part's that has one), so while the stamp holds, a
    page of its lists reads the same."""
    names = {f"newest_{model._meta.label_lower}": Newest(model) for model in RECORD_MODELS}
    initiative = BODY.timed(BODY.public().filter(pk=pk), None).annotate(**names).first()
    if initiative is not None:
        initiative.stamp = "-".join(str(getattr(initiative, name)) for name in names)
    return initiative


def system_times():
    """(created, modified) of the system: its first public initiative's creation and
    the newest change of any public initiative."""
    public = Initiative.objects.filter(is_public=True)
    row = public.aggregate(created=Min("created_at"))
    changed = records(Initiative, id__in=public.values("pk")).order_by("-history_date").first()
    created = row["created"] or EPOCH
    modified = max(created, changed.history_date if changed else created)
    return created, modified
