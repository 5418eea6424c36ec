"""Meetings for the benchmark installation (see README.md): years of meetings of every
body, each with a short agenda and its members invited, and one measured meeting with
a long agenda (minutes, decisions, action items, linked measures) held last week.
Bulk inserts only, no history rows and no personal links issued."""

import random
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from standort.core.tenancy import across_initiatives

BERLIN = ZoneInfo("Europe/Berlin")
MINUTES = (
    "Die Geschäftsstelle berichtet. **Ergebnis:** Der Arbeitskreis unterstützt den "
    "Vorschlag und bittet um einen Zeitplan.\n\n- Kosten klären\n- Partner ansprechen\n"
    "- Förderprogramm prüfen"
)


@across_initiatives()
def generate_meetings(
    initiative, bodies, user, *, seed, today, per_body=12, agenda_items=40, invited=60
):
    """`per_body` meetings of each body of `initiative`, every 8 weeks up to now and a
    few ahead, and the measured meeting of its first body with `agenda_items` items.
    Returns the measured meeting and its agenda items."""
    from standort.initiatives.models import Membership
    from standort.measures.models import Measure
    from standort.meetings.models import (
        ActionItem,
        AgendaItem,
        Decision,
        Invitation,
        Meeting,
        MinutesState,
    )

    rng = random.Random(seed)
    members = {}
    for body_id, person_id in Membership.objects.filter(body__in=bodies).values_list(
        "body_id", "person_id"
    ):
        members.setdefault(body_id, []).append(person_id)

    def moment(day, hour=16):
        return datetime.combine(day, time(hour), tzinfo=BERLIN)

    planned = []
    for body in bodies:
        for n in range(per_body):
            day = today + timedelta(weeks=8 * (n - per_body + 3) + rng.randint(0, 3))
            held = day < today
            planned.append(
                Meeting(
                    initiative=initiative,
                    body=body,
                    title=f"Sitzung {body.name} {n + 1}",
                    starts_at=moment(day),
                    ends_at=moment(day, 18),
                    location="Rathaus, Ratssaal",
                    state=Meeting.State.INVITED,
                    invited_at=moment(day - timedelta(days=21), 9),
                    minutes_state=MinutesState.APPROVED if held else MinutesState.DRAFT,
                    created_by=user,
                )
            )
    measured_body = bodies[0]
    measured = Meeting(
        initiative=initiative,
        body=measured_body,
        title=f"Große Sitzung {measured_body.name}",
        starts_at=moment(today - timedelta(days=7)),
        ends_at=moment(today - timedelta(days=7), 20),
        location="Rathaus, Ratssaal",
        state=Meeting.State.INVITED,
        invited_at=moment(today - timedelta(days=28), 9),
        minutes_state=MinutesState.CIRCULATED,
        created_by=user,
    )
    meetings = Meeting.objects.bulk_create([*planned, measured], batch_size=2000)
    measured = meetings[-1]

    items = AgendaItem.objects.bulk_create(
        (
            AgendaItem(meeting=meeting, position=p, title=f"Tagesordnungspunkt {p}")
            for meeting in meetings[:-1]
            for p in range(1, 4)
        ),
        batch_size=5000,
    )
    responses = ["yes", "yes", "no", "maybe", ""]
    invitations = []
    for meeting in meetings:
        people = members.get(meeting.body_id, [])
        if meeting is measured:
            people = people[:invited]
        for person_id in people:
            invitations.append(
                Invitation(
                    meeting=meeting,
                    person_id=person_id,
                    response=rng.choice(responses),
                    sent_at=meeting.invited_at,
                    attended=rng.random() < 0.8 if meeting.ends_at.date() < today else None,
                )
            )
    Invitation.objects.bulk_create(invitations, batch_size=5000)

    people = members.get(measured_body.pk, []) or [None]
    measure_ids = list(
        Measure.objects.filter(initiative=initiative).values_list("pk", flat=True)[:200]
    )
    long_agenda = AgendaItem.objects.bulk_create(
        AgendaItem(
            meeting=measured,
            position=p,
            title=f"Tagesordnungspunkt {p}: Bericht und Beschluss",
            presenter_id=people[p % len(people)],
            duration_minutes=10,
            minutes=MINUTES,
        )
        for p in range(1, agenda_items + 1)
    )
    links = AgendaItem.measures.through
    links.objects.bulk_create(
        links(agendaitem_id=item.pk, measure_id=measure_ids[(n * 3 + k) % len(measure_ids)])
        for n, item in enumerate(long_agenda)
        for k in range(2)
        if measure_ids
    )
    decisions = Decision.objects.bulk_create(
        Decision(agenda_item=item, text=f"Der Arbeitskreis beschließt Punkt {item.position}.")
        for item in long_agenda[::2]
    )
    adopted = Decision.adopted_measures.through
    adopted.objects.bulk_create(
        adopted(decision_id=decision.pk, measure_id=measure_ids[n % len(measure_ids)])
        for n, decision in enumerate(decisions)
        if measure_ids
    )
    if people[0] is not None:
        ActionItem.objects.bulk_create(
            ActionItem(
                agenda_item=item,
                what=f"Zeitplan für Punkt {item.position} vorlegen",
                owner_id=people[item.position % len(people)],
                due_on=today + timedelta(days=30),
            )
            for item in long_agenda[1::2]
        )
    del items
    return measured, long_agenda
