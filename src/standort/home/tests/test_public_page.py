"""The public page: `/<slug>/` of a public initiative for everyone without a role, and
its embeddable version `/<slug>/embed/` for the city's and the association's websites.

What it shows: the adopted measures (adopted, in progress, done, on hold, and dropped
ones as dropped with their reason) per working group, sub-groups under theirs, with
status, progress and traffic light, and the organisation that owns each, never a
person; the date the figures are from is today's. Proposed, archived and internal
measures stay out."""

import datetime
import re

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from standort.core.testing import error_of
from standort.initiatives.models import Body, Initiative, Membership
from standort.initiatives.tests.factories import (
    BodyFactory,
    MembershipFactory,
    OrganizationFactory,
    PersonFactory,
)
from standort.measures import dashboard, services
from standort.measures.models import Measure, StatusUpdate
from standort.measures.tests.factories import (
    MeasureFactory,
    PartnershipFactory,
    StatusUpdateFactory,
)
from standort.reviews.models import ReviewCycle
from standort.reviews.tests.factories import ReviewCycleFactory

DAY = datetime.timedelta(days=1)
Status = Measure.Status


def home(slug="duisburg"):
    return reverse("initiative_home", args=[slug])


def embed(slug="duisburg"):
    return reverse("initiative_embed", args=[slug])


@pytest.fixture
def public(duisburg):
    """Measures of two working groups; the owners are people with names and e-mail
    addresses that must not appear."""
    mittelstand = BodyFactory(initiative=duisburg, name="Arbeitskreis Mittelstand", position=1)
    image = BodyFactory(initiative=duisburg, name="Arbeitskreis Image", position=2)
    hafen = OrganizationFactory(name="Hafen Duisburg AG")
    owner = PersonFactory(
        first_name="Hannelore",
        last_name="Hafenmeister",
        email="hannelore.hafenmeister@example.org",
        organization=hafen,
        initiative=duisburg,
    )

    def measure(number, title, status, body=mittelstand, **extra):
        return MeasureFactory(
            initiative=duisburg,
            number=number,
            title=title,
            status=status,
            body=body,
            owner=owner,
            owner_organization=extra.pop("organization", hafen),
            # Released for the public page, unless said otherwise.
            is_internal=extra.pop("is_internal", False),
            **extra,
        )

    m = {
        1: measure(1, "Breitband für alle Gewerbegebiete", Status.IN_PROGRESS),
        2: measure(2, "Gründerzentrum am Innenhafen", Status.ADOPTED),
        3: measure(3, "Imagekampagne", Status.DONE, body=image),
        4: measure(
            4,
            "Familienfreundliche Betriebe",
            Status.ON_HOLD,
            body=image,
            status_reason="Vertrauliche Haushaltsgründe",
        ),
        5: measure(5, "Nur eine Idee", Status.PROPOSED),
        6: measure(
            6,
            "Verworfene Idee",
            Status.DROPPED,
            status_reason="Der Hafen übernimmt die Aufgabe selbst.",
        ),
        7: measure(7, "Archivierte Maßnahme", Status.IN_PROGRESS, is_archived=True),
        8: measure(8, "Vertrauliche Verhandlung", Status.IN_PROGRESS, is_internal=True),
        # No organisation of its own: the owner's counts.
        9: measure(9, "Standortmarketing", Status.ADOPTED, body=None, organization=None),
    }
    update = StatusUpdateFactory.build(
        measure=m[1],
        traffic_light=StatusUpdate.Light.AMBER,
        progress=35,
        achieved="Vertraulicher Zwischenstand",
    )
    services.status_update_record(actor=None, update=update)
    partner = PersonFactory(first_name="Paula", last_name="Partnerin", initiative=duisburg)
    PartnershipFactory(measure=m[1], person=partner)
    return m


SHOWN = [1, 2, 3, 4, 6, 9]
HIDDEN = [5, 7, 8]


@pytest.mark.parametrize("persona", ["anonymous", "eva", "clara"])
def test_outsiders_see_the_adopted_measures(public, as_persona, persona):
    page = as_persona(persona).get(home()).content.decode()
    for number in SHOWN:
        assert public[number].title in page, number
    for number in HIDDEN:
        assert public[number].title not in page, number


