"""An import of the measure list tells the followers of the measures whose status it
moved once, in one notification that sums up what they follow, not once per row."""

import csv
import io

import pytest
from django.urls import reverse

from standort.accounts.tests.factories import UserFactory
from standort.core.models import OutgoingMail
from standort.measures import exchange
from standort.measures.models import Measure
from standort.measures.tests.factories import MeasureFactory
from standort.notifications import services
from standort.notifications.models import Choice, Kind, Notification
from standort.notifications.queries import followers, followers_of_measures

pytestmark = pytest.mark.django_db
HEADER = ["Nummer", "Titel", "Status", "Statusbegründung"]


@pytest.fixture
def catalogue(duisburg, measure, anna, olga):
    """Measure 7 (Ben owns it, Stefan is a partner) and measure 8, both followed by
    Olga; Anna, who imports, follows measure 8 too."""
    other = MeasureFactory(initiative=duisburg, number=8, title="Hafenbahn")
    quiet = MeasureFactory(initiative=duisburg, number=9, title="Stadtfenster")
    for followed in (measure, other):
        services.follow(olga, followed)
    services.follow(anna, other)
    return measure, other, quiet


def upload_file(rows):
    out = io.StringIO()
    csv.writer(out, delimiter=";").writerows([HEADER, *rows])
    content = out.getvalue().encode()
    content_file = io.BytesIO(content)
    content_file.name = "liste.csv"
    return content_file


def test_followers_hear_of_an_import_once(catalogue, client, anna, ben, stefan, olga):
    services.preferences_save(user=olga, choices={Kind.STATUS: Choice.IMMEDIATE})
    rows = [
        ["7", "Gewerbeflächen", "in Umsetzung", ""],
        ["8", "Hafenbahn", "zurückgestellt", "Wartet auf Fördermittel"],
        ["9", "Stadtfenster am Hafen", "beschlossen", ""],  # a new title, the same status
        ["", "Gründerzentrum", "vorgeschlagen", ""],
    ]
    client.force_login(anna)
    url = reverse("measure_import", args=["duisburg"])
    preview = client.post(url, {"file": upload_file(rows)})
    assert preview.context["plan"].errors == []
    assert client.post(url, {"pending": preview.context["pending"].pk}).status_code == 302

    notifications = list(Notification.objects.select_related("recipient"))
    assert sorted(n.recipient.email for n in notifications) == [
        "ben@example.org",
        "olga@example.org",
        "stefan@example.org",
    ]
    assert {n.kind for n in notifications} == {Kind.STATUS}
    assert {n.actor for n in notifications} == {anna}
    by_email = {n.recipient.email: n for n in notifications}
    for owner in ("ben@example.org", "stefan@example.org"):
        assert by_email[owner].text == (
            "Ein Import hat den Status einer Maßnahme geändert, der Sie folgen: "
            "7 „Gewerbeflächen“ ist jetzt „in Umsetzung“."
        )
        assert by_email[owner].url == "/duisburg/measures/7/"
    assert by_email["olga@example.org"].text == (
        "Ein Import hat den Status von 2 Maßnahmen geändert, denen Sie folgen: "
        "7 „Gewerbeflächen“ ist jetzt „in Umsetzung“; 8 „Hafenbahn“ ist jetzt „zurückgestellt“."
    )
    assert by_email["olga@example.org"].url == "/duisburg/measures/"
    # Olga wants status news at once: one mail, not one per measure.
    [mail] = OutgoingMail.objects.all()
    assert mail.to == "olga@example.org"
    assert Measure.objects.get(initiative=catalogue[0].initiative, number=8).status == "on_hold"

    # The same file again changes nothing, and tells nobody anything.
    preview = client.post(url, {"file": upload_file(rows)})
    assert preview.context["pending"] is None
    assert Notification.objects.count() == 3


def test_many_changes_are_summed_up_in_one_sentence(duisburg, anna, olga):
    measures = [
        MeasureFactory(initiative=duisburg, number=n, title=f"Maßnahme {n}") for n in range(1, 6)
    ]
    for measure in measures:
        services.follow(olga, measure)
    out = io.StringIO()
    csv.writer(out, delimiter=";").writerows(
        [HEADER, *[[str(m.number), m.title, "abgeschlossen", ""] for m in measures]]
    )
    plan = exchange.read(duisburg, "liste.csv", out.getvalue().encode())
    exchange.apply(anna, duisburg, plan)

    [notification] = Notification.objects.all()
    assert notification.recipient == olga
    assert notification.text == (
        "Ein Import hat den Status von 5 Maßnahmen geändert, denen Sie folgen: "
        "1 „Maßnahme 1“ ist jetzt „abgeschlossen“; 2 „Maßnahme 2“ ist jetzt „abgeschlossen“; "
        "3 „Maßnahme 3“ ist jetzt „abgeschlossen“ und 2 weitere."
    )


def test_followers_of_many_measures_are_those_of_each(catalogue, duisburg, stefan, clara, paul):
    """followers_of_measures answers for many measures what `followers` does for one."""
    measure, other, quiet = catalogue
    services.unfollow(stefan, measure)
    services.follow(clara, quiet)  # of another initiative: not told
    services.follow(paul, quiet)  # the platform admin
    outsider = MeasureFactory(initiative=duisburg, number=10)
    outsider.owner.user = UserFactory(email="ohne-rolle@example.org")  # no role in Duisburg
    outsider.owner.save()
    measures = [measure, other, quiet, outsider]
    expected = {}
    for m in measures:
        for user in followers(m).values_list("pk", flat=True):
            expected.setdefault(user, set()).add(m.pk)
    assert set(expected) == {u.pk for u in [catalogue[0].owner.user, paul]} | set(
        followers(other).values_list("pk", flat=True)
    )
    assert followers_of_measures(duisburg, [m.pk for m in measures]) == expected
