"""Approved minutes as PDF, rendered by WeasyPrint with the reports' print styles."""

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from standort.core.pdf import pdf_from_html, running_page_style

from . import queries


def minutes_pdf(meeting):
    day = date_format(timezone.localdate(meeting.starts_at), "SHORT_DATE_FORMAT")
    invitations = list(queries.invitations_of(meeting))
    html = render_to_string(
        "meetings/minutes_print.html",
        {
            "meeting": meeting,
            "agenda": queries.agenda_of(meeting),
            "present": [i for i in invitations if i.attended],
            "absent": [i for i in invitations if i.attended is False],
            "page_style": running_page_style(
                top_left=meeting.initiative.name,
                top_right=f"{_('Minutes')} · {meeting.body.name} · {day}",
                bottom_left=_("Approved on %(date)s")
                % {
                    "date": date_format(
                        timezone.localdate(meeting.minutes_approved_at), "SHORT_DATE_FORMAT"
                    )
                },
            ),
        },
    )
    return pdf_from_html(html)
