"""Every change on the transfer platform: the vocabulary, offers and their moderation,
needs, matching talks with their invitations and outcomes, contact requests, and the
share of cooperating firms published as an indicator value."""

import uuid

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from standort.core import mail
from standort.core.models import OutgoingMail
from standort.core.services import DomainError, delete, save
from standort.indicators import services as indicator_services
from standort.initiatives.models import InitiativeRole, Organization, Person
from standort.measures.search import fold

from . import queries
from .ical import talk_ics
from .models import Offer, Talk

State = Offer.State
MANAGE = "transfer.manage"
# Whom one talk invites: its firm's and its institution's people, not a mailing list.
MAX_PARTICIPANTS = 20


# What every write checks itself: the pages ask the same rules first, but the services
# are the only way in (imports and the API call them too).


def _require(actor, perm, obj):
    if not actor.has_perm(perm, obj):
        raise DomainError(_("You may not change this."))


def _as_office(actor, initiative, by_office):
    """`by_office`: the actor acts as the project office, which they must be."""
    if by_office:
        _require(actor, MANAGE, initiative)
    return by_office


def _check_entry(entry, side):
    """An offer's or a need's organisation, contact and topics are the initiative's; the
    contact belongs to the organisation."""
    initiative = entry.initiative
    organization = getattr(entry, side)
    if not initiative.organizations.filter(pk=organization.pk).exists():
        raise DomainError(_("The organisation does not take part in the initiative."))
    if entry.contact_id is not None and entry.contact.organization_id != organization.pk:
        raise DomainError(_("The contact person must belong to %(name)s.") % {"name": organization})


def _check_topics(initiative, topics):
    if any(topic.initiative_id != initiative.pk for topic in topics):
        raise DomainError(_("A topic is another initiative's."))


def _language_of(person):
    user = getattr(person, "user", None)
    return getattr(user, "language", None) or settings.LANGUAGE_CODE


def _text(template, language, context):
    with translation.override(language):
        return render_to_string(template, context)


def _url(name, initiative, *args):
    return settings.SITE_URL + reverse(name, args=[initiative.slug, *args])


# Vocabulary ------------------------------------------------------------------------------


def topic_save(*, actor, topic):
    return save(actor, topic)


def topic_delete(*, actor, topic):
    """Offers and needs keep their other topics."""
    delete(actor, topic)


# Offers ---------------------------------------------------------------------------------


def _check_institution(offer):
    if offer.institution.kind != Organization.Kind.SCIENCE:
        raise DomainError(_("Offers come from science institutions."))


@transaction.atomic
def offer_save(*, actor, offer, topics, by_office, expected_version=None):
    """A new offer of the office is published at once; a transfer officer's waits for
    the office's approval. A change keeps the offer's state; a transfer officer's change
    of a published offer stays in the catalogue and the office is told, to look at it
    (and withdraw it, should it need to)."""
    _as_office(actor, offer.initiative, by_office)
    _require(actor, "transfer.change_offer", offer)
    _check_institution(offer)
    _check_entry(offer, "institution")
    _check_topics(offer.initiative, topics)
    offer.search_text = fold(f"{offer.title} {offer.description} {offer.conditions}")
    is_new = offer._state.adding
    changed = is_new or _offer_changed(offer, topics)
    if is_new:
        offer.created_by = actor
        offer.state = State.PUBLISHED if by_office else State.SUBMITTED
    save(actor, offer, expected_version)
    offer.topics.set(topics)
    if is_new and offer.state == State.SUBMITTED:
        _ask_office(offer)
    elif changed and not by_office and offer.state == State.PUBLISHED:
        _ask_office(offer, changed=True)
    return offer


# What the catalogue shows of an offer: a change of these is for the office to see.
SHOWN_FIELDS = ("kind", "title", "description", "contact_id", "conditions", "valid_until")


