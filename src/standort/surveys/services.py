"""Writes on surveys: building one (or the next wave of one), inviting firms, saving
what a respondent entered section by section, and submitting it, anonymously where
the survey promised so (see models)."""

import datetime
import uuid
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from standort.core import mail
from standort.core.models import OutgoingMail
from standort.core.services import DomainError, delete, save
from standort.initiatives.models import Person

from .models import Answer, OpenLink, OpenSubmission, Question, Recipient, Response, Survey

__all__ = ["AlreadySubmitted", "DomainError"]

# A personal link of a survey works this long after the invitation (or until the
# survey closes, whichever comes first).
LINK_DAYS = 90


class AlreadySubmitted(DomainError):
    """The answers of this link or browser are stored already."""


def _editable(survey):
    if survey.state != Survey.State.DRAFT:
        raise DomainError(
            _("The questions of a survey can be changed only while it is in preparation.")
        )


@transaction.atomic
def survey_save(*, actor, survey, expected_version=None):
    if survey._state.adding:
        survey.created_by = actor
    else:
        stored = Survey.objects.get(pk=survey.pk)
        if stored.state != Survey.State.DRAFT and stored.is_anonymous != survey.is_anonymous:
            # Firms answered on the promise the survey made them.
            raise DomainError(
                _("Whether the survey is anonymous can be changed only while it is in preparation.")
            )
    return save(actor, survey, expected_version)


@transaction.atomic
def survey_delete(*, actor, survey):
    if survey.responses.exists():
        raise DomainError(_("A survey with answers cannot be deleted; close it instead."))
    delete(actor, survey)


@transaction.atomic
def section_save(*, actor, section):
    _editable(section.survey)
    if section._state.adding and not section.position:
        section.position = section.survey.sections.count() + 1
    section.save()
    return section


@transaction.atomic
def section_delete(*, actor, section):
    _editable(section.survey)
    section.delete()


@transaction.atomic
def question_save(*, actor, question):
    _editable(question.section.survey)
    if (
        question.kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE)
        and len(question.options) < 2
    ):
        raise DomainError(_("A choice needs at least two answers, one per line."))
    if (
        question.min_value is not None
        and question.max_value is not None
        and question.min_value > question.max_value
    ):
        raise DomainError(_("The lowest number is higher than the highest."))
    if not question.key:
        question.key = uuid.uuid4().hex[:12]
    if question._state.adding and not question.position:
        question.position = question.section.questions.count() + 1
    question.save()
    return question


@transaction.atomic
def question_delete(*, actor, question):
    _editable(question.section.survey)
    question.delete()


@transaction.atomic
def survey_copy(*, actor, survey, title):
    """A new survey in preparation with the sections and questions of `survey`, as its
    next wave: each question keeps its key, so the results of both can be compared."""
    copy = Survey(
        initiative=survey.initiative,
        title=title,
        introduction=survey.introduction,
        privacy_notice=survey.privacy_notice,
        is_anonymous=survey.is_anonymous,
        previous_wave=survey,
    )
    survey_save(actor=actor, survey=copy)
    for section in survey.sections.prefetch_related("questions"):
        questions = list(section.questions.all())
        section.pk, section._state.adding, section.survey = None, True, copy
        section.save()
        for question in questions:
            question.pk, question._state.adding, question.section = None, True, section
        Question.objects.bulk_create(questions)
    return copy


@transaction.atomic
def survey_open(*, actor, survey):
    if survey.state != Survey.State.DRAFT:
        raise DomainError(_("Only a survey in preparation can be opened."))
    if not Question.objects.filter(section__survey=survey).exists():
        raise DomainError(_("The survey has no questions yet."))
    survey.state = Survey.State.OPEN
    save(actor, survey)


@transaction.atomic
def survey_close(*, actor, survey):
    if survey.state != Survey.State.OPEN:
        raise DomainError(_("Only an open survey can be closed."))
    survey.state = Survey.State.CLOSED
    # Drafts of firms that did not finish are not kept once nobody can finish them.
    Recipient.objects.filter(survey=survey).update(draft={}, draft_section=0)
    save(actor, survey)


# Recipients -----------------------------------------------------------------------------


