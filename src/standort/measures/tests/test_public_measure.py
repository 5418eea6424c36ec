"""A public measure's own page (issue 15, point 7): `/<slug>/measures/<number>/` is the
measure's page for members and, for everyone else, its public page where the measure
is public (adopted or later, not archived, not internal) in a public initiative;
anything else is not found for them, whether it is there or not.

The public page shows what the public overview shows of the measure and more: working
group, field of action, description and goal, status, traffic light and progress with
the date they are from, the responsible organisation, the partners' organisations,
milestones, the accepted status updates (what has been achieved, never the support
needed or the next steps) and how it was adopted. The owner is named only with their
consent; no e-mail address, phone number, further field or attachment ever shows."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from standort.initiatives.tests.factories import (
    BodyFactory,
    OrganizationFactory,
    PersonFactory,
)
from standort.measures import services
from standort.measures.models import Measure, StatusUpdate

from .factories import (
    CustomFieldFactory,
    MeasureFactory,
    MilestoneFactory,
    PartnershipFactory,
    StatusUpdateFactory,
    TopicFactory,
)

Status = Measure.Status
DAY = datetime.timedelta(days=1)
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")


def url(number, slug="duisburg"):
    return reverse("measure_detail", args=[slug, number])


@pytest.fixture
def plan(duisburg):
    """Measure 4 of a sub-group, public, with milestones, partners, two accepted status
    updates and a draft; beside it measures the public may not see, and a dropped one."""
    group = BodyFactory(initiative=duisburg, name="Arbeitskreis Mittelstand")
    sub_group = BodyFactory(
        initiative=duisburg, name="Unterarbeitskreis Gründung", parent=group, kind="sub_group"
    )
    steering = BodyFactory(initiative=duisburg, name="Lenkungskreis", kind="steering")
    hafen = OrganizationFactory(name="Hafen Duisburg AG")
    owner = PersonFactory(
        first_name="Hannelore",
        last_name="Hafenmeister",
        email="hannelore.hafenmeister@example.org",
        phone="0203 4711",
        organization=hafen,
        initiative=duisburg,
    )
    field = CustomFieldFactory(initiative=duisburg, label="Kosten")

    def measure(number, title, status=Status.IN_PROGRESS, **extra):
        return MeasureFactory(
            initiative=duisburg,
            number=number,
            title=title,
            status=status,
            body=extra.pop("body", sub_group),
            owner=owner,
            owner_organization=None,
            is_internal=extra.pop("is_internal", False),
            **extra,
        )

    m = {
        4: measure(
            4,
            "Gründerzentrum am Innenhafen",
            topic=TopicFactory(initiative=duisburg, name="Gründung"),
            description="Ein Haus für junge Unternehmen am Innenhafen.",
            goal="Bis 2028 arbeiten dort 40 Gründungen.",
            adopted_by=steering,
            adopted_on=datetime.date(2017, 3, 16),
            decision="Beschluss des Lenkungskreises vom 16.03.2017",
            custom_values={field.key: "Vertrauliche Kostenschätzung"},
        ),
        5: measure(5, "Nur eine Idee", Status.PROPOSED),
        6: measure(6, "Vertrauliche Verhandlung", is_internal=True),
        7: measure(7, "Archivierte Maßnahme", is_archived=True),
        8: measure(
            8,
            "Verworfene Idee",
            Status.DROPPED,
            status_reason="Der Hafen übernimmt die Aufgabe selbst.",
        ),
        # Only a dropped measure's reason is public.
        9: measure(
            9, "Zurückgestellt", Status.ON_HOLD, status_reason="Vertrauliche Haushaltsgründe"
        ),
    }
    today = timezone.localdate()
    MilestoneFactory(
        measure=m[4], title="Mietvertrag", due_on=today - 60 * DAY, completed_on=today - 70 * DAY
    )
    MilestoneFactory(measure=m[4], title="Umbau", due_on=today - 10 * DAY)
    MilestoneFactory(measure=m[4], title="Eröffnung", due_on=today + 90 * DAY)
    partner = PersonFactory(
        first_name="Paula",
        last_name="Partnerin",
        email="paula.partnerin@example.org",
        organization=OrganizationFactory(name="Sparkasse Duisburg"),
    )
    PartnershipFactory(measure=m[4], person=partner)
    PartnershipFactory(
        measure=m[4],
        person=PersonFactory(first_name="Otto", last_name="Ohneorganisation", organization=None),
        organization=None,
    )
    first = timezone.now() - 200 * DAY
    record(m[4], "green", 20, "Mietvertrag unterschrieben.", first, support="Geld fehlt")
    record(m[4], "amber", 45, "Umbau begonnen.", first + 100 * DAY, next_steps="Ausschreibung")
    services.status_update_record(
        actor=None,
        update=StatusUpdate(
            measure=m[4], achieved="Entwurf, nicht angenommen", reported_at=timezone.now()
        ),
        accept=False,
    )
    return m


def record(measure, light, progress, achieved, when, support="", next_steps=""):
    update = StatusUpdateFactory.build(
        measure=measure,
        traffic_light=light,
        progress=progress,
        achieved=achieved,
        support_needed=support,
        next_steps=next_steps,
        reported_at=when,
        accepted_at=when + DAY,
    )
    return services.status_update_record(actor=None, update=update)


@pytest.mark.parametrize("persona", ["anonymous", "eva", "clara"])
def test_a_visitor_reads_a_public_measure(plan, as_persona, persona):
    response = as_persona(persona).get(url(4))
    assert response.status_code == 200
    assert response.templates[0].name == "measures/measure_public.html"
    page = response.content.decode()
    for text in [
        "Gründerzentrum am Innenhafen",
        "Arbeitskreis Mittelstand",
        "Unterarbeitskreis Gründung",
        "Gründung",
        "Ein Haus für junge Unternehmen am Innenhafen.",
        "Bis 2028 arbeiten dort 40 Gründungen.",
        "in Umsetzung",
        "verzögert",
        "45 %",
        "Hafen Duisburg AG",
        "Sparkasse Duisburg",
        "Mietvertrag",
        "Umbau",
        "Eröffnung",
        "Mietvertrag unterschrieben.",
        "Umbau begonnen.",
        "am 16.03.2017",
        "Lenkungskreis",
        "Beschluss des Lenkungskreises vom 16.03.2017",
    ]:
        assert text in page, text


def test_the_status_is_dated_by_the_newest_accepted_update(plan, client):
    newest = StatusUpdate.objects.filter(measure=plan[4], progress=45).get()
    day = timezone.localdate(newest.reported_at).strftime("%d.%m.%Y")
    assert f"Stand: {day}" in client.get(url(4)).content.decode()


def test_the_milestones_are_a_timeline(plan, client):
    page = client.get(url(4)).content.decode()
    timeline = page[page.index('<ol class="timeline">') :].split("</ol>")[0]
    assert re.findall(r"timeline__item--(\w+)", timeline) == ["done", "overdue", "open"]
    assert timeline.index("Mietvertrag") < timeline.index("Umbau") < timeline.index("Eröffnung")


def test_nothing_internal_reaches_a_visitor(plan, client):
    page = client.get(url(4)).content.decode()
    for text in [
        "Hannelore",
        "Hafenmeister",
        "0203 4711",
        "Paula",
        "Partnerin",
        "Ohneorganisation",
        "Geld fehlt",
        "Ausschreibung",
        "Entwurf, nicht angenommen",
        "Vertrauliche Kostenschätzung",
        "Kosten",
        "Nur eine Idee",
        "Vertrauliche Verhandlung",
    ]:
        assert text not in page, text
    assert not EMAIL.findall(page)


def test_the_owner_is_named_with_their_consent(plan, client):
    owner = plan[4].owner
    owner.name_is_public = True
    owner.save()
    page = client.get(url(4)).content.decode()
    assert "Hannelore Hafenmeister" in page
    assert "hannelore.hafenmeister" not in page and "0203 4711" not in page


def test_a_dropped_measure_is_shown_as_dropped_with_its_reason(plan, client):
    page = client.get(url(8)).content.decode()
    assert "Diese Maßnahme wurde verworfen." in page
    assert "Der Hafen übernimmt die Aufgabe selbst." in page


def test_the_reason_of_any_other_status_stays_internal(plan, client):
    page = client.get(url(9)).content.decode()
    assert "zurückgestellt" in page
    assert "Vertrauliche Haushaltsgründe" not in page


@pytest.mark.parametrize("number", [5, 6, 7, 99])
@pytest.mark.parametrize("persona", ["anonymous", "eva", "clara"])
def test_a_measure_the_public_may_not_see_is_not_found(plan, as_persona, persona, number):
    """Not yet adopted, internal, archived, or not there at all: the same answer."""
    assert as_persona(persona).get(url(number)).status_code == 404


def test_another_initiatives_measure_is_not_found(plan, muelheim, client):
    MeasureFactory(initiative=muelheim, number=40, is_internal=False)
    assert client.get(url(40, "muelheim")).status_code == 200
    assert client.get(url(40)).status_code == 404
    assert client.get(url(4, "muelheim")).status_code == 404


def test_a_non_public_initiatives_measure_is_not_found(internal, client, eva):
    MeasureFactory(initiative=internal, number=1, is_internal=False)
    assert client.get(url(1, "forum")).status_code == 404
    client.force_login(eva)
    assert client.get(url(1, "forum")).status_code == 404


@pytest.mark.parametrize("persona", ["olga", "anna"])
def test_members_keep_the_measure_page(plan, as_persona, persona):
    response = as_persona(persona).get(url(4))
    assert response.templates[0].name == "measures/measure_detail.html"
    assert "Geld fehlt" in response.content.decode()


def test_the_page_has_a_link_preview_and_leads_back(plan, client, settings):
    settings.SITE_URL = "https://standort.example.org"
    page = client.get(url(4)).content.decode()
    address = "https://standort.example.org/duisburg/measures/4/"
    assert f'<link rel="canonical" href="{address}">' in page
    assert f'<meta property="og:url" content="{address}">' in page
    assert '<meta property="og:type" content="article">' in page
    assert '<meta property="og:title" content="Maßnahme 4: Gründerzentrum am Innenhafen">' in page
    assert '<meta property="og:description" content="Bis 2028 arbeiten dort 40 Gründungen.">' in (
        page
    )
    assert '<meta property="og:locale" content="de_DE">' in page
    assert '<meta name="twitter:card" content="summary">' in page
    assert re.search(r'<meta property="og:image" content="https://standort\.example\.org/', page)
    assert (
        '<link rel="alternate" type="application/atom+xml" '
        'href="https://standort.example.org/duisburg/feed/"' in page
    )
    assert f'href="{reverse("initiative_home", args=["duisburg"])}"' in page


def test_the_public_overview_links_each_measure_to_its_page(plan, client):
    page = client.get(reverse("initiative_home", args=["duisburg"])).content.decode()
    assert f'href="{url(4)}"' in page and f'href="{url(8)}"' in page
    assert f'href="{url(6)}"' not in page


def test_the_page_costs_the_same_with_many_milestones_and_updates(
    plan, client, django_assert_max_num_queries
):
    """The initiative (the middleware), the measure with its neighbours' names, its
    milestones, its accepted status updates and its partners' organisations: five,
    however many of each there are."""
    for n in range(10):
        MilestoneFactory(measure=plan[4], title=f"Schritt {n}")
        record(plan[4], "green", 50 + n, f"Schritt {n} getan.", timezone.now() - n * DAY)
        PartnershipFactory(measure=plan[4])
    with django_assert_max_num_queries(5):
        assert client.get(url(4)).status_code == 200