def _offer_changed(offer, topics):
    stored = Offer.objects.get(pk=offer.pk)
    if any(getattr(stored, f) != getattr(offer, f) for f in SHOWN_FIELDS):
        return True
    return set(stored.topics.values_list("pk", flat=True)) != {topic.pk for topic in topics}


def _ask_office(offer, changed=False):
    """A mail to the office of the initiative: an offer waits for approval, or a
    published one was `changed` by its institution."""
    initiative = offer.initiative
    offer_url = _url("transfer_offer", initiative, offer.pk)
    office = InitiativeRole.objects.filter(
        initiative=initiative, role=InitiativeRole.Role.OFFICE
    ).select_related("user")
    context = {"offer": offer, "offer_url": offer_url, "changed": changed}
    kind = "changed" if changed else "submitted"
    mails = []
    for role in office:
        language = role.user.language or settings.LANGUAGE_CODE
        with translation.override(language):
            subject = (
                _("Offer changed: %(title)s")
                if changed
                else _("Offer awaiting approval: %(title)s")
            ) % {"title": offer.title}
        mails.append(
            OutgoingMail(
                key=f"transfer/{kind}:{offer.pk}:{offer.version}:{role.user_id}",
                to=role.user.email,
                subject=subject[:300],
                body=_text("transfer/mail/submitted.txt", language, context),
            )
        )
    mail.queue(mails)


# What each state may become, and who may change it so (office: only the office).
TRANSITIONS = {
    "publish": ({State.DRAFT, State.SUBMITTED, State.WITHDRAWN}, State.PUBLISHED, True),
    "withdraw": ({State.SUBMITTED, State.PUBLISHED}, State.WITHDRAWN, False),
    "submit": ({State.DRAFT, State.WITHDRAWN}, State.SUBMITTED, False),
}


def offer_action_allowed(offer, action, *, by_office):
    states, _target, office_only = TRANSITIONS[action]
    return offer.state in states and (by_office or not office_only)


@transaction.atomic
def offer_change_state(*, actor, offer, action, by_office, expected_version=None):
    """`expected_version`: the version the actor saw, so that the office publishes what
    it read, not a change made meanwhile. The institution hears of the office's
    publishing or withdrawing its offer."""
    _as_office(actor, offer.initiative, by_office)
    _require(actor, "transfer.change_offer", offer)
    if not offer_action_allowed(offer, action, by_office=by_office):
        raise DomainError(_("The offer cannot be changed so in its present state."))
    offer.state = TRANSITIONS[action][1]
    save(actor, offer, expected_version or offer.version)
    if offer.state == State.SUBMITTED:
        _ask_office(offer)
    elif by_office:
        _tell_institution(offer, actor)
    return offer


def _tell_institution(offer, actor):
    """A mail to whoever wrote the offer, unless they changed its state themselves."""
    author = offer.created_by
    if author is None or author.pk == actor.pk or not author.email:
        return
    language = author.language or settings.LANGUAGE_CODE
    with translation.override(language):
        if offer.state == State.PUBLISHED:
            subject = _("Offer published: %(title)s") % {"title": offer.title}
        else:
            subject = _("Offer withdrawn: %(title)s") % {"title": offer.title}
    context = {"offer": offer, "offer_url": _url("transfer_offer", offer.initiative, offer.pk)}
    mail.queue(
        [
            OutgoingMail(
                key=f"transfer/{offer.state}:{offer.pk}:{offer.version}",
                to=author.email,
                subject=subject,
                body=_text("transfer/mail/offer_state.txt", language, context),
            )
        ]
    )


def offer_delete(*, actor, offer):
    """Its talks stay, without the offer."""
    _require(actor, MANAGE, offer.initiative)
    delete(actor, offer)


# Needs ----------------------------------------------------------------------------------