@pytest.mark.parametrize("persona", ["anonymous", "eva"])
def test_no_person_is_named_on_the_public_page(public, as_persona, persona):
    page = as_persona(persona).get(home()).content.decode()
    for text in ("Hannelore", "Hafenmeister", "hannelore.hafenmeister", "Paula", "Partnerin"):
        assert text not in page, text
    assert "@example.org" not in page.replace("eva@example.org", "")
    assert "Vertraulicher Zwischenstand" not in page
    assert "Hafen Duisburg AG" in page


def test_the_measures_stand_in_their_working_groups(public, as_persona):
    page = as_persona("anonymous").get(home()).content.decode()
    measures = page[page.index('id="measures"') :]
    mittelstand = measures.index('<h3 class="kern-heading-small">Arbeitskreis Mittelstand')
    image = measures.index('<h3 class="kern-heading-small">Arbeitskreis Image')
    assert mittelstand < measures.index("Breitband für alle") < image
    assert image < measures.index("Imagekampagne")
    # Measures of no working group come last.
    assert measures.index("Standortmarketing") > measures.index("Familienfreundliche Betriebe")


def test_status_progress_and_traffic_light_are_shown(public, as_persona):
    page = as_persona("anonymous").get(home()).content.decode()
    row = _row(page, "Breitband für alle")
    assert 'value="35"' in row and "light--amber" in row
    assert "status--in_progress" in row
    assert "Hafen Duisburg AG" in _row(page, "Standortmarketing")  # the owner's organisation


@pytest.mark.parametrize("url", [home(), embed()])
def test_the_figures_are_dated_today_not_by_the_last_review(public, duisburg, client, url):
    """The figures are the catalogue as it stands: a review closed in 2018 is not the
    date of values accepted since."""
    closed_at = timezone.make_aware(datetime.datetime(2018, 4, 27, 10))
    ReviewCycleFactory(initiative=duisburg, state=ReviewCycle.State.CLOSED, closed_at=closed_at)
    response = client.get(url)
    page = response.content.decode()
    today = timezone.localdate()
    assert response.context["as_of"] == today
    assert f'<p class="kern-body as-of">Stand: {today:%d.%m.%Y}</p>' in page
    assert "27.04.2018" not in page
    assert "Sachstandsabfrage" not in page


def test_the_date_holds_without_any_review(public, client):
    page = client.get(home()).content.decode()
    assert f"Stand: {timezone.localdate():%d.%m.%Y}" in page


def test_the_kept_figures_are_those_of_today(public, client):
    """The measures' part of the page is kept by the day it is dated."""
    first = client.get(home()).context["public_key"]
    assert timezone.localdate().isoformat() in first.split(":")


def _row(page, title):
    row = re.search(rf"<tr[^>]*>(?:(?!</tr>).)*{title}(?:(?!</tr>).)*</tr>", page, re.S)
    assert row, f"no row for {title}"
    return row.group(0)


def test_a_dropped_measure_stands_in_its_group_as_dropped_with_its_reason(public, client):
    page = client.get(home()).content.decode()
    measures = page[page.index('id="measures"') :]
    assert (
        measures.index('<h3 class="kern-heading-small">Arbeitskreis Mittelstand')
        < measures.index("Verworfene Idee")
        < measures.index('<h3 class="kern-heading-small">Arbeitskreis Image')
    )
    row = _row(page, "Verworfene Idee")
    assert "status--dropped" in row and ">verworfen<" in row
    assert "Begründung: Der Hafen übernimmt die Aufgabe selbst." in row
    # Its progress and traffic light count no longer.
    assert "<progress" not in row and "light--" not in row
    assert row.count(">entfällt<") == 2
    # Only a dropped measure's reason is public, not why one is on hold.
    assert "Vertrauliche Haushaltsgründe" not in page


def test_dropped_measures_do_not_count_towards_the_average_progress(duisburg, client):
    group = BodyFactory(initiative=duisburg, name="Arbeitskreis Hafen")
    running = MeasureFactory(
        initiative=duisburg, body=group, status=Status.IN_PROGRESS, is_internal=False
    )
    services.status_update_record(
        actor=None, update=StatusUpdateFactory.build(measure=running, progress=60)
    )
    dropped = MeasureFactory(
        initiative=duisburg, body=group, status=Status.IN_PROGRESS, is_internal=False
    )
    services.status_update_record(
        actor=None, update=StatusUpdateFactory.build(measure=dropped, progress=20)
    )
    services.measure_set_status(
        actor=None, measure=dropped, status=Status.DROPPED, reason="Kein Bedarf mehr."
    )
    assert Measure.objects.get(pk=dropped.pk).progress == 20
    page = dashboard.public_page(duisburg)
    assert (page.all.total, page.all.progress) == (2, 60)
    assert page.groups[0].tally.progress == 60
    html = client.get(home()).content.decode()
    assert "2 beschlossene Maßnahmen: 1 in Umsetzung, 1 verworfen." in html
    assert "Durchschnittlicher Fortschritt: 60 %." in html
    assert "Verworfene Maßnahmen zählen beim durchschnittlichen Fortschritt nicht mit." in html


