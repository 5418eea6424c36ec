"""The demo measures tell the seed's story: Duisburg's recommendations in their working
groups, the 33 projects of the Mülheim industry conference, owned and dated; and a
second load changes nothing."""

import datetime
from collections import Counter

import pytest
from django.apps import apps

from standort.home.demo import load_demo
from standort.initiatives.models import Body, InitiativePerson
from standort.measures import dashboard, queries
from standort.measures.models import CustomField, Measure, Milestone, Partnership, StatusUpdate

Status = Measure.Status


@pytest.fixture
def demo(db):
    load_demo()


def measures_of(slug):
    return Measure.objects.filter(initiative__slug=slug)


def test_muelheim_has_the_33_projects_of_the_industry_conference(demo):
    projects = measures_of("muelheim")
    assert projects.count() == 33
    conference = Body.objects.get(initiative__slug="muelheim", name="Industriekonferenz")
    assert set(projects.values_list("adopted_by", "adopted_on", "decision")) == {
        (
            conference.pk,
            datetime.date(2017, 3, 16),
            "Beschluss der Industriekonferenz vom 16.03.2017",
        )
    }
    assert not projects.filter(owner=None).exists()
    assert not projects.exclude(kind=Measure.Kind.PROJECT).exists()
    titles = set(projects.values_list("title", flat=True))
    for named in [
        "Digitalisierung der Verwaltung und Serviceversprechen",
        "Fahrplan Industrieflächen",
        "Lotse in Ausbildung an der HRW",
        "TaskForce Vallourec-Ausbildungszentrum",
        "Plattform Kooperation Wirtschaft–Wissenschaft",
        "Innovationszentrum an der HRW",
        "Glasfaser für alle Gewerbegebiete bis 2020",
    ]:
        assert named in titles
    assert any("duale Ausbildung" in t for t in titles)
    assert any("Abgleich-Gespräche" in t for t in titles)
    # Every working group and both sub-groups carry projects.
    groups = Counter(projects.values_list("body__name", flat=True))
    assert len(groups) == 5
    assert all(n >= 2 for n in groups.values()), groups


def test_duisburg_has_the_seed_recommendations_in_their_working_groups(demo):
    expected = {
        "Wirtschaftsdezernent": "Mittelstand und Gründung",
        "Stadtverwaltung zertifizieren": "Mittelstand und Gründung",
        "Steuern und Gebühren": "Mittelstand und Gründung",
        "Glasfaser": "Infrastruktur, Umwelt und Energie",
        "Baustellenmanagement": "Infrastruktur, Umwelt und Energie",
        "Genehmigungsverfahren": "Infrastruktur, Umwelt und Energie",
        "Kommunikationsstrategie": "Image und internationales Profil",
        "Beirat Imageentwicklung": "Image und internationales Profil",
        "Campus Duisburg": "Image und internationales Profil",
        "Spielplatz": "Familienfreundlichkeit",
        "Vereinbarkeit von Beruf und Familie": "Familienfreundlichkeit",
        "Familienfreundliches Unternehmen": "Familienfreundlichkeit",
        "Langzeitarbeitslosen": "Bildung, Integration und Technologie",
        "duale Ausbildung": "Bildung, Integration und Technologie",
        "Führungsnachwuchses": "Bildung, Integration und Technologie",
    }
    recommendations = measures_of("duisburg").filter(kind=Measure.Kind.RECOMMENDATION)
    assert recommendations.count() == len(expected)
    for words, group in expected.items():
        measure = recommendations.get(title__contains=words)
        assert measure.body.name == group, words
    agenda = recommendations.get(title__contains="Stadtverwaltung zertifizieren")
    assert agenda.children.count() >= 3
    campus = recommendations.get(title__contains="Campus Duisburg")
    assert campus.children.filter(title="Campus Duisburg").exists()
    adopted = measures_of("duisburg").exclude(status=Status.PROPOSED)
    assert set(adopted.values_list("adopted_by__name", flat=True)) == {"Lenkungskreis"}
    assert not adopted.filter(adopted_on=None).exists()
    assert not adopted.filter(decision="").exists()


def test_owners_and_partners_take_part_in_the_initiative(demo):
    for slug in ["duisburg", "muelheim"]:
        members = set(
            InitiativePerson.objects.filter(initiative__slug=slug).values_list("person", flat=True)
        )
        measures = measures_of(slug)
        assert set(measures.values_list("owner", flat=True)) <= members
        partners = Partnership.objects.filter(measure__initiative__slug=slug)
        assert set(partners.values_list("person", flat=True)) <= members
        assert not partners.filter(role="").exists()
        assert measures.filter(partnerships__isnull=False).distinct().count() == measures.count()
        # Owners and partners hold their organisation.
        assert not measures.filter(owner_organization=None).exists()


def test_some_owners_agreed_to_be_named_on_the_public_pages(demo, client):
    """A few owners of public measures in each initiative, not all: the public page of
    their measure names them, the others' their organisation only."""
    for slug in ["duisburg", "muelheim"]:
        public = dashboard.public_measures(measures_of(slug).first().initiative)
        named = public.filter(owner__name_is_public=True)
        assert 0 < named.count() < public.count(), slug
        measure = named.select_related("owner").order_by("number").first()
        page = client.get(measure.get_absolute_url()).content.decode()
        assert measure.owner.full_name in page
        assert measure.owner.email not in page


