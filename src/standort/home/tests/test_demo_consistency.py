"""The demo does not contradict itself (issue 14, item 20): no body meets on a weekend or
a public holiday in North Rhine-Westphalia, whatever day the demo is loaded; Mülheim's
texts name the bodies Mülheim has; agendas greet the mayor the demo has; the
cooperation platform of Mülheim is not done; the Lenkungskreis discusses the running
review after its deadline."""

import datetime

import pytest
from django.utils import timezone

from standort.dialog.models import Comment, Idea
from standort.home.demo import load_demo
from standort.initiatives.models import Body, Membership
from standort.measures.models import Measure, Milestone, StatusUpdate
from standort.meetings import demo as meetings_demo
from standort.meetings.models import ActionItem, AgendaItem, Decision, Meeting
from standort.reviews.demo import RUNNING_TITLE
from standort.reviews.models import ReviewAnswer, ReviewCycle

pytestmark = pytest.mark.django_db

day = datetime.date
days = datetime.timedelta


@pytest.fixture
def demo(db):
    load_demo()


def easter(year):
    """Easter Sunday by Gauss's rule for the Gregorian calendar, with its two exceptions
    (independent of the loader's own computation)."""
    k = year // 100
    p = (13 + 8 * k) // 25
    q = k // 4
    m = (15 - p + k - q) % 30
    n = (4 + k - q) % 7
    d = (19 * (year % 19) + m) % 30
    e = (2 * (year % 4) + 4 * (year % 7) + 6 * d + n) % 7
    if d == 29 and e == 6:
        return day(year, 4, 19)
    if d == 28 and e == 6 and (11 * m + 11) % 30 < 19:
        return day(year, 4, 18)
    return day(year, 3, 22) + days(d + e)


def nrw_holidays(year):
    """Neujahr, Karfreitag, Ostermontag, 1. Mai, Christi Himmelfahrt, Pfingstmontag,
    Fronleichnam, 3. Oktober, Allerheiligen, 1. and 2. Weihnachtstag."""
    fixed = [(1, 1), (5, 1), (10, 3), (11, 1), (12, 25), (12, 26)]
    movable = [-2, 1, 39, 50, 60]
    return {day(year, m, d) for m, d in fixed} | {easter(year) + days(n) for n in movable}


def is_day_off(value):
    return value.weekday() >= 5 or value in nrw_holidays(value.year)


def meetings_on_days_off():
    return [
        (meeting.title, timezone.localdate(meeting.starts_at))
        for meeting in Meeting.objects.all()
        if is_day_off(timezone.localdate(meeting.starts_at))
    ]


def test_the_easter_rule_of_this_test():
    known = ["2017-04-16", "2018-04-01", "2019-04-21", "2024-03-31", "2025-04-20",
             "2026-04-05", "2027-03-28", "2028-04-16", "2038-04-25", "2285-03-22"]  # fmt: skip
    for value in known:
        assert easter(int(value[:4])) == day.fromisoformat(value)
    assert sorted(nrw_holidays(2026))[:5] == [
        day(2026, 1, 1),
        day(2026, 4, 3),
        day(2026, 4, 6),
        day(2026, 5, 1),
        day(2026, 5, 14),
    ]


def test_no_demo_meeting_falls_on_a_holiday_or_a_weekend(demo):
    assert Meeting.objects.count() >= 14
    assert meetings_on_days_off() == []


@pytest.mark.parametrize(
    "today",
    [
        # Held 32 days before: Karfreitag; coming in 9 and 30 days: Christi Himmelfahrt
        # and Fronleichnam.
        day(2028, 5, 16),
        # Coming in 9 and 16 days: 1. Weihnachtstag (the next day is a holiday too)
        # and Neujahr.
        day(2029, 12, 16),
    ],
)
def test_demo_meetings_avoid_days_off_whatever_day_the_demo_is_loaded(monkeypatch, today):
    class Today:
        """The meetings' demo sees `today` as the date of the run."""

        @staticmethod
        def localdate(value=None):
            return today if value is None else timezone.localdate(value)

    monkeypatch.setattr(meetings_demo, "timezone", Today)
    load_demo()
    held = Meeting.objects.filter(initiative__slug="duisburg", starts_at__year__gte=2026)
    assert held.count() == 12
    assert meetings_on_days_off() == []


def test_the_loader_moves_any_date_to_the_next_working_day():
    start = day(2026, 1, 1)
    for offset in range(6 * 366):
        value = start + days(offset)
        moved = meetings_demo._workday(value)
        assert not is_day_off(moved), value
        assert 0 <= (moved - value).days <= 5, value
        if not is_day_off(value) and value.strftime("%d.%m") not in ("24.12", "31.12"):
            assert moved == value


