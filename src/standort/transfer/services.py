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
    _check_institution(offer)
    offer.search_text = fold(f"{offer.title} {offer.description} {offer.conditions}")
    is_new = offer._state.adding
    if is_new:
        offer.created_by = actor
        offer.state = State.PUBLISHED if by_office else State.SUBMITTED
    save(actor, offer, expected_version)
    offer.topics.set(topics)
    if is_new and offer.state == State.SUBMITTED:
        _ask_office(offer)
    elif not is_new and not by_office and offer.state == State.PUBLISHED:
        _ask_office(offer, changed=True)
    return offer


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
def offer_change_state(*, actor, offer, action, by_office):
    if not offer_action_allowed(offer, action, by_office=by_office):
        raise DomainError(_("The offer cannot be changed so in its present state."))
    offer.state = TRANSITIONS[action][1]
    save(actor, offer, offer.version)
    if offer.state == State.SUBMITTED:
        _ask_office(offer)
    return offer


def offer_delete(*, actor, offer):
    """Its talks stay, without the offer."""
    delete(actor, offer)


# Needs ----------------------------------------------------------------------------------


@transaction.atomic
def need_save(*, actor, need, topics, expected_version=None):
    if need.company.kind != Organization.Kind.COMPANY:
        raise DomainError(_("Needs come from firms."))
    need.search_text = fold(f"{need.title} {need.problem}")
    if need._state.adding:
        need.created_by = actor
    save(actor, need, expected_version)
    need.topics.set(topics)
    return need


def need_set_state(*, actor, need, state):
    need.state = state
    return save(actor, need, need.version)


def need_delete(*, actor, need):
    delete(actor, need)


# Matching talks ---------------------------------------------------------------------------


def _check_talk(talk):
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
    """A new talk invites its participants by mail with a calendar file; a new date or
    place sends them the update (a higher SEQUENCE replaces the entry in their
    calendars). Participants added later get the invitation."""
    _check_talk(talk)
    is_new = talk._state.adding
    before = set()
    if is_new:
        talk.created_by = actor
    else:
        stored = Talk.objects.get(pk=talk.pk)
        moved = (stored.starts_at, stored.place) != (talk.starts_at, talk.place)
        if moved:
            talk.sequence = stored.sequence + 1
        before = set(talk.participants.values_list("pk", flat=True))
    save(actor, talk, expected_version)
    talk.participants.set(participants)
    if talk.starts_at < timezone.now():
        return talk
    if is_new:
        _invite(talk, participants, "invite")
    else:
        if moved:
            _invite(talk, [p for p in participants if p.pk in before], "update")
        _invite(talk, [p for p in participants if p.pk not in before], "invite")
        staying = {p.pk for p in participants}
        # Those taken off the list are told, so that the talk leaves their calendars.
        _invite(talk, list(Person.objects.filter(pk__in=before - staying)), "cancel")
    return talk


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
    if talk.starts_at > timezone.now():
        raise DomainError(_("The outcome can be recorded once the talk has taken place."))
    return save(actor, talk, expected_version)


@transaction.atomic
def talk_delete(*, actor, talk):
    """A talk still ahead is called off in the participants' calendars."""
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
                subject=subject[:300],
                body=_text("transfer/mail/contact.txt", language, context),
            )
        ]
    )


# Effect -------------------------------------------------------------------------------------


def publish_share(*, actor, initiative, indicator, observed_on):
    """The share of the initiative's firms with an agreed cooperation as the indicator's
    value of `observed_on`."""
    figures = queries.effect(initiative)
    if figures.share is None:
        raise DomainError(_("The initiative has no firms to count."))
    note = _("From the transfer platform: %(n)s of %(total)s firms") % {
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
