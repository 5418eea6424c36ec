"""Demo meetings (DESIGN.md, "Demo data").

* Duisburg: the Lenkungskreis sessions of 13.02.2017 and 19.06.2017 that adopted the
  masterplan and its first projects; for the Lenkungskreis and each Arbeitskreis a
  meeting in the past weeks with approved minutes, decisions, action items and
  attendance, and one in the coming weeks with its agenda, invitations sent and some
  answers. The Arbeitskreise meet first, the Lenkungskreis last: it hears their reports
  (and, next time, the result of the running status review, due in two weeks).
* Mülheim: the Industriekonferenz of 16.03.2017 that adopted the 33 projects, and the
  conference of spring 2018 that reviewed their implementation.

The meetings of the bodies that decide, the Lenkungskreis and the Industriekonferenz,
are public (their agenda, decisions and approved minutes are on the public pages); the
Arbeitskreise meet internally.

Held meetings are history: their rows are written directly with their dates (the
services act in the present). The coming meetings go through the services, so their
invitations sit in the outbox for the worker like any other. A meeting that exists
already (by body and title) is left alone, which makes loading again a no-op.

Dates relative to today move to the next working day in North Rhine-Westphalia: no
body meets on a weekend or a public holiday (nor on Christmas Eve or New Year's Eve)."""

import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone

from standort.initiatives.models import Body, Membership
from standort.measures.models import Measure

from . import services
from .models import ActionItem, AgendaItem, Decision, Invitation, Meeting, MinutesState

BERLIN = ZoneInfo("Europe/Berlin")


def _at(day, hour, minute=0):
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=BERLIN)


# What the last meeting of each Duisburg body discussed: agenda items as (title,
# minutes, decision or "", action item or ""). The first body is the Lenkungskreis.
AUTUMN = {
    "Lenkungskreis": [
        (
            "Stand der Umsetzung des Masterplans",
            "Die Geschäftsstelle berichtet aus den Rückmeldungen der Projektverantwortlichen. "
            "**Die meisten Projekte sind im Plan**; verzögert sind vor allem Vorhaben, "
            "die auf Fördermittel warten.\n\n- Breitband: Ausschreibung läuft\n"
            "- Gründerzentrum: Räume gefunden",
            "Der Lenkungskreis nimmt den Bericht zur Kenntnis und bittet die Arbeitskreise, "
            "verzögerte Projekte bis zur nächsten Sitzung mit einem Zeitplan zu versehen.",
            "Zeitpläne der verzögerten Projekte bei den Arbeitskreisen einsammeln",
        ),
        (
            "Standortmarketing 2027",
            "Vorstellung des Entwurfs der gemeinsamen Kommunikationsstrategie durch den "
            "Arbeitskreis Image. Diskussion über das Budget.",
            "",
            "Budgetvorschlag für das Standortmarketing 2027 vorlegen",
        ),
        ("Verschiedenes", "Keine Wortmeldungen.", "", ""),
    ],
    "Mittelstand und Gründung": [
        (
            "Serviceversprechen der Verwaltung",
            "Das Wirtschaftsdezernat stellt den Entwurf vor: *Rückmeldung auf Anfragen "
            "von Unternehmen innerhalb von fünf Werktagen.* Der Arbeitskreis begrüßt den "
            "Entwurf und regt an, die Einhaltung jährlich zu messen.",
            "Der Arbeitskreis empfiehlt dem Lenkungskreis, das Serviceversprechen zum "
            "1. Januar einzuführen und jährlich auszuwerten.",
            "Entwurf des Serviceversprechens mit den Kammern abstimmen",
        ),
        (
            "Gründerfreundliche Gebühren",
            "Vergleich der Gewerbeanmeldegebühren im Ruhrgebiet; Duisburg liegt im oberen Drittel.",
            "",
            "Gebührenvergleich als Vorlage für den Rat aufbereiten",
        ),
    ],
    "Infrastruktur, Umwelt und Energie": [
        (
            "Glasfaser für die Gewerbegebiete",
            "Die Ausschreibung für die Gewerbegebiete im Norden ist veröffentlicht. "
            "Die Vergabe ist für das erste Quartal geplant.",
            "",
            "Liste der noch nicht erschlossenen Gewerbegebiete aktualisieren",
        ),
        (
            "Baustellenmanagement",
            "Die Unternehmen berichten von Umwegen durch parallele Baustellen auf den "
            "Hauptachsen zum Hafen.",
            "Der Arbeitskreis bittet die Stadt, Baustellen auf den Hafenzufahrten mit "
            "den Nachbarstädten abzustimmen und monatlich online zu veröffentlichen.",
            "",
        ),
    ],
    "Image und internationales Profil": [
        (
            "Kommunikationsstrategie",
            "Der Entwurf der Agentur liegt vor. Kernbotschaft: *Duisburg – Hafen, "
            "Hochschule, Heimat.*",
            "Der Arbeitskreis empfiehlt den Entwurf dem Lenkungskreis zur Annahme.",
            "Rückmeldungen der Unternehmen zum Entwurf sammeln",
        ),
    ],
    "Familienfreundlichkeit": [
        (
            "Wettbewerb „Familienfreundliches Unternehmen“",
            "Zwölf Bewerbungen sind eingegangen. Die Jury tagt im Januar.",
            "",
            "Jurytermin mit den Partnern abstimmen",
        ),
    ],
    "Bildung, Integration und Technologie": [
        (
            "Kampagne für die duale Ausbildung",
            "Die Kampagne startet mit dem Ausbildungstag im März. Die Kammern stellen "
            "Botschafterinnen und Botschafter aus den Betrieben.",
            "Der Arbeitskreis beschließt, die Kampagne gemeinsam mit den Kammern und der "
            "Agentur für Arbeit durchzuführen.",
            "Betriebe für den Ausbildungstag gewinnen",
        ),
    ],
}