def contacts_of(organizations, initiative):
    """{organisation id: the person its invitation goes to}: its first person of the
    initiative with an e-mail address, for all `organizations` in one query."""
    contacts = {}
    for person in (
        Person.objects.filter(organization__in=organizations, initiatives=initiative)
        .exclude(email="")
        .select_related("user")
        .order_by("last_name", "first_name", "pk")
    ):
        contacts.setdefault(person.organization_id, person)
    return contacts


@transaction.atomic
def recipients_add(*, actor, survey, organizations):
    """Adds the firms not yet among the recipients; returns how many."""
    if survey.state == Survey.State.CLOSED:
        raise DomainError(_("The survey is closed."))
    known = set(Recipient.objects.filter(survey=survey).values_list("organization_id", flat=True))
    new = [organization for organization in organizations if organization.pk not in known]
    contacts = contacts_of(new, survey.initiative)
    added = [
        Recipient(survey=survey, organization=organization, person=contacts.get(organization.pk))
        for organization in new
    ]
    Recipient.objects.bulk_create(added)
    return len(added)


@transaction.atomic
def recipient_remove(*, actor, recipient):
    """Takes a firm off the survey, its personal link with it; not once it answered
    (its answers count, and of an anonymous survey they cannot be found)."""
    # Locked, as `submit` locks it: a firm answering at this moment is not removed.
    recipient = Recipient.objects.select_for_update().select_related("survey").get(pk=recipient.pk)
    if recipient.survey.state == Survey.State.CLOSED:
        raise DomainError(_("The survey is closed."))
    if recipient.took_part:
        raise DomainError(_("The firm has answered already."))
    delete(actor, recipient)


def _invitation(recipient, purpose):
    survey = recipient.survey
    person = recipient.person
    context = {"survey": survey, "recipient": recipient, "person": person}
    context["link"] = recipient.link_placeholder()
    language = (person.user.language if person.user_id else "") or "de"
    with translation.override(language):
        subject = render_to_string(f"surveys/mail/{purpose}_subject.txt", context)
        body = render_to_string(f"surveys/mail/{purpose}.txt", context)
    return OutgoingMail(
        key=f"survey/{purpose}:{recipient.pk}:{recipient.link_generation}:{timezone.now():%Y%m%d}",
        to=person.email,
        subject=" ".join(subject.split()),
        body=body,
    )


@transaction.atomic
def invite(*, actor, survey):
    """Sends each recipient not yet invited its personal link; returns how many. Firms
    without a contact with an e-mail address are left out (the page says so)."""
    if survey.state != Survey.State.OPEN:
        raise DomainError(_("Invitations go out once the survey is open."))
    now = timezone.now()
    expires = now + datetime.timedelta(days=LINK_DAYS)
    waiting = list(
        Recipient.objects.filter(survey=survey, invited_at__isnull=True).select_related(
            "person__user", "survey", "organization"
        )
    )
    # A firm added without a contact (or one without an address) may have one by now.
    contacts = contacts_of(
        [r.organization for r in waiting if r.person is None or not r.person.email],
        survey.initiative,
    )
    outgoing = []
    for recipient in waiting:
        if recipient.person is None or not recipient.person.email:
            recipient.person = contacts.get(recipient.organization_id)
            if recipient.person is None:
                continue
        recipient.issue_token(expires)
        recipient.invited_at = now
        recipient.save()
        outgoing.append(_invitation(recipient, "invitation"))
    mail.queue(outgoing)
    return len(outgoing)


@transaction.atomic
def remind(*, actor, survey):
    """Reminds the invited firms that have not taken part (and were not reminded
    today), with the same link, which works LINK_DAYS from now."""
    if survey.state != Survey.State.OPEN:
        raise DomainError(_("Only an open survey sends reminders."))
    now = timezone.now()
    outgoing = []
    for recipient in (
        Recipient.objects.filter(
            survey=survey, invited_at__isnull=False, took_part=False, person__isnull=False
        )
        .exclude(reminded_at__date=timezone.localdate())
        .select_related("person__user", "survey")
    ):
        if not recipient.person.email:
            continue
        recipient.reminded_at = now
        recipient.link_expires_at = max(
            recipient.link_expires_at or now, now + datetime.timedelta(days=LINK_DAYS)
        )
        recipient.save(update_fields=["reminded_at", "link_expires_at"])
        outgoing.append(_invitation(recipient, "reminder"))
    mail.queue(outgoing)
    return len(outgoing)


