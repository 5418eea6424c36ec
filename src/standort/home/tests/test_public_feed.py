"""The Atom feed of a public initiative's public changes, `/<slug>/feed/`, and the link
preview of its public page: the public measures adopted and their accepted status
updates, the newest first, in German whatever the reader's language, each linking to
the measure's public page; nothing of a measure the public may not see, no draft, no
support needed, no person and no e-mail address (issue 15, point 7)."""

import datetime
import re
import xml.etree.ElementTree as ET

from django.urls import reverse
from django.utils import timezone

from standort.measures.tests.factories import MeasureFactory
from standort.measures.tests.test_public_measure import EMAIL, plan, record  # noqa: F401

ATOM = "{http://www.w3.org/2005/Atom}"
DAY = datetime.timedelta(days=1)


def feed(slug="duisburg"):
    return reverse("initiative_feed", args=[slug])


def entries(client, **headers):
    response = client.get(feed(), headers=headers)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    return root, [
        {
            "title": entry.findtext(f"{ATOM}title"),
            "id": entry.findtext(f"{ATOM}id"),
            "updated": entry.findtext(f"{ATOM}updated"),
            "link": entry.find(f"{ATOM}link").get("href"),
            "summary": entry.findtext(f"{ATOM}summary"),
        }
        for entry in root.findall(f"{ATOM}entry")
    ]


def test_the_feed_is_atom_of_the_public_changes(plan, client, settings):  # noqa: F811
    settings.SITE_URL = "https://standort.example.org"
    root, found = entries(client)
    assert root.findtext(f"{ATOM}title") == "Masterplan Wirtschaft Duisburg: öffentliche Änderungen"
    assert root.findtext(f"{ATOM}author/{ATOM}name") == "Masterplan Wirtschaft Duisburg"
    assert root.find(f"{ATOM}link[@rel='self']").get("href") == (
        "https://standort.example.org/duisburg/feed/"
    )
    titles = [entry["title"] for entry in found]
    reported = [
        timezone.localdate(u.reported_at).strftime("%d.%m.%Y")
        for u in plan[4].updates.accepted().order_by("-reported_at")
    ]
    assert titles[:2] == [
        f"Maßnahme 4: Gründerzentrum am Innenhafen – Stand {reported[0]}",
        f"Maßnahme 4: Gründerzentrum am Innenhafen – Stand {reported[1]}",
    ]
    assert "Maßnahme 4: Gründerzentrum am Innenhafen – beschlossen am 16.03.2017" in titles
    # The dropped measure has no day of adoption recorded: no entry names one.
    assert len(titles) == 3
    for entry in found:
        assert entry["id"] and entry["updated"]
        assert entry["link"] == "https://standort.example.org/duisburg/measures/4/"
    assert len({entry["id"] for entry in found}) == 3
    newest = found[0]["summary"]
    assert newest == "Ampel: verzögert, Fortschritt: 45 %. Erreicht: Umbau begonnen."
    adopted = next(e for e in found if "beschlossen am" in e["title"])["summary"]
    assert adopted == "Beschlossen durch Lenkungskreis. Ziel: Bis 2028 arbeiten dort 40 Gründungen."


def test_nothing_internal_reaches_the_feed(plan, client):  # noqa: F811
    owner = plan[4].owner
    owner.name_is_public = True
    owner.save()
    text = client.get(feed()).content.decode()
    for secret in [
        "Nur eine Idee",
        "Vertrauliche Verhandlung",
        "Archivierte Maßnahme",
        "Entwurf, nicht angenommen",
        "Geld fehlt",
        "Ausschreibung",
        "Hafenmeister",
        "Partnerin",
        "0203 4711",
    ]:
        assert secret not in text, secret
    assert not EMAIL.findall(text)


def test_the_feed_is_in_the_contents_language(plan, client):  # noqa: F811
    _root, found = entries(client, accept_language="en")
    assert found[0]["title"].startswith("Maßnahme 4: Gründerzentrum am Innenhafen – Stand ")


def test_the_newest_entries_only(plan, client):  # noqa: F811
    for n in range(60):
        record(plan[4], "green", 50, f"Schritt {n}", timezone.now() - (300 + n) * DAY)
    _root, found = entries(client)
    assert len(found) == 50
    assert [e["updated"] for e in found] == sorted((e["updated"] for e in found), reverse=True)


def test_a_non_public_initiative_has_no_feed(internal, client, paul):
    MeasureFactory(initiative=internal, is_internal=False)
    assert client.get(feed("forum")).status_code == 404
    client.force_login(paul)
    assert client.get(feed("forum")).status_code == 404


def test_the_feed_costs_the_same_however_many_changes(
    plan,  # noqa: F811
    client,
    django_assert_max_num_queries,
):
    """The initiative; the accepted status updates; the adopted measures."""
    for n in range(20):
        record(plan[4], "green", 50, f"Schritt {n}", timezone.now() - n * DAY)
        MeasureFactory(
            initiative=plan[4].initiative,
            number=100 + n,
            is_internal=False,
            adopted_on=datetime.date(2018, 1, 1) + n * DAY,
        )
    with django_assert_max_num_queries(3):
        assert client.get(feed()).status_code == 200


def test_the_public_overview_has_a_link_preview_and_the_feed(plan, client, settings):  # noqa: F811
    settings.SITE_URL = "https://standort.example.org"
    initiative = plan[4].initiative
    initiative.summary = "Duisburg stärken: " + "Wirtschaft " * 25  # 293 of 300 characters
    initiative.save()
    page = client.get(reverse("initiative_home", args=["duisburg"])).content.decode()
    assert '<link rel="canonical" href="https://standort.example.org/duisburg/">' in page
    assert (
        '<link rel="alternate" type="application/atom+xml" '
        'href="https://standort.example.org/duisburg/feed/" '
        'title="Masterplan Wirtschaft Duisburg: öffentliche Änderungen">' in page
    )
    assert '<meta property="og:title" content="Masterplan Wirtschaft Duisburg">' in page
    assert '<meta property="og:type" content="website">' in page
    assert '<meta property="og:site_name" content="Standort">' in page
    assert '<meta name="twitter:card" content="summary">' in page
    description = re.search(r'<meta property="og:description" content="([^"]*)">', page)[1]
    assert description.startswith("Duisburg stärken: Wirtschaft") and len(description) <= 200
    assert description.endswith("…")


def test_members_pages_have_no_link_preview(plan, as_persona):  # noqa: F811
    page = as_persona("anna").get(reverse("initiative_home", args=["duisburg"])).content.decode()
    assert "og:title" not in page