def test_the_note_on_dropped_measures_only_where_there_are_some(duisburg, client):
    MeasureFactory(initiative=duisburg, status=Status.IN_PROGRESS, is_internal=False)
    assert "Verworfene Maßnahmen" not in client.get(home()).content.decode()


# Sub-groups ----------------------------------------------------------------------


@pytest.fixture
def sub_group(public, duisburg):
    """A sub-group of Mittelstand, after Image in the bodies' order, with a measure."""
    mittelstand = public[1].body
    sub = BodyFactory(
        initiative=duisburg,
        name="Unterarbeitskreis Gründung",
        kind=Body.Kind.SUB_GROUP,
        parent=mittelstand,
        position=3,
    )
    MeasureFactory(
        initiative=duisburg,
        number=10,
        title="Gründungslotsen",
        status=Status.IN_PROGRESS,
        body=sub,
        is_internal=False,
    )
    return sub


def test_a_sub_group_stands_under_its_working_group(sub_group, client):
    page = client.get(home()).content.decode()
    measures = page[page.index('id="measures"') :]
    mittelstand = measures.index('<h3 class="kern-heading-small">Arbeitskreis Mittelstand')
    sub = measures.index('<h4 class="kern-title public-sub-group">Unterarbeitskreis Gründung')
    image = measures.index('<h3 class="kern-heading-small">Arbeitskreis Image')
    # The group's own measures first, then the sub-group's under its own heading.
    assert mittelstand < measures.index("Gründerzentrum am Innenhafen") < sub
    assert sub < measures.index("Gründungslotsen") < image
    assert '<h3 class="kern-heading-small">Unterarbeitskreis' not in measures
    assert "Beschlossene Maßnahmen: Unterarbeitskreis Gründung" in measures


def test_the_summary_by_working_group_rolls_sub_groups_up(sub_group, public):
    page = dashboard.public_page(sub_group.initiative)
    assert [(g.name, g.tally.total) for g in page.groups] == [
        ("Arbeitskreis Mittelstand", 4),  # 1, 2, 6 and the sub-group's 10
        ("Arbeitskreis Image", 2),
        ("", 1),
    ]
    mittelstand = page.groups[0]
    assert [(s.name, s.tally.total) for s in mittelstand.sub_groups] == [
        ("Unterarbeitskreis Gründung", 1)
    ]
    summary = page.groups[0].tally.statuses
    assert (summary["in_progress"], summary["adopted"], summary["dropped"]) == (2, 1, 1)


def test_the_address_of_a_sub_group_shows_its_working_group(sub_group, public, client):
    response = client.get(home(), {"group": sub_group.pk})
    assert response.context["transparency"].group.pk == public[1].body_id
    page = response.content.decode()
    assert "Gründungslotsen" in page and "Breitband für alle" in page
    assert "Imagekampagne" not in page


def test_a_group_cut_into_pages_runs_in_the_order_of_its_headings(duisburg):
    group = BodyFactory(initiative=duisburg, name="Arbeitskreis Groß", position=1)
    sub = BodyFactory(initiative=duisburg, name="Unterarbeitskreis Klein", parent=group, position=2)
    # The sub-group's measures have the lower numbers, yet stand after the group's own.
    for n in range(1, 4):
        MeasureFactory(initiative=duisburg, number=n, body=sub, is_internal=False)
    for n in range(4, 8):
        MeasureFactory(initiative=duisburg, number=n, body=group, is_internal=False)
    pages = [dashboard.public_page(duisburg, page=n, size=3) for n in (1, 2, 3)]
    shown = [
        [(sub_group and sub_group.name, [row[0] for row in rows]) for sub_group, rows in parts]
        for page in pages
        for _group, parts in page.sections
    ]
    assert shown == [
        [(None, [4, 5, 6])],
        [(None, [7]), ("Unterarbeitskreis Klein", [1, 2])],
        [("Unterarbeitskreis Klein", [3])],
    ]


