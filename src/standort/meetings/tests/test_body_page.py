"""A body's page names its next meetings and its latest past ones (slot body.sections),
linked and dated 24.11.2026; kept with the page while its stamp holds, in a fixed number
of queries (issue 14, item 18)."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from standort.initiatives.models import Body
from standort.initiatives.tests.factories import BodyFactory
from standort.meetings import services
from standort.meetings import slots as meeting_slots
from standort.meetings.models import Meeting
from standort.meetings.queries import BODY_MEETINGS

pytestmark = pytest.mark.django_db
BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
def group(duisburg):
    return BodyFactory(initiative=duisburg, name="Arbeitskreis Häfen")


def meeting_of(body, title, start, *, hours=2, **fields):
    return Meeting.objects.create(
        initiative=body.initiative,
        body=body,
        title=title,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=hours),
        **fields,
    )


def at(year, month, day, hour=10, minute=0):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=BERLIN)


def page_of(client, body):
    response = client.get(reverse("body_detail", args=["duisburg", body.pk]))
    assert response.status_code == 200
    return re.sub(
        r'(csrfmiddlewaretoken" value="|X-CSRFToken": ")[^"]+', r"\1", response.content.decode()
    )


def _section(page):
    return page.split('id="meetings-heading"')[1].split("</section>")[0]


def test_the_page_names_the_next_and_the_latest_meetings_linked_and_dated(
    client, duisburg, group, ben
):
    spring = meeting_of(group, "Frühjahrssitzung", at(2030, 3, 16))
    meeting_of(group, "Sommersitzung", at(2030, 6, 2, 14, 30), state=Meeting.State.CANCELLED)
    autumn = meeting_of(group, "Herbstsitzung", at(2020, 11, 24, 14))
    meeting_of(group, "Abgesagte Wintersitzung", at(2020, 12, 1), state=Meeting.State.CANCELLED)
    meeting_of(BodyFactory(initiative=duisburg), "Sitzung eines anderen Kreises", at(2030, 3, 17))
    client.force_login(ben)
    section = _section(page_of(client, group))
    upcoming, past = section.split("Vergangene Sitzungen")
    spring_url = reverse("meeting_detail", args=["duisburg", spring.pk])
    assert "16.03.2030, 10:00" in upcoming
    assert f'href="{spring_url}">Frühjahrssitzung</a>' in upcoming
    assert upcoming.index("Frühjahrssitzung") < upcoming.index("Sommersitzung")
    assert re.search(r"Sommersitzung</a> <span[^>]*><span[^>]*>abgesagt", upcoming)
    autumn_url = reverse("meeting_detail", args=["duisburg", autumn.pk])
    assert "24.11.2020, 14:00" in past
    assert f'href="{autumn_url}">Herbstsitzung</a>' in past
    assert "Wintersitzung" not in section  # cancelled and over: it did not take place
    assert "Sitzung eines anderen Kreises" not in section
    meetings_url = reverse("meeting_list", args=["duisburg"])
    assert f'href="{meetings_url}?body={group.pk}"' in upcoming
    assert f'href="{meetings_url}?when=past&amp;body={group.pk}"' in past


def test_at_most_three_of_each_soonest_and_latest_first(client, group, ben):
    for n in range(BODY_MEETINGS + 2):
        meeting_of(group, f"Künftige Sitzung {n}", at(2030, 1, 10 + n))
        meeting_of(group, f"Frühere Sitzung {n}", at(2020, 1, 10 + n))
    client.force_login(ben)
    section = _section(page_of(client, group))
    assert re.findall(r"Künftige Sitzung \d", section) == [
        f"Künftige Sitzung {n}" for n in range(BODY_MEETINGS)
    ]
    assert re.findall(r"Frühere Sitzung \d", section) == [f"Frühere Sitzung {n}" for n in (4, 3, 2)]


def test_a_meeting_of_today_counts_as_upcoming_all_day(client, group, ben):
    """The page keeps the section for the day: it splits by the day, not the hour."""
    today = timezone.localdate()
    midnight = datetime.datetime.combine(today, datetime.time.min, tzinfo=BERLIN)
    meeting_of(group, "Frühstückssitzung", midnight, hours=1)
    meeting_of(group, "Spätsitzung gestern", midnight - datetime.timedelta(hours=2), hours=1)
    client.force_login(ben)
    upcoming, past = _section(page_of(client, group)).split("Vergangene Sitzungen")
    assert "Frühstückssitzung" in upcoming
    assert "Spätsitzung gestern" in past


def test_empty_states_in_german(client, duisburg, group, ben):
    steering = BodyFactory(
        initiative=duisburg, name="Lenkungskreis", kind=Body.Kind.STEERING_COMMITTEE
    )
    client.force_login(ben)
    assert "Dieser Arbeitskreis hat noch keine Sitzungen." in page_of(client, group)
    assert "Dieses Gremium hat noch keine Sitzungen." in page_of(client, steering)
    meeting_of(group, "Herbstsitzung", at(2020, 11, 24))
    section = _section(page_of(client, group))
    assert "Noch keine Sitzungen geplant." in section and "Herbstsitzung" in section


def test_only_those_who_see_the_meetings_see_the_section(duisburg, group, ben, eva):
    meeting_of(group, "Frühjahrssitzung", at(2030, 3, 16))
    assert meeting_slots.body_meetings({"initiative": duisburg, "user": eva}, group) is None
    group.stamp = "0"
    shown = meeting_slots.body_meetings({"initiative": duisburg, "user": ben}, group)
    assert [m.title for m in shown["body_meetings"]["upcoming"]] == ["Frühjahrssitzung"]


def _planned(group, anna):
    services.meeting_save(
        actor=anna,
        meeting=Meeting(
            initiative=group.initiative,
            body=group,
            title="Sondersitzung Hafen",
            starts_at=at(2030, 5, 5),
            ends_at=at(2030, 5, 5, 12),
        ),
    )
    return "Sondersitzung Hafen"


def _moved(group, anna):
    meeting = Meeting.objects.get(body=group)
    meeting.starts_at, meeting.ends_at = at(2030, 4, 1), at(2030, 4, 1, 12)
    services.meeting_save(actor=anna, meeting=meeting)
    return "01.04.2030, 10:00"


def _cancelled(group, anna):
    services.meeting_cancel(actor=anna, meeting=Meeting.objects.get(body=group))
    return "abgesagt"


@pytest.mark.parametrize(
    "change", [_planned, _moved, _cancelled], ids=lambda change: change.__name__.strip("_")
)
def test_the_kept_page_shows_each_change_of_its_meetings_on_the_next_visit(
    client, group, anna, ben, change
):
    meeting_of(group, "Frühjahrssitzung", at(2030, 3, 16))
    client.force_login(ben)
    before = page_of(client, group)
    assert page_of(client, group) == before
    expected = change(group, anna)
    assert expected not in _section(before)
    assert expected in _section(page_of(client, group))


def _queries(client, body):
    with CaptureQueriesContext(connection) as queries:
        page_of(client, body)
    return [q["sql"] for q in queries.captured_queries]


def _reading_meetings(sqls):
    return [sql for sql in sqls if 'FROM "meetings_meeting"' in sql]


def test_the_meetings_cost_two_queries_however_many_and_none_while_kept(client, group, ben):
    meeting_of(group, "Frühjahrssitzung", at(2030, 3, 16))
    client.force_login(ben)
    few = _queries(client, group)
    kept = _queries(client, group)
    for n in range(12):
        meeting_of(group, f"Künftige Sitzung {n}", at(2030, 1, 10 + n))
        meeting_of(group, f"Frühere Sitzung {n}", at(2020, 1, 10 + n))
    many = _queries(client, group)
    assert len(many) == len(few), "\n".join(many)
    assert len(_reading_meetings(few)) == 2, "\n".join(few)
    assert len(_queries(client, group)) == len(kept)
    assert not _reading_meetings(kept)