@transaction.atomic
def open_link_issue(*, actor, survey):
    """The survey's open link (a new one: the previous stops working); returns the
    token."""
    if survey.state != Survey.State.OPEN:
        raise DomainError(_("An open link can be issued only while the survey is open."))
    link = OpenLink.objects.filter(survey=survey).first() or OpenLink(survey=survey)
    if link.pk is None:
        link.save()
    token = link.issue_token(None)
    link.save()
    return token


@transaction.atomic
def open_link_revoke(*, actor, survey):
    OpenLink.objects.filter(survey=survey).update(link_revoked_at=timezone.now())


@transaction.atomic
def publish_result(*, actor, survey, question, option, indicator, observed_on):
    """The share of the survey's respondents to `question` who chose `option`, as the
    indicator's value of `observed_on`; refused where the results page would not show
    it (an anonymous survey's answers of fewer than queries.MIN_GROUP firms). Returns
    the share."""
    from standort.indicators import services as indicator_services

    from . import queries

    # Every member reads an indicator: it shows what the results page shows them.
    if not queries.may_show(survey, "", "", queries.group_sizes(survey, True), protected=True):
        raise DomainError(_("Too few firms answered to publish a result of this survey."))
    share, n = queries.share_of(survey, question, option)
    if share is None:
        raise DomainError(_("Nobody answered this question yet."))
    indicator_services.publish(
        actor=actor,
        indicator=indicator,
        observed_on=observed_on,
        value=Decimal(str(share)),
        note=f"{survey.title}, n = {n}",
    )
    return share


# Answering ------------------------------------------------------------------------------


def stored(value):
    """A cleaned form value as the draft (JSON) keeps it."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, list | tuple):
        return [stored(each) for each in value]
    return value


@transaction.atomic
def draft_save(*, recipient, section_index, values):
    """Keeps what the respondent entered on one section (question id → value)."""
    if recipient.took_part:
        raise DomainError(_("Your answers have been submitted already."))
    draft = dict(recipient.draft)
    draft.update({str(key): stored(value) for key, value in values.items()})
    recipient.draft = draft
    recipient.draft_section = max(recipient.draft_section, section_index)
    recipient.save(update_fields=["draft", "draft_section"])


def _answers(response, questions, values):
    answers = []
    for question in questions:
        value = values.get(str(question.pk))
        if value in (None, "", []):
            continue
        if question.kind == Question.Kind.MULTIPLE:
            # Each option once, whatever a crafted form sent.
            answers.extend(
                Answer(response=response, question=question, option=option)
                for option in sorted({int(each) for each in value})
            )
        elif question.is_choice:
            answers.append(Answer(response=response, question=question, option=int(value)))
        elif question.kind == Question.Kind.NUMBER:
            answers.append(Answer(response=response, question=question, number=Decimal(value)))
        else:
            answers.append(Answer(response=response, question=question, text=str(value)))
    Answer.objects.bulk_create(answers)


@transaction.atomic
def submit(*, survey, values, recipient=None, once=""):
    """Stores the answers as a response. Of an anonymous survey the response names
    neither the recipient nor the firm (only its sector and size), and the recipient's
    draft is erased; a second submission through the same personal link, or with the
    same key `once` of a browser's session through the open link, is refused."""
    if survey.state != Survey.State.OPEN or survey.takes_no_answers:
        raise DomainError(_("The survey is closed."))
    if once:
        try:
            with transaction.atomic():
                OpenSubmission.objects.create(survey=survey, key=once)
        except IntegrityError:
            raise AlreadySubmitted(_("Your answers have been submitted already.")) from None
    organization = None
    if recipient is not None:
        # Locked, so that a double click submits once.
        recipient = (
            Recipient.objects.select_for_update()
            .select_related("organization")
            .get(pk=recipient.pk)
        )
        if recipient.took_part:
            raise AlreadySubmitted(_("Your answers have been submitted already."))
        organization = recipient.organization
    response = Response.objects.create(
        survey=survey,
        recipient=None if survey.is_anonymous else recipient,
        organization=None if survey.is_anonymous else organization,
        sector=organization.sector if organization else "",
        size=organization.size if organization else "",
        submitted_on=timezone.localdate(),
    )
    questions = Question.objects.filter(section__survey=survey)
    _answers(response, questions, values)
    if recipient is not None:
        recipient.took_part = True
        recipient.draft, recipient.draft_section = {}, 0
        recipient.save(update_fields=["took_part", "draft", "draft_section"])
    return response
