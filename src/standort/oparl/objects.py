"""The OParl 1.1 objects as JSON-ready dicts, from the rows `queries` reads.

What the public learns here is what the public pages show: of a person the name and
the organisation's name, never an address, a phone number or an e-mail address; of a
meeting its place, never its online link; of a measure what `measures/public.py` lets
anonymous visitors see. Properties without a value are left out, as the specification
recommends; mandatory lists are given empty. Our own properties carry the prefix
`standort:` (specification 3, "Herstellerspezifische Erweiterungen")."""

import functools
from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from standort.initiatives.models import DataLicence, full_name
from standort.measures.models import Measure
from standort.meetings.models import Meeting, MinutesState

from . import queries

SCHEMA = "https://schema.oparl.org/1.1/"
VENDOR = "standort:"
# What a meeting's approved minutes are called as a file (the public PDF's name).
MINUTES_FILE = "protokoll-oeffentlich"


def moment(value):
    """A date-time as the specification writes it: `yyyy-mm-ddThh:mm:ss±hh:mm`."""
    return timezone.localtime(max(value, queries.EPOCH)).replace(microsecond=0).isoformat()


def day(value):
    return value.isoformat() if value else None


def compact(values, keep=()):
    """Without the properties that have no value (None, "", []), but those in `keep`."""
    return {
        key: value
        for key, value in values.items()
        if key in keep or (value is not None and value != "" and value != [])
    }


def site_url(path):
    return f"{settings.SITE_URL}{path}"


@functools.cache
def _labels(choices, language):
    return {value: str(text) for value, text in choices.choices}


def label(choices, value):
    """The label of a choice in the active language: read once per language, not
    through `get_FOO_display` for every row of a list."""
    return _labels(choices, translation.get_language()).get(value, value)


@functools.cache
def _address_pattern(name, slug):
    return site_url(reverse(name, args=[slug, PLACEHOLDER]))


def address(name, slug, number):
    """The page `name` of an initiative's object `number`, as reverse() gives it,
    resolved once per initiative for a list's hundred rows."""
    return _address_pattern(name, slug).replace(str(PLACEHOLDER), str(number), 1)


# A number no page has, which the address of a page then puts its number in place of.
PLACEHOLDER = 987654321987


@dataclass(frozen=True)
class Context:
    """Where the objects of one answer live: the API's base URL, the initiative (None
    for the system's list of bodies), and whether the client asked to leave the
    embedded lists out (`omit_internal`)."""

    base: str
    initiative: object = None
    omit_internal: bool = False

    @property
    def body(self):
        return f"{self.base}/body/{self.initiative.pk}"

    def url(self, kind, key):
        return f"{self.body}/{kind}/{key}"

    def list_url(self, kind):
        return f"{self.body}/{kind}"


def base_url():
    return site_url(reverse("oparl_system").rsplit("/", 1)[0])


def timed(obj, values):
    return {**values, "created": moment(obj.created), "modified": moment(obj.modified)}


def tombstone(url, kind_type, created, modified):
    """What a deleted object keeps (specification 2.8): id, type, created, and
    `modified` the moment it went."""
    return {
        "id": url,
        "type": SCHEMA + kind_type,
        "created": moment(created),
        "modified": moment(modified),
        "deleted": True,
    }


def licence_url(initiative):
    return DataLicence(initiative.data_licence).url


# The system and its bodies ----------------------------------------------------------


def system(base, created, modified):
    return {
        "id": f"{base}/system",
        "type": SCHEMA + "System",
        "oparlVersion": SCHEMA,
        "license": DataLicence.DL_BY.url,
        "body": f"{base}/body",
        "name": _("Standort – the public record of the initiatives"),
        "website": site_url("/"),
        "created": moment(created),
        "modified": moment(modified),
    }


def body(ctx, initiative):
    lists = {
        "organization": ctx.list_url("organization"),
        "person": ctx.list_url("person"),
        "meeting": ctx.list_url("meeting"),
        "paper": ctx.list_url("paper"),
        "agendaItem": ctx.list_url("agendaitem"),
        "consultation": ctx.list_url("consultation"),
        "file": ctx.list_url("file"),
        "locationList": ctx.list_url("location"),
        "membership": ctx.list_url("membership"),
    }
    values = {
        "id": ctx.body,
        "type": SCHEMA + "Body",
        "system": f"{ctx.base}/system",
        "name": initiative.name,
        "shortName": initiative.city,
        "website": site_url(initiative.get_absolute_url()),
        "license": licence_url(initiative),
        "classification": _("Local business initiative"),
        **lists,
        # The initiative has no legislative terms; the list is mandatory.
        "legislativeTerm": [],
        "web": site_url(initiative.get_absolute_url()),
        VENDOR + "summary": initiative.summary,
        VENDOR + "startDate": day(initiative.starts_on),
        VENDOR + "endDate": day(initiative.ends_on),
    }
    return compact(timed(initiative, values), keep=("legislativeTerm",))


