"""The measures by goal: the dashboard's figures and the public page's, grouped on
request (?by=goal), and the public list narrowed to one goal (?goal=)."""

import re

import pytest
from django.core.cache import caches
from django.urls import reverse

from standort.measures.models import Measure
from standort.measures.tests.factories import MeasureFactory

from .factories import GoalFactory


@pytest.fixture
def goals(duisburg):
    """Two goals of Duisburg: a measure serves both, one only the first, one none; an
    internal measure (not yet published) serves the second."""
    both = MeasureFactory(
        initiative=duisburg, title="Gewerbeflächenpool", progress=40, is_internal=False
    )
    jobs = MeasureFactory(
        initiative=duisburg, title="Jobcenter-Offensive", progress=80, is_internal=False
    )
    MeasureFactory(initiative=duisburg, title="Stadtmarketing", progress=10, is_internal=False)
    internal = MeasureFactory(
        initiative=duisburg,
        title="Vertrauliche Ansiedlung",
        is_internal=True,
        status=Measure.Status.IN_PROGRESS,
    )
    unemployment = GoalFactory(
        initiative=duisburg, title="Arbeitslosigkeit senken", position=1, measures=[both, jobs]
    )
    permits = GoalFactory(
        initiative=duisburg,
        title="Genehmigungen beschleunigen",
        position=2,
        measures=[both, internal],
    )
    for each in caches.all():
        each.clear()
    return unemployment, permits


def figure_rows(page):
    """{first cell: the row's cells} of the figures table: text without tags."""
    rows = {}
    for row in re.findall(r'<tr class="kern-table__row" role="row">(.*?)</tr>', page, re.S):
        cells = [
            " ".join(re.sub(r"<[^>]+>", " ", cell).split())
            for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        ]
        if cells and cells[0]:
            rows[cells[0]] = cells[1:]
    return rows


def test_the_public_page_counts_the_public_measures_of_each_goal(goals, client):
    url = reverse("initiative_home", args=["duisburg"])

    page = client.get(url, {"by": "goal"}).content.decode()

    rows = figure_rows(page)
    # The measure serving both goals counts for both; the internal one for none.
    assert rows["Arbeitslosigkeit senken"][0] == "2"
    assert rows["Genehmigungen beschleunigen"][0] == "1"
    assert rows["Ohne Ziel"][0] == "1"
    assert "Vertrauliche Ansiedlung" not in page
    assert f'href="?goal={goals[0].pk}#measures"' in page
    assert "Beschlossene Maßnahmen nach Arbeitskreisen" not in page
    assert "Beschlossene Maßnahmen nach Zielen" in page


def test_the_public_page_groups_by_working_group_unless_asked(goals, client):
    page = client.get(reverse("initiative_home", args=["duisburg"])).content.decode()

    assert "?by=goal#progress-heading" in page
    assert "Arbeitslosigkeit senken</a></th>" not in page


def test_the_public_list_narrowed_to_a_goal_shows_its_public_measures_only(goals, client):
    unemployment, permits = goals
    url = reverse("initiative_home", args=["duisburg"])

    jobs = client.get(url, {"goal": unemployment.pk}).content.decode()
    building = client.get(url, {"goal": permits.pk}).content.decode()

    assert "Jobcenter-Offensive" in jobs and "Gewerbeflächenpool" in jobs
    assert "Stadtmarketing" not in jobs
    assert "Gewerbeflächenpool" in building
    assert "Jobcenter-Offensive" not in building
    assert "Vertrauliche Ansiedlung" not in building


def test_another_initiatives_goal_narrows_to_nothing(goals, muelheim, client):
    theirs = GoalFactory(initiative=muelheim, title="Rückenwind für die Industrie")
    url = reverse("initiative_home", args=["duisburg"])

    page = client.get(url, {"goal": theirs.pk}).content.decode()

    # Not a filter this page offers: the whole list, as without it.
    assert "Jobcenter-Offensive" in page and "Stadtmarketing" in page


def test_the_dashboard_groups_all_current_measures_by_goal(goals, anna, as_persona):
    client = as_persona("anna")

    page = client.get(reverse("initiative_home", args=["duisburg"]), {"by": "goal"})

    groups = {group.name: group.tally.total for group in page.context["steering"]["goal_groups"]}
    # Members see the internal measure too.
    assert groups == {"Arbeitslosigkeit senken": 2, "Genehmigungen beschleunigen": 2, "": 1}
    assert "Nach Arbeitskreisen gruppieren" in page.content.decode()
