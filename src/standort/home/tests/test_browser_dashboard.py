"""The dashboard, the public page and its embed in the browser: what the steering
committee and a visitor see, on screen and printed. Every visited page passes
axe-core (standort/browser_fixtures.py); the pages are saved to var/screenshots/."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from standort.initiatives.models import Body
from standort.initiatives.tests.factories import BodyFactory, OrganizationFactory, PersonFactory
from standort.measures.models import Measure, StatusUpdate
from standort.measures.tests.factories import MeasureFactory, MilestoneFactory
from standort.reviews.models import ReviewAnswer
from standort.reviews.tests.factories import ReviewCycleFactory

from .test_dashboard import answer, closed_review, report

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DAY = datetime.timedelta(days=1)
Status = Measure.Status
Light = StatusUpdate.Light
SCREENSHOTS = "var/screenshots"


@pytest.fixture
def masterplan(duisburg, anna, stefan):
    """Duisburg's catalogue: three working groups and a steering committee, measures in
    every status, traffic lights, milestones, two closed reviews and a running one."""
    today = timezone.localdate()
    BodyFactory(
        initiative=duisburg, kind=Body.Kind.STEERING_COMMITTEE, name="Lenkungskreis", position=0
    )
    groups = [
        BodyFactory(initiative=duisburg, name=name, position=n)
        for n, name in enumerate(
            ["Mittelstand und Gründung", "Infrastruktur, Umwelt und Energie", "Image und Profil"],
            start=1,
        )
    ]
    organizations = [
        OrganizationFactory(name=name)
        for name in ["Stadt Duisburg", "Unternehmerverband", "Niederrheinische IHK"]
    ]
    titles = [
        ("Wirtschaftsdezernent für Verwaltung", Status.DONE, Light.GREEN, 100),
        ("Serviceversprechen der Stadtverwaltung", Status.IN_PROGRESS, Light.GREEN, 60),
        ("Gründerfreundliche Steuern und Gebühren", Status.IN_PROGRESS, Light.RED, 15),
        ("Glasfaser bis 2020", Status.IN_PROGRESS, Light.AMBER, 45),
        ("Regionales Baustellenmanagement", Status.ADOPTED, None, 0),
        ("Wirtschaftsfreundliche Genehmigungen", Status.ON_HOLD, Light.AMBER, 20),
        ("Gemeinsame Kommunikationsstrategie", Status.IN_PROGRESS, Light.GREEN, 70),
        ("Beirat Imageentwicklung", Status.PROPOSED, None, 0),
        ("Campus Duisburg", Status.DROPPED, None, 0),
    ]
    measures = []
    for n, (title, status, light, progress) in enumerate(titles, start=1):
        owner = PersonFactory(
            first_name="Petra",
            last_name=f"Projektleitung {n}",
            organization=organizations[n % 3],
            initiative=duisburg,
        )
        measure = MeasureFactory(
            initiative=duisburg,
            number=n,
            title=title,
            status=status,
            body=groups[(n - 1) % 3],
            owner=owner,
            owner_organization=organizations[n % 3],
            adopted_on=today - 400 * DAY if status != Status.PROPOSED else None,
            due_on=today - 5 * DAY if n == 3 else today + 300 * DAY,
            is_internal=False,  # released for the public page
        )
        if light:
            report(measure, light, progress, days_ago=300 if n == 4 else 10)
        measures.append(measure)
    stefans = measures[1]
    stefans.owner = stefan.person_record
    stefans.save()
    MilestoneFactory(measure=measures[3], title="Ausschreibung", due_on=today - 12 * DAY)
    MilestoneFactory(measure=measures[1], title="Leitbild beschlossen", due_on=today + 20 * DAY)
    MilestoneFactory(measure=measures[6], title="Kampagnenstart", due_on=today + 45 * DAY)

    spring = closed_review(duisburg, "Sachstandsabfrage Frühjahr", 200)
    autumn = closed_review(duisburg, "Sachstandsabfrage Herbst", 20)
    for measure, before, after in [
        (measures[1], "amber", "green"),
        (measures[2], "green", "red"),
        (measures[3], "green", "amber"),
        (measures[6], "green", "green"),
    ]:
        answer(spring, measure, before)
        answer(autumn, measure, after)
    running = ReviewCycleFactory(initiative=duisburg, title="Sachstandsabfrage Winter")
    answer(running, measures[1], "green", state=ReviewAnswer.State.SUBMITTED)
    answer(running, measures[2], "", state=ReviewAnswer.State.OPEN)
    answer(running, measures[3], "", state=ReviewAnswer.State.DRAFT)
    return measures


def print_preview(ui, name):
    """A screenshot of the page as it prints, then back to the screen."""
    ui.page.emulate_media(media="print")
    ui.page.screenshot(path=f"{SCREENSHOTS}/{name}.png", full_page=True)
    ui.page.emulate_media(media="screen")


def test_the_steering_committee_reads_the_dashboard(ui, masterplan):
    page = ui.page
    ui.sign_in("stefan@example.org", next_path="/duisburg/")
    ui.check(shot="dashboard-01-steering")

    # The chart says what it is; its numbers stand in the table below it.
    expect(
        page.get_by_role(
            "img", name=re.compile("^(Balkendiagramm: Maßnahmen nach|Bar chart: measures by)")
        )
    ).to_be_visible()
    table = page.get_by_role("table", name=re.compile("Status und Ampel|status and traffic light"))
    row = table.get_by_role("row").filter(has_text=re.compile("in Umsetzung|in progress"))
    expect(row.get_by_role("cell").last).to_have_text(re.compile(r"^4\b"))

    groups = page.get_by_role("region", name=re.compile("Nach Arbeitskreisen|By working group"))
    # Beside their table, the working groups' statuses and lights as a chart.
    expect(
        groups.get_by_role("img", name=re.compile("jedes Arbeitskreises|each working group"))
    ).to_be_visible()
    expect(groups.get_by_role("row").filter(has_text="Lenkungskreis")).to_have_count(0)
    expect(groups.get_by_role("row").filter(has_text="Image und Profil")).to_be_visible()

    overdue = page.get_by_role("region", name=re.compile("Überfällig|Overdue"))
    expect(overdue).to_contain_text("Gründerfreundliche Steuern")
    expect(overdue).to_contain_text("Ausschreibung")

    reviews = page.get_by_role("region", name=re.compile("Sachstandsabfrage|Status review"))
    expect(reviews).to_contain_text("Sachstandsabfrage Winter")
    expect(reviews).to_contain_text("33 %")
    expect(reviews.get_by_role("table")).to_contain_text("Gründerfreundliche Steuern")

    mine = page.get_by_role("region", name=re.compile("Meine Maßnahmen|My measures"))
    expect(mine).to_contain_text("Serviceversprechen")

    print_preview(ui, "dashboard-02-print")

    # A figure leads to the measures it counts.
    red = re.compile(r"^1 (in Umsetzung|in progress), (gefährdet|at risk)$")
    table.get_by_role("link", name=red).click()
    ui.check(shot="dashboard-03-list-filtered")
    expect(page).to_have_url(re.compile(r"/duisburg/measures/\?status=in_progress&light=red$"))
    expect(page.get_by_role("link", name=re.compile("Gründerfreundliche Steuern"))).to_be_visible()


def test_the_office_is_pointed_to_status_reviews_and_sees_the_history(ui, masterplan):
    page = ui.page
    ui.sign_in("anna@example.org", next_path="/duisburg/")
    ui.check(shot="dashboard-04-office")
    reviews = page.get_by_role("region", name=re.compile("Sachstandsabfrage|Status review"))
    expect(
        reviews.get_by_role("link", name=re.compile("Sachstandsabfragen|Status reviews"))
    ).to_have_attribute("href", "/duisburg/reviews/")
    expect(
        page.get_by_role("heading", name=re.compile("Änderungsverlauf|Change history"))
    ).to_be_visible()


def test_the_dashboard_on_a_phone(new_ui, masterplan):
    ui = new_ui()
    ui.page.set_viewport_size({"width": 390, "height": 844})
    ui.sign_in("stefan@example.org", next_path="/duisburg/")
    ui.check(shot="dashboard-05-phone")
    # Nothing but the tables scrolls sideways.
    width = ui.page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, width


def test_a_visitor_reads_the_public_page_and_its_embed(ui, masterplan, duisburg):
    page = ui.page
    duisburg.embed_origins = "https://www.duisburg.de"
    duisburg.save()
    ui.goto("/duisburg/", shot="public-01-anonymous")
    expect(ui.heading("Masterplan Wirtschaft Duisburg")).to_be_visible()
    progress = page.get_by_role(
        "region", name=re.compile("Stand der Umsetzung|Status of implementation")
    )
    # Adopted measures only, by working group, with their organisation, no person; a
    # dropped one as dropped.
    expect(progress).to_contain_text("Glasfaser bis 2020")
    expect(progress).not_to_contain_text("Beirat Imageentwicklung")
    expect(progress.get_by_role("row").filter(has_text="Campus Duisburg")).to_contain_text(
        "verworfen"
    )
    expect(progress).not_to_contain_text("Projektleitung")
    expect(progress.get_by_role("heading", name="Image und Profil")).to_be_visible()
    row = progress.get_by_role("row").filter(has_text="Glasfaser bis 2020")
    expect(row).to_contain_text("45 %")
    expect(row).to_contain_text("Unternehmerverband")
    print_preview(ui, "public-02-print")

    # One working group from the overview.
    progress.get_by_role("link", name="Image und Profil").click()
    ui.check(shot="public-03-one-group")
    expect(progress.get_by_role("heading", name="Image und Profil", level=3)).to_be_visible()
    expect(progress).not_to_contain_text("Glasfaser bis 2020")

    response = ui.goto("/duisburg/embed/", shot="public-04-embed")
    policy = [part.strip() for part in response.headers["content-security-policy"].split(";")]
    assert "frame-ancestors 'self' https://www.duisburg.de" in policy
    assert "x-frame-options" not in response.headers
    expect(page.get_by_role("banner")).to_have_count(0)
    link = page.get_by_role("link", name=re.compile("Masterplan Wirtschaft Duisburg"))
    expect(link).to_have_attribute("target", "_blank")
    expect(link).to_have_attribute("rel", "noopener")


def test_the_embed_in_a_frame_of_the_site_itself(ui, masterplan, live_server):
    """frame-ancestors 'self': a page of the site may show it in a frame."""
    page = ui.page
    ui.goto("/duisburg/")
    page.evaluate(
        """() => {
            const frame = document.createElement('iframe');
            frame.src = '/duisburg/embed/';
            frame.title = 'Stand der Umsetzung';
            frame.style.width = '900px';
            frame.style.height = '600px';
            document.querySelector('main').prepend(frame);
        }"""
    )
    frame = page.frame_locator("iframe[title='Stand der Umsetzung']")
    expect(frame.get_by_text("Glasfaser bis 2020")).to_be_visible()
    page.screenshot(path=f"{SCREENSHOTS}/public-05-embed-in-frame.png")