# Bodies, people and memberships ---------------------------------------------------


def organization(ctx, group):
    values = {
        "id": ctx.url("organization", group.pk),
        "type": SCHEMA + "Organization",
        "body": ctx.body,
        "name": group.name,
        "organizationType": _("Body"),
        "classification": label(group.Kind, group.kind),
        "subOrganizationOf": ctx.url("organization", group.parent_id) if group.parent_id else None,
    }
    return compact(timed(group, values))


def membership(ctx, member, *, embedded=False):
    values = {
        "id": ctx.url("membership", member.pk),
        "type": SCHEMA + "Membership",
        "person": None if embedded else ctx.url("person", member.person_id),
        "organization": ctx.url("organization", member.body_id),
        "role": label(member.Role, member.role),
        "startDate": day(member.starts_on),
        "endDate": day(member.ends_on),
    }
    return compact(timed(member, values))


def person(ctx, someone):
    values = {
        "id": ctx.url("person", someone.pk),
        "type": SCHEMA + "Person",
        "body": ctx.body,
        "name": full_name(someone.title, someone.first_name, someone.last_name),
        "familyName": someone.last_name,
        "givenName": someone.first_name,
        "title": [someone.title] if someone.title else [],
        "membership": None
        if ctx.omit_internal
        else [membership(ctx, m, embedded=True) for m in someone.public_memberships],
        VENDOR + "organization": someone.organization.name if someone.organization else None,
    }
    return compact(timed(someone, values))


# Meetings ---------------------------------------------------------------------------


def _meeting_times(meeting):
    """(created, modified) of what a meeting's own row alone makes: its place and its
    minutes' file."""
    return meeting.created, max(meeting.created, meeting.own_modified or queries.EPOCH)


def location(ctx, meeting, *, embedded=False):
    created, modified = _meeting_times(meeting) if embedded else (meeting.created, meeting.modified)
    values = {
        "id": ctx.url("location", location_key(meeting.pk)),
        "type": SCHEMA + "Location",
        "description": meeting.location,
        "meetings": None if embedded else [ctx.url("meeting", meeting.pk)],
        "created": moment(created),
        "modified": moment(modified),
    }
    return compact(values)


def minutes_file(ctx, meeting, *, embedded=False):
    if embedded:
        created, modified = _meeting_times(meeting)
        created = meeting.minutes_approved_at or created
        modified = max(created, modified)
    else:
        created, modified = meeting.created, meeting.modified
    slug = ctx.initiative.slug
    pdf = address("public_minutes_download", slug, meeting.pk)
    when = timezone.localdate(meeting.starts_at).isoformat()
    approved = meeting.minutes_approved_at
    values = {
        "id": ctx.url("file", minutes_key(meeting.pk)),
        "type": SCHEMA + "File",
        "name": _("Minutes: %(meeting)s") % {"meeting": meeting.title},
        "fileName": f"{MINUTES_FILE}-{when}-{meeting.pk}.pdf",
        "mimeType": "application/pdf",
        "date": day(timezone.localdate(approved)) if approved else None,
        # Shown in the browser; saved with ?download (the specification forbids an
        # accessUrl that forces a download).
        "accessUrl": pdf,
        "downloadUrl": f"{pdf}?download",
        "fileLicense": licence_url(ctx.initiative),
        "meeting": None if embedded else [ctx.url("meeting", meeting.pk)],
        "created": moment(created),
        "modified": moment(modified),
    }
    return compact(values)


def agenda_item(ctx, item, *, embedded=False):
    approved = item.meeting.minutes_state == MinutesState.APPROVED
    decisions = [d.text.strip() for d in item.decision_list] if approved else []
    values = {
        "id": ctx.url("agendaitem", item.pk),
        "type": SCHEMA + "AgendaItem",
        "meeting": None if embedded else ctx.url("meeting", item.meeting_id),
        "number": str(item.position),
        "order": item.position,
        "name": item.title,
        "public": True,
        "resolutionText": "\n\n".join(text for text in decisions if text),
    }
    return compact(timed(item, values), keep=("order",))