# The coming meeting of each body: its agenda titles.
COMING = {
    "Lenkungskreis": ["Bericht aus den Arbeitskreisen", "Ergebnis der Sachstandsabfrage"],
    "Mittelstand und Gründung": ["Serviceversprechen: Abstimmung mit den Kammern", "Ideen"],
    "Infrastruktur, Umwelt und Energie": ["Vergabe Glasfaser", "Flächenentwicklung"],
    "Image und internationales Profil": ["Kommunikationsstrategie: Rückmeldungen"],
    "Familienfreundlichkeit": ["Jury des Wettbewerbs", "Unternehmensnetzwerk"],
    "Bildung, Integration und Technologie": ["Ausbildungstag im März"],
}


def load_meetings(*, result, actor, initiative):
    if initiative.slug == "duisburg":
        _duisburg(result, actor, initiative)
    elif initiative.slug == "muelheim":
        _muelheim(result, actor, initiative)


def _easter(year):
    """Easter Sunday of `year` in the Gregorian calendar (the anonymous Gregorian
    algorithm, after Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    w = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * w) // 451
    month, day = divmod(h + w - 7 * m + 114, 31)
    return datetime.date(year, month, day + 1)


def _days_off(year):
    """The public holidays of North Rhine-Westphalia in `year`, and Christmas Eve and
    New Year's Eve, when nobody meets either."""
    easter = _easter(year)
    return {
        datetime.date(year, 1, 1),  # Neujahr
        easter - datetime.timedelta(days=2),  # Karfreitag
        easter + datetime.timedelta(days=1),  # Ostermontag
        datetime.date(year, 5, 1),  # Tag der Arbeit
        easter + datetime.timedelta(days=39),  # Christi Himmelfahrt
        easter + datetime.timedelta(days=50),  # Pfingstmontag
        easter + datetime.timedelta(days=60),  # Fronleichnam
        datetime.date(year, 10, 3),  # Tag der Deutschen Einheit
        datetime.date(year, 11, 1),  # Allerheiligen
        datetime.date(year, 12, 24),  # Heiligabend
        datetime.date(year, 12, 25),  # 1. Weihnachtstag
        datetime.date(year, 12, 26),  # 2. Weihnachtstag
        datetime.date(year, 12, 31),  # Silvester
    }


def _workday(day):
    """`day`, or the next working day when it falls on a weekend or a day off in NRW:
    bodies meet on working days."""
    while day.weekday() >= 5 or day in _days_off(day.year):
        day += datetime.timedelta(days=1)
    return day


MONTHS = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
          "September", "Oktober", "November", "Dezember"]  # fmt: skip


def _title(name, day):
    """The title of a body's meeting on `day`, by its month: a body's last and next
    meeting (see `_meeting_days`) are about a month apart at least, never in one month."""
    return f"Sitzung {name} {MONTHS[day.month - 1]} {day.year}"


def _meeting_days(today, n):
    """The days the n-th body of AUTUMN met last and meets next. The Arbeitskreise met
    and meet first, a week apart, the Lenkungskreis (n = 0) after them: it hears their
    reports, and next time the result of the running status review (due in 14 days)."""
    held_on = _workday(today - datetime.timedelta(days=20 + 6 * n))
    coming_on = _workday(today + datetime.timedelta(days=9 + 7 * ((n - 1) % len(AUTUMN))))
    return held_on, coming_on