def test_an_initiative_without_adopted_measures_says_so(duisburg, as_persona):
    MeasureFactory(initiative=duisburg, status=Status.PROPOSED)
    page = as_persona("anonymous").get(home()).content.decode()
    assert "empty-state" in page


def test_a_non_public_initiative_stays_hidden(internal, as_persona):
    MeasureFactory(initiative=internal, status=Status.IN_PROGRESS)
    for persona in ("anonymous", "eva", "clara"):
        assert as_persona(persona).get(home("forum")).status_code == 404
        assert as_persona(persona).get(embed("forum")).status_code == 404


def test_one_working_group_and_pages(duisburg, public, as_persona):
    group = public[3].body
    response = as_persona("anonymous").get(home(), {"group": group.pk})
    assert response.context["transparency"].group.pk == group.pk
    page = response.content.decode()
    assert "Imagekampagne" in page and "Breitband für alle" not in page
    # Measures of no working group have their own "group" 0.
    page = as_persona("anonymous").get(home(), {"group": 0}).content.decode()
    assert "Standortmarketing" in page and "Imagekampagne" not in page
    # A group that does not exist shows all; a page beyond the last shows the last.
    assert as_persona("anonymous").get(home(), {"group": "x", "page": "99"}).status_code == 200


def test_pages_keep_working_groups_together(duisburg):
    """Groups of 30, 50 and 80 rows on pages of 100: the first two share a page, the
    third has its own; a group of 250 is cut into pieces of 100."""
    groups = []
    for pk, total in [(1, 30), (2, 50), (3, 80), (4, 250)]:
        group = dashboard.Group(pk, f"Gruppe {pk}")
        group.tally.total = total
        groups.append(group)
    pages = dashboard._pages(groups, 100)
    assert [[(g.pk, start, stop) for g, start, stop in page] for page in pages] == [
        [(1, 0, 30), (2, 0, 50)],
        [(3, 0, 80)],
        [(4, 0, 100)],
        [(4, 100, 200)],
        [(4, 200, 250)],
    ]


def test_a_page_of_a_large_group_shows_its_part(duisburg, as_persona):
    group = BodyFactory(initiative=duisburg, name="Arbeitskreis Groß")
    for n in range(1, 8):
        MeasureFactory(
            initiative=duisburg, number=n, title=f"Maßnahme {n:02}", body=group, is_internal=False
        )
    page = dashboard.public_page(duisburg, page=2, size=3)  # 7 > 2 × 3: cut
    rows = [row[0] for _group, parts in page.sections for _sub, rows in parts for row in rows]
    assert rows == [4, 5, 6]
    assert (page.pages.number, page.pages.num_pages) == (2, 3)


def test_the_pages_of_a_group_link_to_its_measures(duisburg):
    group = BodyFactory(initiative=duisburg, name="Arbeitskreis Groß")
    for n in range(1, 8):
        MeasureFactory(
            initiative=duisburg, number=n, body=group, status=Status.ADOPTED, is_internal=False
        )
    request = RequestFactory().get(home(), {"group": group.pk, "page": 2})
    transparency = dashboard.public_page(duisburg, page=2, group=group.pk, size=3)
    # In German whatever language an earlier test of this process left active.
    with translation.override("de"):
        page = render_to_string(
            "home/_public_measures.html",
            {
                "initiative": duisburg,
                "transparency": transparency,
                "public_key": "-",
                "public_seconds": 0,
                "figures_key": "-",
                "figures_seconds": 0,
                "as_of": timezone.localdate(),
            },
            request=request,
        )
    assert '<nav class="pagination no-print" aria-label="Seiten der Maßnahmen">' in page
    assert f'href="?group={group.pk}&amp;page=1#measures" rel="prev">Vorige Seite</a>' in page
    assert "Seite 2 von 3" in page
    assert f'href="?group={group.pk}&amp;page=3#measures" rel="next">Nächste Seite</a>' in page


# The embed ---------------------------------------------------------------------------


def _directives(response):
    return [part.strip() for part in response["Content-Security-Policy"].split(";")]


