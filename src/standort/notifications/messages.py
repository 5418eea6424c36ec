"""The sentences notifications say.

A notification stores the name of its message and the message's values, never the
sentence: it is put together when it is read, in the reader's language (the page's, or
in a mail the recipient's), and a translation fixed later reaches old notifications
too. The values are what the sentence needs as it was at the event: numbers, titles and
names as they were then, choices by their stored value (the label is the reader's).

Each message is a function of its values and of `say`, which formats a sentence: as
plain text for mails, or as HTML in which what users typed (a `Typed` value) is marked
with its language where it differs from the page's (WCAG 2.1, 3.1.2)."""

import datetime

from django.utils.formats import date_format
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from standort.core.languages import Typed, html_sentence
from standort.measures.models import Measure, StatusUpdate

MESSAGES = {}

# How many measures the notification of an import names before "and 4 more".
NAMED_MEASURES = 3


def message(function):
    MESSAGES[function.__name__] = function
    return function


class Plain:
    """Sentences as text."""

    def __call__(self, sentence, **values):
        return sentence % values

    def join(self, parts):
        return "; ".join(parts)


class Html:
    """Sentences as HTML: values escaped, typed ones marked with their language."""

    def __call__(self, sentence, **values):
        return html_sentence(sentence, **values)

    def join(self, parts):
        return mark_safe("; ".join(conditional_escape(part) for part in parts))  # noqa: S308


def render(name, params, say=None):
    """The sentence of the message `name` with `params` in the active language."""
    say = say or Plain()
    return MESSAGES[name](say, **params)


def render_html(name, params):
    return render(name, params, Html())


def _who(name):
    return Typed(name) if name else _("Someone")


def _day(iso_date):
    return date_format(datetime.date.fromisoformat(iso_date), "SHORT_DATE_FORMAT")


# Notifications stored before messages existed keep the sentence they were written in.
@message
def plain(say, text):
    return say("%(text)s", text=text)


# Measures --------------------------------------------------------------------------


@message
def measure_status(say, number, title, status):
    return say(
        _("Measure %(number)s “%(title)s” is now “%(status)s”."),
        number=number,
        title=Typed(title),
        status=Measure.Status(status).label,
    )


@message
def status_update(say, number, title, light, progress):
    return say(
        _("New status update on measure %(number)s “%(title)s”: %(light)s, %(progress)s %%."),
        number=number,
        title=Typed(title),
        light=StatusUpdate.Light(light).label,
        progress=progress,
    )


@message
def measures_imported(say, changes, count):
    """`changes`: the first (number, title, status) of the `count` measures whose
    status an import changed."""
    named = say.join(
        say(
            _("%(number)s “%(title)s” is now “%(status)s”"),
            number=number,
            title=Typed(title),
            status=Measure.Status(status).label,
        )
        for number, title, status in changes[:NAMED_MEASURES]
    )
    more = count - NAMED_MEASURES
    if more > 0:
        named = say(
            ngettext("%(named)s and %(count)s more", "%(named)s and %(count)s more", more),
            named=named,
            count=more,
        )
    return say(
        ngettext(
            "An import changed the status of a measure you follow: %(changes)s.",
            "An import changed the status of %(count)s measures you follow: %(changes)s.",
            count,
        ),
        count=count,
        changes=named,
    )


# Meetings --------------------------------------------------------------------------

INVITATIONS = {
    "invite": lambda: _("Invitation to “%(title)s” of %(body)s on %(date)s."),
    "update": lambda: _("The meeting “%(title)s” of %(body)s has changed: now on %(date)s."),
    "cancel": lambda: _("The meeting “%(title)s” of %(body)s on %(date)s is cancelled."),
    "remind": lambda: _("Please answer the invitation to “%(title)s” of %(body)s on %(date)s."),
}


@message
def meeting(say, change, title, body, date):
    """`change`: what the invitees are told of: invite, update, cancel or remind."""
    sentence = INVITATIONS.get(change, INVITATIONS["invite"])()
    return say(sentence, title=Typed(title), body=Typed(body), date=_day(date))


# The dialogue ----------------------------------------------------------------------


@message
def comment_on_measure(say, who, number, title, mention=False):
    if mention:
        sentence = _("%(who)s mentioned you in a comment on measure %(number)s “%(title)s”.")
    else:
        sentence = _("%(who)s commented on measure %(number)s “%(title)s”.")
    return say(sentence, who=_who(who), number=number, title=Typed(title))


@message
def comment_on_agenda_item(say, who, item, meeting, mention=False):
    if mention:
        sentence = _(
            "%(who)s mentioned you in a comment on the agenda item “%(item)s” of “%(meeting)s”."
        )
    else:
        sentence = _("%(who)s commented on the agenda item “%(item)s” of “%(meeting)s”.")
    return say(sentence, who=_who(who), item=Typed(item), meeting=Typed(meeting))


@message
def comment_on_idea(say, who, title, mention=False):
    if mention:
        sentence = _("%(who)s mentioned you in a comment on the idea “%(title)s”.")
    else:
        sentence = _("%(who)s commented on the idea “%(title)s”.")
    return say(sentence, who=_who(who), title=Typed(title))


@message
def idea_posted(say, who, title, body):
    return say(
        _("%(who)s posted the idea “%(title)s” in %(body)s."),
        who=_who(who),
        title=Typed(title),
        body=Typed(body),
    )


@message
def idea_mention(say, who, title):
    return say(
        _("%(who)s mentioned you in the idea “%(title)s”."), who=_who(who), title=Typed(title)
    )