def test_on_any_run_day_the_bodies_meet_on_working_days_under_distinct_titles():
    start = day(2026, 1, 1)
    bodies = list(meetings_demo.AUTUMN)
    for offset in range(6 * 366):
        today = start + days(offset)
        for n, name in enumerate(bodies):
            held_on, coming_on = meetings_demo._meeting_days(today, n)
            assert held_on < today < coming_on, today
            assert not is_day_off(held_on) and not is_day_off(coming_on), today
            assert meetings_demo._title(name, held_on) != meetings_demo._title(name, coming_on)
        steering = meetings_demo._meeting_days(today, 0)[1]
        assert steering > today + days(14)
        assert all(meetings_demo._meeting_days(today, n)[1] < steering for n in range(1, 6))


def texts_of(slug):
    """Every text of the initiative's demo a reader sees, with where it stands."""
    of = {"initiative__slug": slug}
    sources = [
        (ReviewCycle.objects.filter(**of), ["title", "message"]),
        (
            StatusUpdate.objects.filter(measure__initiative__slug=slug),
            ["achieved", "next_steps", "support_needed"],
        ),
        (
            Measure.objects.filter(**of),
            ["title", "description", "goal", "status_reason", "decision"],
        ),
        (Milestone.objects.filter(measure__initiative__slug=slug), ["title"]),
        (Meeting.objects.filter(**of), ["title"]),
        (AgendaItem.objects.filter(meeting__initiative__slug=slug), ["title", "minutes"]),
        (Decision.objects.filter(agenda_item__meeting__initiative__slug=slug), ["text"]),
        (ActionItem.objects.filter(agenda_item__meeting__initiative__slug=slug), ["what"]),
        (Idea.objects.filter(**of), ["title", "text"]),
        (Comment.objects.filter(**of), ["text"]),
        (Body.objects.filter(**of), ["name", "description"]),
    ]
    return [
        (f"{queryset.model.__name__} {row['pk']} {name}", row[name])
        for queryset, names in sources
        for row in queryset.values("pk", *names)
        for name in names
        if row[name]
    ]


def test_muelheim_names_no_lenkungskreis(demo):
    assert not Body.objects.filter(initiative__slug="muelheim", name="Lenkungskreis").exists()
    texts = texts_of("muelheim")
    assert [(where, text) for where, text in texts if "Lenkungskreis" in text] == []
    # The reviews name the body Mülheim has instead.
    assert Body.objects.filter(initiative__slug="muelheim", name="Industriekonferenz").exists()
    running = ReviewCycle.objects.get(initiative__slug="muelheim", title=RUNNING_TITLE)
    assert "Industriekonferenz" in running.message
    answers = ReviewAnswer.objects.filter(cycle__initiative__slug="muelheim")
    assert answers.filter(status_update__support_needed__contains="der Industriekonferenz").exists()
    # Duisburg keeps its Lenkungskreis.
    duisburg = ReviewCycle.objects.get(initiative__slug="duisburg", title=RUNNING_TITLE)
    assert "Lenkungskreis" in duisburg.message


def test_agendas_greet_the_mayor_the_demo_has(demo):
    greetings = 0
    for slug, article in [("duisburg", "den"), ("muelheim", "die")]:
        (mayor,) = Membership.objects.filter(
            body__initiative__slug=slug,
            role=Membership.Role.CHAIR,
            person__function__startswith="Oberbürgermeister",
        ).values_list("person__function", flat=True)
        assert mayor == {"den": "Oberbürgermeister", "die": "Oberbürgermeisterin"}[article]
        for where, text in texts_of(slug):
            if "Oberbürgermeister" not in text or not where.startswith("AgendaItem"):
                continue
            greetings += 1
            assert f"{article} {mayor}" in text, where
            if article == "die":
                assert "den Oberbürgermeister" not in text, where
                assert "Oberbürgermeisters" not in text, where
    assert greetings >= 3


def test_the_cooperation_platform_of_muelheim_is_not_done(demo):
    platform = Measure.objects.get(initiative__slug="muelheim", number=14)
    assert "Plattform" in platform.title and "Wissenschaft" in platform.title
    assert platform.status == Measure.Status.IN_PROGRESS
    assert 0 < platform.progress < 100
    online = platform.milestones.get(title="Plattform online")
    assert online.completed_on is None
    assert online.due_on > timezone.localdate()
    for where, text in texts_of("muelheim"):
        if "Plattform" in text:
            assert "online" not in text.lower() or where.startswith("Milestone"), where


def test_the_lenkungskreis_meets_after_its_working_groups_and_the_review_deadline(demo):
    now = timezone.now()
    coming = Meeting.objects.filter(initiative__slug="duisburg", starts_at__gt=now)
    steering = coming.get(body__name="Lenkungskreis")
    others = coming.exclude(pk=steering.pk)
    assert others.count() == 5
    assert all(meeting.starts_at < steering.starts_at for meeting in others)
    review = ReviewCycle.objects.get(initiative__slug="duisburg", title=RUNNING_TITLE)
    assert timezone.localdate(steering.starts_at) > review.deadline
    assert steering.agenda.filter(title__contains="Sachstandsabfrage").exists()