def _mayor(body):
    """How the agenda names the mayor among the body's chairs: "den Oberbürgermeister"
    or "die Oberbürgermeisterin", as the person's function says."""
    functions = body.memberships.filter(role=Membership.Role.CHAIR).values_list(
        "person__function", flat=True
    )
    if "Oberbürgermeisterin" in functions:
        return "die Oberbürgermeisterin"
    return "den Oberbürgermeister"


def _chair(body):
    membership = (
        body.memberships.filter(role=Membership.Role.CHAIR).select_related("person").first()
    )
    return membership.person if membership else None


def _manager(body):
    membership = (
        body.memberships.filter(role=Membership.Role.MANAGER).select_related("person").first()
    )
    return membership.person if membership else _chair(body)


def _decides_in_public(body):
    """The steering committee and the conference meet in public, the working groups
    among themselves."""
    return body.kind in (Body.Kind.STEERING_COMMITTEE, Body.Kind.CONFERENCE)


def _held(result, actor, body, *, title, starts_at, hours=2, location, agenda, approver=None):
    """A held meeting with approved minutes, written as it was then. `agenda` as in
    AUTUMN; returns the meeting, or None when it exists already."""
    if Meeting.objects.filter(body=body, title=title).exists():
        return None
    chair = _chair(body)
    approved_by = approver or (chair.user if chair and chair.user_id else None)
    meeting = Meeting.objects.create(
        initiative=body.initiative,
        body=body,
        title=title,
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=hours),
        location=location,
        is_public=_decides_in_public(body),
        state=Meeting.State.INVITED,
        invited_at=starts_at - datetime.timedelta(days=21),
        minutes_state=MinutesState.APPROVED,
        minutes_approved_at=starts_at + datetime.timedelta(days=10),
        minutes_approved_by=approved_by,
        created_by=actor,
    )
    result.note(Meeting, created=True)
    members = list(body.memberships.select_related("person").order_by("pk"))
    invitations = [
        Invitation(
            meeting=meeting,
            person=m.person,
            response=Invitation.Response.NO if n % 5 == 4 else Invitation.Response.YES,
            responded_at=meeting.invited_at + datetime.timedelta(days=2),
            sent_at=meeting.invited_at,
            attended=n % 5 != 4,
        )
        for n, m in enumerate(members)
    ]
    Invitation.objects.bulk_create(invitations)
    manager = _manager(body)
    for position, (item_title, minutes, decision, action) in enumerate(agenda, start=1):
        item = AgendaItem.objects.create(
            meeting=meeting,
            position=position,
            title=item_title,
            presenter=manager,
            duration_minutes=30,
            minutes=minutes,
        )
        if decision:
            Decision.objects.create(agenda_item=item, text=decision)
        if action:
            # The chair takes on the first item's action, the manager the others.
            owner = (_chair(body) if position == 1 else None) or manager
            ActionItem.objects.create(
                agenda_item=item,
                what=action,
                owner=owner,
                due_on=timezone.localdate(starts_at) + datetime.timedelta(days=60),
                # Those of years ago were done long since.
                done_at=starts_at + datetime.timedelta(days=45) if starts_at.year < 2026 else None,
            )
    return meeting


def _coming(result, actor, body, *, title, starts_at, location, agenda):
    """A coming meeting planned and invited to through the services; some answers."""
    if Meeting.objects.filter(body=body, title=title).exists():
        return None
    meeting = Meeting(
        initiative=body.initiative,
        body=body,
        title=title,
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=2),
        location=location,
        is_public=_decides_in_public(body),
    )
    services.meeting_save(actor=actor, meeting=meeting)
    for position, item_title in enumerate(agenda, start=1):
        item = AgendaItem(meeting=meeting, position=position, title=item_title, duration_minutes=30)
        services.agenda_item_save(actor=actor, item=item)
    invitations = services.meeting_invite(actor=actor, meeting=meeting)
    for n, invitation in enumerate(invitations):
        if n % 3 == 0:
            services.invitation_answer(invitation=invitation, response=Invitation.Response.YES)
        elif n % 7 == 1:
            services.invitation_answer(invitation=invitation, response=Invitation.Response.MAYBE)
    result.note(Meeting, created=True)
    return meeting


def _duisburg(result, actor, initiative):
    bodies = {body.name: body for body in Body.objects.filter(initiative=initiative)}
    steering = bodies.get("Lenkungskreis")
    if steering is not None:
        _masterplan_sessions(result, actor, steering)
    today = timezone.localdate()
    for n, (name, agenda) in enumerate(AUTUMN.items()):
        body = bodies.get(name)
        if body is None:
            continue
        held_on, coming_on = _meeting_days(today, n)
        _held(
            result,
            actor,
            body,
            title=_title(name, held_on),
            starts_at=_at(held_on, 16),
            location="Niederrheinische IHK, Mercatorstraße 22–24, Duisburg",
            agenda=agenda,
        )
        _coming(
            result,
            actor,
            body,
            title=_title(name, coming_on),
            starts_at=_at(coming_on, 16),
            location="Rathaus Duisburg, Burgplatz 19, Ratssaal",
            agenda=COMING[name],
        )


