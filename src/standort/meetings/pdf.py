"""Approved minutes as PDF, rendered by WeasyPrint with the reports' print styles: the
members' version, and the public version of a public meeting (meetings.public), which
names only those who agreed to be named and leaves out the action items."""

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from standort.core.pdf import pdf_from_html, running_page_style

from . import public, queries


def minutes_pdf(meeting):
    invitations = list(queries.invitations_of(meeting))
    return _render(
        meeting,
        agenda=queries.agenda_of(meeting),
        present=[i.person.full_name for i in invitations if i.attended],
        absent=[i.person.full_name for i in invitations if i.attended is False],
        approved_by=meeting.minutes_approved_by,
    )


def public_minutes_pdf(meeting):
    """The minutes as the public reads them: only approved minutes of a public meeting
    (`public.public_meeting`), asked for by the caller."""
    present, unnamed = public.public_attendees(meeting)
    return _render(
        meeting,
        agenda=public.public_agenda(meeting, with_minutes=True),
        present=present,
        unnamed=unnamed,
        public=True,
    )


def _render(meeting, *, agenda, present, absent=(), unnamed=0, approved_by=None, public=False):
    day = date_format(timezone.localdate(meeting.starts_at), "SHORT_DATE_FORMAT")
    approved_on = date_format(timezone.localdate(meeting.minutes_approved_at), "SHORT_DATE_FORMAT")
    html = render_to_string(
        "meetings/minutes_print.html",
        {
            "meeting": meeting,
            "agenda": agenda,
            "present": present,
            "absent": absent,
            "unnamed": unnamed,
            "approved_by": approved_by,
            "public": public,
            "page_style": running_page_style(
                top_left=meeting.initiative.name,
                top_right=f"{_('Minutes')} · {meeting.body.name} · {day}",
                bottom_left=_("Approved on %(date)s") % {"date": approved_on},
            ),
        },
    )
    return pdf_from_html(html)