def test_the_demo_accounts_have_measures_of_their_own(demo):
    for email, slug in [
        ("ak-vorsitz@example.org", "duisburg"),
        ("mitglied@example.org", "muelheim"),
    ]:
        user = apps.get_model("accounts", "User").objects.get(email=email)
        initiative = measures_of(slug).first().initiative
        mine = queries.measures_of_person(initiative, user)
        assert any(m.owner_id and m.owner.user_id == user.pk for m in mine), email
        assert any(not m.owner_id or m.owner.user_id != user.pk for m in mine), email


def test_statuses_dates_and_fields_tell_a_story(demo):
    for slug in ["duisburg", "muelheim"]:
        measures = measures_of(slug)
        statuses = Counter(measures.values_list("status", flat=True))
        assert statuses[Status.DONE] > statuses[Status.IN_PROGRESS] / 2
        assert statuses[Status.IN_PROGRESS] >= 5
        assert statuses[Status.ON_HOLD] >= 1
        assert not measures.filter(status__in=[Status.ON_HOLD, Status.DROPPED], status_reason="")
        # Done measures closed their milestones; the long-running ones have open ones,
        # a few of them late.
        assert not Milestone.objects.filter(
            measure__in=measures.filter(status=Status.DONE), completed_on=None
        ).exists()
        milestones = Milestone.objects.filter(measure__initiative__slug=slug)
        assert milestones.filter(completed_on=None, due_on__year__gte=2026).exists()
        overdue = queries.measures_for(measures.first().initiative).filter(is_overdue=True)
        assert 1 <= overdue.count() <= measures.count() // 4
        # The office's own fields are filled on most measures.
        fields = {f.label: f.key for f in CustomField.objects.filter(initiative__slug=slug)}
        assert set(fields) == {"Kosten", "Förderprogramm", "Priorität"}
        assert measures.filter(**{f"custom_values__{fields['Kosten']}__isnull": False}).count() > (
            measures.count() // 2
        )
        priorities = Counter(m.custom_values.get(fields["Priorität"]) for m in measures)
        assert set(priorities) == {"hoch", "mittel", "niedrig"}
        assert measures.filter(topic=None).count() == 0
        assert measures.filter(tags__isnull=False).distinct().count() == measures.count()
    duisburg = Counter(measures_of("duisburg").values_list("status", flat=True))
    assert {Status.PROPOSED, Status.ADOPTED, Status.DROPPED} <= set(duisburg)


def test_accepted_status_updates_give_traffic_lights(demo):
    for slug in ["duisburg", "muelheim"]:
        updates = StatusUpdate.objects.filter(measure__initiative__slug=slug)
        # The others are what owners wrote in the running review, not accepted yet.
        assert not updates.filter(accepted_at=None, answer=None).exists()
        updates = updates.accepted()
        assert updates.count() >= 4
        assert {"green", "amber"} <= set(updates.values_list("traffic_light", flat=True))
        for update in updates.select_related("measure"):
            assert update.reported_by_id == update.measure.owner_id
        with_light = measures_of(slug).exclude(latest_update=None)
        assert with_light.count() >= 4
        for measure in with_light.select_related("latest_update"):
            if measure.status != Status.DONE:
                assert measure.progress == measure.latest_update.progress
    assert StatusUpdate.objects.filter(traffic_light="red").exists()


def test_a_parent_rolls_up_the_progress_of_its_parts(demo):
    parents = measures_of("duisburg").filter(children__isnull=False, latest_update=None)
    parents = parents.exclude(status=Status.DONE).distinct()
    assert parents.count() >= 3
    for parent in parents:
        parts = [c for c in parent.children.all() if c.status != Status.DROPPED]
        total = sum(c.weight for c in parts)
        expected = round(sum(c.weight * c.progress for c in parts) / total)
        assert parent.progress == expected, parent
    agenda = measures_of("duisburg").get(title__startswith="Stadtverwaltung zertifizieren")
    assert 0 < agenda.progress < 100
    assert {c.weight for c in agenda.children.all()} != {1}


def test_second_run_changes_nothing_and_writes_no_history(demo):
    history = {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model.__name__.startswith("Historical")
    }
    versions = dict(Measure.objects.values_list("pk", "version"))

    result = load_demo()

    assert result.total == 0, result.summary()
    assert {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model.__name__.startswith("Historical")
    } == history
    assert dict(Measure.objects.values_list("pk", "version")) == versions


def test_rerun_repairs_a_changed_measure(demo):
    measure = measures_of("muelheim").get(number=1)
    measure.title = "Umbenannt"
    measure.save()
    Milestone.objects.filter(measure=measure).first().delete()

    result = load_demo()

    assert result.changed == Counter(Measure=1)
    assert result.created == Counter(Milestone=1)
    measure.refresh_from_db()
    assert measure.title == "Fahrplan Industrieflächen"