def _masterplan_sessions(result, actor, steering):
    measures = Measure.objects.filter(initiative=steering.initiative, adopted_by=steering)
    for day, title, text, decision_prefix in [
        (
            datetime.date(2017, 2, 13),
            "Lenkungskreis: Verabschiedung des Masterplans Wirtschaft",
            "Der Lenkungskreis verabschiedet den Masterplan Wirtschaft für Duisburg mit "
            "den Handlungsempfehlungen der fünf Arbeitskreise.",
            "Beschluss des Lenkungskreises vom 13.02.2017",
        ),
        (
            datetime.date(2017, 6, 19),
            "Lenkungskreis: Umsetzungsprojekte zum Masterplan",
            "Der Lenkungskreis beschließt die ersten Umsetzungsprojekte zum Masterplan "
            "mit benannten Verantwortlichen.",
            "Beschluss des Lenkungskreises vom 19.06.2017",
        ),
    ]:
        meeting = _held(
            result,
            actor,
            steering,
            title=title,
            starts_at=_at(day, 10),
            location="Rathaus Duisburg, Burgplatz 19",
            agenda=[
                (f"Begrüßung durch {_mayor(steering)}", "", "", ""),
                ("Beschluss", "Aussprache über die Vorlage der Geschäftsstelle.", text, ""),
            ],
        )
        if meeting is not None:
            decision = Decision.objects.get(agenda_item__meeting=meeting)
            decision.adopted_measures.set(measures.filter(decision__startswith=decision_prefix))


def _muelheim(result, actor, initiative):
    conference = Body.objects.filter(initiative=initiative, name="Industriekonferenz").first()
    if conference is None:
        return
    meeting = _held(
        result,
        actor,
        conference,
        title="Industriekonferenz 2017",
        starts_at=_at(datetime.date(2017, 3, 16), 14),
        hours=4,
        location="Stadthalle Mülheim an der Ruhr",
        agenda=[
            (
                "Begrüßung",
                f"Begrüßung durch {_mayor(conference)}, den Unternehmerverband und die IG Metall.",
                "",
                "",
            ),
            (
                "Ergebnisse der Industriebefragung",
                "Nur **4 von 10** Unternehmen kooperieren mit der Wissenschaft; **90 %** "
                "fühlen sich am Standort zu Hause; **zwei Drittel** sorgen sich um Flächen "
                "und Infrastruktur.",
                "",
                "",
            ),
            (
                "Ergebnisse der Arbeitskreise und Beschluss der Projekte",
                "Die drei Arbeitskreise stellen ihre Projekte vor. Jedes Projekt hat "
                "eine benannte Verantwortliche oder einen benannten Verantwortlichen und "
                "Projektpartner.",
                "Die Industriekonferenz beschließt die 33 Projekte der Stärkungsinitiative "
                "Industrie. Die Umsetzung wird im Frühjahr 2018 überprüft.",
                "Sachstandsabfrage zu allen 33 Projekten im Frühjahr 2018 vorbereiten",
            ),
        ],
    )
    if meeting is not None:
        decision = Decision.objects.get(agenda_item__meeting=meeting)
        decision.adopted_measures.set(Measure.objects.filter(initiative=initiative, number__lte=33))
    _held(
        result,
        actor,
        conference,
        title="Industriekonferenz Frühjahr 2018: Stand der Umsetzung",
        starts_at=_at(datetime.date(2018, 5, 17), 14),
        hours=3,
        location="Stadthalle Mülheim an der Ruhr",
        agenda=[
            (
                "Bericht zur Sachstandsabfrage",
                "Von 33 Projekten haben 29 geantwortet: **20 im Plan, 7 verzögert, "
                "2 gefährdet**. Der Bericht „Stand der Umsetzung“ liegt allen vor.",
                "",
                "",
            ),
            (
                "Gefährdete Projekte",
                "Für die beiden gefährdeten Projekte werden neue Träger gesucht.",
                "Die Industriekonferenz bittet die Arbeitskreise, für die gefährdeten "
                "Projekte bis zum Herbst neue Träger zu finden oder sie neu zuzuschneiden.",
                "Gespräche mit möglichen neuen Projektträgern führen",
            ),
            (
                "Ausblick",
                "Die Initiative wird fortgesetzt; die nächste Sachstandsabfrage folgt im Herbst.",
                "",
                "",
            ),
        ],
    )
