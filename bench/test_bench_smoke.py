"""The benchmark harness must not rot: the generator runs with tiny sizes in the test
database, the Server-Timing middleware reports time and queries, and the floor page
exists in the bench server's URLs only."""

from django.db import connection
from django.db.models import F
from django.http import HttpResponse
from django.test import Client, RequestFactory

from bench.exchange_timings import time_exchange
from bench.generate import TINY, generate
from bench.server import ServerTimingMiddleware
from standort.dialog.models import Comment, Idea
from standort.initiatives.models import InitiativeRole, Membership
from standort.initiatives.tests.factories import InitiativeFactory, user_with_role
from standort.measures.models import Measure, Milestone, Partnership
from standort.measures.search import search_text_of
from standort.meetings.models import AgendaItem


def test_generator_creates_the_requested_installation(db):
    installation = generate(TINY)

    counts = installation.counts
    assert counts["Initiative"] == TINY.initiatives
    assert counts["Person"] == TINY.persons
    assert counts["Organization"] == TINY.organizations
    assert counts["Body"] == TINY.bodies
    assert counts["Membership"] == TINY.memberships
    # Everyone takes part somewhere, some in a second initiative.
    assert TINY.persons < counts["InitiativePerson"] <= TINY.persons * 2
    assert counts["InitiativeOrganization"] > 0
    assert counts["InitiativeRole"] == TINY.users + 2
    assert counts["User"] == TINY.users + 1

    bench, small = installation.bench, installation.small
    assert bench.people.count() == TINY.bench_persons
    assert small.people.count() == TINY.small_persons
    assert bench.bodies.count() == TINY.bench_bodies
    assert Membership.objects.filter(body__initiative=bench).count() == TINY.bench_memberships
    assert installation.bench_body.memberships.count() == TINY.bench_body_members
    assert installation.small_body.memberships.count() == TINY.small_body_members
    # The measured meeting has its long agenda.
    assert AgendaItem.objects.filter(meeting=installation.bench_meeting).count() == 40
    # The dialogue: 500 ideas in the measured body, 200 comments on that agenda.
    assert Idea.objects.filter(body=installation.bench_body).count() == 500
    assert Comment.objects.filter(agenda_item__meeting=installation.bench_meeting).count() == 200
    # Members are participants of the body's initiative.
    assert not Membership.objects.exclude(
        person__initiative_links__initiative=installation.bench_body.initiative
    ).filter(body=installation.bench_body)
    user = installation.user
    assert user.person is not None
    assert InitiativeRole.objects.get(initiative=bench, user=user).role == "office"
    assert InitiativeRole.objects.get(initiative=small, user=user).role == "office"


def test_server_timing_header_counts_queries(db):
    def view(request):
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.execute("SELECT 2")
        return HttpResponse("ok")

    response = ServerTimingMiddleware(view)(RequestFactory().get("/"))

    header = response["Server-Timing"]
    assert header.startswith("total;dur=")
    assert ", cpu;dur=" in header
    assert header.endswith('desc="2 queries"')


def test_the_floor_page_exists_only_on_the_bench_server(db, client, settings):
    from bench import settings as bench_settings

    duisburg = InitiativeFactory(slug="duisburg")
    InitiativeFactory(slug="muelheim", is_public=True)
    ben = user_with_role(
        duisburg,
        InitiativeRole.Role.MEMBER,
        email="ben@example.org",
        first_name="Ben",
        last_name="B",
    )
    client.force_login(ben)
    assert client.get("/duisburg/bench-floor/").status_code == 404

    settings.ROOT_URLCONF = bench_settings.ROOT_URLCONF
    settings.MIDDLEWARE = bench_settings.MIDDLEWARE
    settings.TEMPLATES = bench_settings.TEMPLATES
    client = Client()  # a new handler, so that it loads the bench's middleware
    client.force_login(ben)
    response = client.get("/duisburg/bench-floor/")

    assert response.status_code == 200
    assert response.wsgi_request.initiative.slug == "duisburg"
    assert "queries" in response["Server-Timing"]
    # Another initiative's floor: visible, but Ben may not view its pages.
    assert client.get("/muelheim/bench-floor/").status_code == 403


def test_generator_fills_the_measure_catalogues(db):
    installation = generate(TINY)

    bench = Measure.objects.filter(initiative=installation.bench)
    assert bench.count() == TINY.measures.measures
    assert Milestone.objects.filter(measure__initiative=installation.bench).count() == (
        TINY.measures.milestones
    )
    assert Measure.objects.filter(initiative=installation.small).count() == (
        TINY.small_measures.measures
    )
    shown = bench.get(number=installation.bench_measure)
    assert shown.children.count() >= 5
    assert shown.partnerships.count() == 3
    assert shown.milestones.count() >= 10
    # The computed columns are what the services would have written.
    for measure in bench.select_related("latest_update"):
        assert measure.search_text == search_text_of(measure)
        if measure.status == "done":
            assert measure.progress == 100
        elif measure.latest_update is not None:
            assert measure.progress == measure.latest_update.progress
    assert bench.exclude(latest_update=None).exists()
    parent = bench.filter(children__isnull=False).exclude(status="done").first()
    parts = parent.children.exclude(status="dropped")
    total = sum(p.weight for p in parts)
    assert parent.progress == round(sum(p.weight * p.progress for p in parts) / total)
    assert not Partnership.objects.filter(measure__owner=F("person")).exists()
    # The measured public measure page: a public measure with status updates, for
    # anyone.
    public = bench.get(number=installation.bench_public_measure)
    assert not public.is_internal and public.updates.accepted().exists()
    page = Client().get(f"/{installation.bench.slug}/measures/{public.number}/")
    assert page.status_code == 200
    assert page.templates[0].name == "measures/measure_public.html"


def test_exchange_timing_imports_new_measures(db):
    installation = generate(TINY)
    before = Measure.objects.count()

    lines, missed = time_exchange(installation, import_rows=10)

    assert "XLSX export, 60 rows" in lines[2]
    assert "XLSX import, 10 new rows" in lines[3]
    assert [m for m in missed if "created" in m] == []
    # Rolled back: the catalogue stays as generated.
    assert Measure.objects.count() == before


def test_review_timings_launch_and_build_the_report(db, settings):
    from bench.review_timings import time_launch, time_report_pdf
    from standort.core.models import OutgoingMail
    from standort.reviews.models import ReviewCycle

    installation = generate(TINY)
    seconds, asked, sent, detail = time_launch(installation, owners=5)
    assert 0 < asked <= 5
    assert sent == asked
    seconds, measures, pages, size = time_report_pdf(installation, measures=3)
    assert measures == 3 and pages >= 2 and size > 1000
    # Both ran in transactions that were rolled back.
    assert not ReviewCycle.objects.filter(title__startswith="Bench:").exists()
    assert not OutgoingMail.objects.exists()