@transaction.atomic
def need_save(*, actor, need, topics, expected_version=None):
    _require(actor, "transfer.change_need", need)
    if need.company.kind != Organization.Kind.COMPANY:
        raise DomainError(_("Needs come from firms."))
    _check_entry(need, "company")
    _check_topics(need.initiative, topics)
    need.search_text = fold(f"{need.title} {need.problem}")
    if need._state.adding:
        need.created_by = actor
    save(actor, need, expected_version)
    need.topics.set(topics)
    return need


def need_set_state(*, actor, need, state):
    _require(actor, "transfer.change_need", need)
    need.state = state
    return save(actor, need, need.version)


def need_delete(*, actor, need):
    _require(actor, MANAGE, need.initiative)
    delete(actor, need)


# Matching talks ---------------------------------------------------------------------------


def _check_talk(talk, participants):
    for entry in (talk.need, talk.offer):
        if entry is not None and entry.initiative_id != talk.initiative_id:
            raise DomainError(_("The need or the offer is another initiative's."))
    if len(participants) > MAX_PARTICIPANTS:
        raise DomainError(
            _("A matching talk has at most %(n)s participants.") % {"n": MAX_PARTICIPANTS}
        )
    people = set(talk.initiative.people.values_list("pk", flat=True))
    if any(person.pk not in people for person in participants):
        raise DomainError(_("Every participant must take part in the initiative."))
    partners = set(talk.initiative.organizations.values_list("pk", flat=True))
    if talk.company_id not in partners or talk.institution_id not in partners:
        raise DomainError(_("Both organisations must take part in the initiative."))
    if talk.need_id and talk.need.company_id != talk.company_id:
        raise DomainError(_("The need is another firm's."))
    if talk.offer_id and talk.offer.institution_id != talk.institution_id:
        raise DomainError(_("The offer is another institution's."))
    if talk.company.kind != Organization.Kind.COMPANY:
        raise DomainError(_("A matching talk is held with a firm."))
    if talk.institution.kind != Organization.Kind.SCIENCE:
        raise DomainError(_("A matching talk is held with a science institution."))


@transaction.atomic
def talk_save(*, actor, talk, participants, expected_version=None):
    """A new talk invites its participants by mail with a calendar file. A change of
    what the calendar entry says (date, place, firm, institution, need or offer) sends
    them the update; participants added get the invitation, those taken off the list
    its cancellation. Every change raises the SEQUENCE, so that calendar apps take the
    newest message for the entry they have (also for someone taken off and added
    again)."""
    _require(actor, "transfer.keep_talk", talk)
    participants = list(participants)
    _check_talk(talk, participants)
    is_new = talk._state.adding
    before, changed = set(), False
    staying = {person.pk for person in participants}
    if is_new:
        talk.created_by = actor
    else:
        stored = Talk.objects.get(pk=talk.pk)
        changed = any(getattr(stored, f) != getattr(talk, f) for f in ENTRY_FIELDS)
        before = set(talk.participants.values_list("pk", flat=True))
        if changed or before != staying:
            talk.sequence = stored.sequence + 1
    save(actor, talk, expected_version)
    talk.participants.set(participants)
    if talk.starts_at < timezone.now():
        return talk
    if changed:
        _invite(talk, [p for p in participants if p.pk in before], "update")
    _invite(talk, [p for p in participants if p.pk not in before], "invite")
    _invite(talk, list(Person.objects.filter(pk__in=before - staying)), "cancel")
    return talk


# What a talk's calendar entry and mail say of it.
ENTRY_FIELDS = ("starts_at", "place", "company_id", "institution_id", "need_id", "offer_id")