def test_the_embed_may_be_framed_by_the_listed_origins(public, duisburg, client):
    duisburg.embed_origins = "https://www.duisburg.de\nhttps://www.unternehmerverband.org"
    duisburg.save()
    response = client.get(embed())
    assert response.status_code == 200
    policy = _directives(response)
    assert (
        "frame-ancestors 'self' https://www.duisburg.de https://www.unternehmerverband.org"
        in policy
    )
    # The rest of the site's policy holds in the frame too.
    assert "script-src 'self'" in policy
    assert "X-Frame-Options" not in response
    page = response.content.decode()
    assert "Breitband für alle" in page and "Vertrauliche Verhandlung" not in page
    assert "Hafenmeister" not in page
    # No site header or footer; the link out opens a new tab.
    assert "site-header" not in page and "site-footer" not in page
    assert f'href="{home()}" target="_blank" rel="noopener"' in page


def test_without_listed_origins_only_the_site_itself_may_frame_it(public, client):
    response = client.get(embed())
    assert "frame-ancestors 'self'" in _directives(response)
    assert "X-Frame-Options" not in response


def test_a_stored_origin_that_is_not_one_never_reaches_the_header(public, duisburg, client):
    duisburg.embed_origins = "https://ok.example\nhttps://evil.example; script-src *\n"
    duisburg.save()
    policy = _directives(client.get(embed()))
    assert "frame-ancestors 'self' https://ok.example" in policy
    assert "script-src 'self'" in policy
    assert not [part for part in policy if "evil" in part]


def test_other_pages_still_refuse_frames(public, client):
    assert client.get(home())["X-Frame-Options"] == "DENY"


def test_members_get_the_embed_of_a_public_initiative_too(public, as_persona):
    assert as_persona("anna").get(embed()).status_code == 200


def test_the_embed_of_a_non_public_initiative_is_not_found_even_for_members(internal, client, paul):
    client.force_login(paul)
    assert client.get(home("forum")).status_code == 200
    assert client.get(embed("forum")).status_code == 404


# Queries -----------------------------------------------------------------------------