def meeting(ctx, session):
    approved = session.minutes_state == MinutesState.APPROVED
    values = {
        "id": ctx.url("meeting", session.pk),
        "type": SCHEMA + "Meeting",
        "name": session.title,
        "meetingState": label(Meeting.State, session.state),
        "cancelled": session.state == Meeting.State.CANCELLED,
        "start": moment(session.starts_at),
        "end": moment(session.ends_at),
        "location": location(ctx, session, embedded=True) if session.location else None,
        "organization": [ctx.url("organization", session.body_id)],
        "resultsProtocol": minutes_file(ctx, session, embedded=True) if approved else None,
        "agendaItem": None
        if ctx.omit_internal
        else [agenda_item(ctx, item, embedded=True) for item in session.public_agenda],
        "web": address("meeting_detail", ctx.initiative.slug, session.pk),
    }
    return compact(timed(session, values))


# Papers and their consultations -----------------------------------------------------


def consultation(ctx, adoption, *, embedded=False):
    meeting_ = adoption.decision.agenda_item.meeting
    values = {
        "id": ctx.url("consultation", adoption.pk),
        "type": SCHEMA + "Consultation",
        "paper": None if embedded else ctx.url("paper", adoption.measure_id),
        "agendaItem": ctx.url("agendaitem", adoption.decision.agenda_item_id),
        "meeting": ctx.url("meeting", meeting_.pk),
        "organization": [ctx.url("organization", meeting_.body_id)],
        "authoritative": True,
        "role": _("Decision"),
    }
    return compact(timed(adoption, values))


def paper(ctx, measure):
    owner_name = ""
    if measure.owner_is_named:
        owner_name = full_name(
            measure.owner_title, measure.owner_first_name, measure.owner_last_name
        )
    values = {
        "id": ctx.url("paper", measure.pk),
        "type": SCHEMA + "Paper",
        "body": ctx.body,
        "name": measure.title,
        "reference": str(measure.number),
        "date": day(measure.adopted_on),
        "paperType": label(Measure.Kind, measure.kind),
        "underDirectionOf": [ctx.url("organization", measure.body_id)] if measure.body_id else [],
        "consultation": [consultation(ctx, c, embedded=True) for c in measure.public_consultations],
        "keyword": [measure.topic_name] if measure.topic_name else [],
        "web": address("measure_detail", ctx.initiative.slug, measure.number),
        VENDOR + "status": measure.status,
        VENDOR + "statusLabel": label(Measure.Status, measure.status),
        VENDOR + "statusReason": measure.status_reason
        if measure.status == Measure.Status.DROPPED
        else None,
        VENDOR + "trafficLight": measure.traffic_light,
        VENDOR + "progress": measure.progress,
        VENDOR + "description": measure.description,
        VENDOR + "goal": measure.goal,
        VENDOR + "startDate": day(measure.starts_on),
        VENDOR + "dueDate": day(measure.due_on),
        VENDOR + "ownerOrganization": measure.organization_name,
        VENDOR + "owner": owner_name,
    }
    return compact(timed(measure, values))


# Keys of the objects kept in another's row ------------------------------------------


def minutes_key(meeting_pk):
    return f"minutes-{meeting_pk}"


def location_key(meeting_pk):
    return f"meeting-{meeting_pk}"


KEY_PREFIXES = {"file": "minutes-", "location": "meeting-"}


def key_of(kind, pk):
    return f"{KEY_PREFIXES.get(kind, '')}{pk}"


def parse_key(kind, text):
    """The primary key in `text` if it is the canonical key of an object of `kind`
    (no leading zeros, no other spelling), else None."""
    prefix = KEY_PREFIXES.get(kind, "")
    if not text.startswith(prefix):
        return None
    digits = text[len(prefix) :]
    if len(digits) > 18 or not digits.isascii() or not digits.isdigit():
        return None
    if digits != str(int(digits)):
        return None
    value = int(digits)
    return value if 0 < value < 2**63 else None


RENDER = {
    "organization": organization,
    "person": person,
    "membership": membership,
    "meeting": meeting,
    "agendaitem": agenda_item,
    "paper": paper,
    "consultation": consultation,
    "file": minutes_file,
    "location": location,
}
TYPES = {
    "organization": "Organization",
    "person": "Person",
    "membership": "Membership",
    "meeting": "Meeting",
    "agendaitem": "AgendaItem",
    "paper": "Paper",
    "consultation": "Consultation",
    "file": "File",
    "location": "Location",
    "body": "Body",
}