def _invite(talk, people, kind):
    people = [person for person in people if person.email]
    if not people:
        return
    method = "CANCEL" if kind == "cancel" else "REQUEST"
    calendar_of = talk_ics(talk, method=method)
    everyone = list(talk.participants.select_related("organization"))
    mails = []
    for person in people:
        language = _language_of(person)
        context = {"talk": talk, "person": person, "kind": kind, "participants": everyone}
        with translation.override(language):
            subject = {
                "invite": _("Matching talk: %(company)s – %(institution)s"),
                "update": _("Changed: matching talk %(company)s – %(institution)s"),
                "cancel": _("Called off: matching talk %(company)s – %(institution)s"),
            }[kind] % {"company": talk.company.name, "institution": talk.institution.name}
        mails.append(
            OutgoingMail(
                key=f"transfer/talk-{kind}:{talk.pk}:{talk.sequence}:{person.pk}",
                to=person.email,
                subject=subject[:300],
                body=_text("transfer/mail/talk.txt", language, context),
                calendar=calendar_of(person).decode(),
                calendar_method=method,
            )
        )
    mail.queue(mails)


@transaction.atomic
def talk_record_outcome(*, actor, talk, expected_version=None):
    """The outcome, its note and the next step, as the form set them on `talk`."""
    _require(actor, "transfer.keep_talk", talk)
    if talk.starts_at > timezone.now():
        raise DomainError(_("The outcome can be recorded once the talk has taken place."))
    return save(actor, talk, expected_version)


@transaction.atomic
def talk_delete(*, actor, talk):
    """A talk still ahead is called off in the participants' calendars."""
    _require(actor, MANAGE, talk.initiative)
    if talk.starts_at >= timezone.now():
        talk.sequence += 1
        _invite(talk, list(talk.participants.all()), "cancel")
    delete(actor, talk)


# Contact requests -------------------------------------------------------------------------


def contact(*, entry, sender_name, sender_email, message):
    """Sends a visitor's message to the contact person of an offer or a need, without
    showing the visitor their address: the mail goes out from the platform and names
    the visitor's address for the reply."""
    person = entry.contact
    if not entry.is_public:
        raise DomainError(_("Only entries of the catalogue can be written to."))
    if person is None or not person.email:
        raise DomainError(_("This entry has no contact person to write to."))
    initiative = entry.initiative
    name = "transfer_offer" if isinstance(entry, Offer) else "transfer_need"
    language = _language_of(person)
    context = {
        "contact": person,
        "entry": entry,
        "initiative": initiative,
        "sender_name": sender_name,
        "sender_email": sender_email,
        "message": message,
        "entry_url": _url(name, initiative, entry.pk),
    }
    with translation.override(language):
        subject = _("Enquiry about “%(title)s”") % {"title": entry.title}
    mail.queue(
        [
            OutgoingMail(
                key=f"transfer/contact:{uuid.uuid4().hex}",
                to=person.email,
                reply_to=sender_email,
                subject=subject[:300],
                body=_text("transfer/mail/contact.txt", language, context),
            )
        ]
    )


# Effect -------------------------------------------------------------------------------------


def publish_share(*, actor, initiative, indicator):
    """The share of the initiative's firms with an agreed cooperation, as it is today,
    as the indicator's value of today. A value the day has from elsewhere (a survey's,
    typed in) is not replaced."""
    _require(actor, MANAGE, initiative)
    if indicator.initiative_id != initiative.pk or indicator.unit.strip() != "%":
        raise DomainError(_("The share goes into an indicator of this initiative in per cent."))
    observed_on = timezone.localdate()
    note = _("From the transfer platform: %(n)s of %(total)s firms")
    earlier = indicator.observations.filter(observed_on=observed_on).first()
    if earlier is not None and not earlier.note.startswith(note.split("%")[0]):
        raise DomainError(_("The indicator has a value of today from elsewhere."))
    figures = queries.effect(initiative)
    if figures.share is None:
        raise DomainError(_("The initiative has no firms to count."))
    note = note % {
        "n": figures.firms_cooperating,
        "total": figures.firms,
    }
    indicator_services.publish(
        actor=actor,
        indicator=indicator,
        observed_on=observed_on,
        value=figures.share,
        note=note,
    )
    return figures.share