def queries_for(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return [q["sql"] for q in queries.captured_queries]


def grow(initiative, start, count):
    groups = [
        BodyFactory(initiative=initiative, name=f"Arbeitskreis {start + n}") for n in range(3)
    ]
    for n in range(start, start + count):
        measure = MeasureFactory(
            initiative=initiative,
            number=100 + n,
            status=Status.IN_PROGRESS,
            body=groups[n % 3],
            owner_organization=OrganizationFactory(),
            is_internal=False,
        )
        update = StatusUpdateFactory.build(measure=measure, progress=n)
        services.status_update_record(actor=None, update=update)


@pytest.mark.parametrize("url", [home(), embed()])
def test_the_public_page_costs_the_same_with_30_measures_as_with_3(duisburg, client, url):
    """The session is not even read for an anonymous visitor: the initiative; the
    measures counted per working group and status; the bodies' names and parents; the
    page's measures; the measures and the snapshots of the chart of the plan's
    progress; the stamp of the data the measures' part is kept in the cache by (and on
    the page with the site around it, the leading organisations and the next public
    meetings); the goals with their measures, which the filter offers. No review is
    read: the figures are dated today. While nothing changed, the kept parts read no
    measures (and no meetings)."""
    ReviewCycleFactory(initiative=duisburg, state=ReviewCycle.State.CLOSED)
    grow(duisburg, 0, 3)
    few = queries_for(client, url)
    grow(duisburg, 3, 27)
    many = queries_for(client, url)
    assert len(many) == len(few), "\n".join(many)
    assert len(few) == (10 if url == home() else 8), "\n".join(few)
    kept = queries_for(client, url)
    assert len(kept) == len(few) - (7 if url == home() else 6), "\n".join(kept)
    assert not any("measures_measure" in sql for sql in kept), "\n".join(kept)


def test_a_change_shows_on_the_public_page_at_once(duisburg, client):
    grow(duisburg, 0, 3)
    assert "Umbenannte Maßnahme" not in client.get(home()).content.decode()
    measure = Measure.objects.get(initiative=duisburg, number=100)
    measure.title = "Umbenannte Maßnahme"
    measure.save()
    assert "Umbenannte Maßnahme" in client.get(home()).content.decode()


# The office's settings ------------------------------------------------------------


def edit(client, initiative, **changes):
    data = {
        "name": initiative.name,
        "city": initiative.city,
        "is_public": "on",
        "update_interval_months": 6,
        "embed_origins": "",
        "data_licence": initiative.data_licence,
        **changes,
    }
    return client.post(reverse("initiative_edit", args=[initiative.slug]), data)


def test_the_office_lists_the_embedding_websites(duisburg, anna, client):
    client.force_login(anna)
    response = edit(
        client,
        duisburg,
        embed_origins="HTTPS://www.Duisburg.de/\r\n\r\nhttps://www.unternehmerverband.org:8443",
        update_interval_months=3,
    )
    assert response.status_code == 302
    duisburg.refresh_from_db()
    assert (
        duisburg.embed_origins == "https://www.duisburg.de\nhttps://www.unternehmerverband.org:8443"
    )
    assert duisburg.update_interval_months == 3


@pytest.mark.parametrize(
    "line",
    [
        "www.duisburg.de",
        "https://www.duisburg.de/wirtschaft",
        "ftp://www.duisburg.de",
        "https://www.duisburg.de?x=1",
        "https://a.de b.de",
        "https://www.duisburg.de; script-src *",
    ],
)
def test_an_origin_that_is_not_one_is_explained_at_the_field(duisburg, anna, client, line):
    client.force_login(anna)
    response = edit(client, duisburg, embed_origins=f"https://ok.example\n{line}")
    assert response.status_code == 200
    message = error_of(response, "embed_origins")
    assert message.startswith(("Bitte", "Enter one website address")), message
    assert "https://www.duisburg.de" in message  # the example
    duisburg.refresh_from_db()
    assert duisburg.embed_origins == ""


def test_an_update_interval_beyond_three_years_is_refused(duisburg, anna, client):
    client.force_login(anna)
    response = edit(client, duisburg, update_interval_months=37)
    assert response.status_code == 200
    assert Initiative.objects.get(pk=duisburg.pk).update_interval_months == 6


# Released by the office -------------------------------------------------------------


def test_a_new_measure_stays_off_the_public_page_until_the_office_releases_it(
    public, duisburg, anna, client
):
    client.force_login(anna)
    response = client.post(
        reverse("measure_create", args=["duisburg"]),
        {"title": "Hafenbahn reaktivieren", "kind": "project", "status": "adopted", "weight": 1},
    )
    assert response.status_code == 302
    measure = Measure.objects.get(initiative=duisburg, title="Hafenbahn reaktivieren")
    client.logout()
    for url in (home(), embed()):
        assert "Hafenbahn reaktivieren" not in client.get(url).content.decode(), url

    client.force_login(anna)
    client.post(reverse("measure_publish", args=["duisburg", measure.number]), {"public": "1"})
    client.logout()
    for url in (home(), embed()):
        assert "Hafenbahn reaktivieren" in client.get(url).content.decode(), url


def test_the_office_takes_a_measure_off_the_public_page(public, anna, client):
    client.force_login(anna)
    client.post(reverse("measure_publish", args=["duisburg", 1]), {"public": "0"})
    page = client.get(reverse("measure_detail", args=["duisburg", 1])).content.decode()
    assert "internal-badge" in page
    client.logout()
    assert "Breitband für alle" not in client.get(home()).content.decode()


EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")


@pytest.mark.parametrize("url", [home(), embed()])
def test_no_internal_measure_no_person_and_no_e_mail_reach_a_visitor(public, duisburg, client, url):
    """The public page names organisations only: no owner, partner, reporter or member
    of a working group (no person has agreed to be named there), and no e-mail address
    of anyone; an internal measure is not there at all."""
    chair = PersonFactory(
        first_name="Clemens", last_name="Vorsitz", email="clemens.vorsitz@example.org"
    )
    MembershipFactory(body=public[1].body, person=chair, role=Membership.Role.CHAIR)
    reporter = PersonFactory(
        first_name="Rita", last_name="Bericht", email="rita.bericht@example.org"
    )
    update = StatusUpdateFactory.build(measure=public[2], reported_by=reporter, progress=20)
    services.status_update_record(actor=None, update=update)
    page = client.get(url).content.decode()
    assert "Vertrauliche Verhandlung" not in page
    for name in ("Hannelore", "Hafenmeister", "Paula", "Partnerin", "Clemens", "Rita"):
        assert name not in page, name
    assert not EMAIL.findall(page)
    assert "Hafen Duisburg AG" in page
