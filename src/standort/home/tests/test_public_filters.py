# ruff: noqa: F811 - the fixture `public` is imported from test_public_page
"""The public overview's search and filters, its charts and the compact embeds: what a
visitor narrows the list to, what the pictures say (and their tables, in the same
figures), and that no internal, unreleased or archived measure ever shows in any of
them. The story is test_public_page's `public` fixture: measures 1, 2, 3, 4, 6 and 9
are public, 5 (proposed), 7 (archived) and 8 (internal) are not."""

import re

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone, translation

from standort.measures import dashboard, services
from standort.measures.models import Measure
from standort.measures.tests.factories import MeasureFactory, TopicFactory

from .test_public_page import HIDDEN, SHOWN, embed, grow, home, public, queries_for  # noqa: F401

Status = Measure.Status
TITLES = {
    1: "Breitband für alle Gewerbegebiete",
    5: "Nur eine Idee",
    7: "Archivierte Maßnahme",
    8: "Vertrauliche Verhandlung",
}


def listed(response):
    """The numbers of the measures the page lists, in its order."""
    page = response.context["transparency"]
    return [row[0] for _group, parts in page.sections for _sub, rows in parts for row in rows]


@pytest.fixture
def topics(public, duisburg):
    """Field of action "Digitales" for 1 and 3, and for the internal 8; "Leer" for none
    of the public ones."""
    digital = TopicFactory(initiative=duisburg, name="Digitales")
    TopicFactory(initiative=duisburg, name="Leer")
    Measure.objects.filter(number__in=[1, 3, 8, 5]).update(topic=digital)
    return digital


def test_each_filter_and_all_of_them_together(public, topics, client):
    mittelstand, image = public[1].body_id, public[3].body_id
    cases = [
        ({}, [1, 2, 6, 3, 4, 9]),
        ({"status": "adopted"}, [2, 9]),
        ({"topic": topics.pk}, [1, 3]),
        ({"q": "breitband GEWERBE"}, [1]),
        ({"q": "innenhafen"}, [2]),
        ({"group": image}, [3, 4]),
        ({"group": mittelstand, "status": "in_progress", "topic": topics.pk, "q": "breit"}, [1]),
    ]
    for query, numbers in cases:
        response = client.get(home(), query)
        assert listed(response) == numbers, query
        assert response.context["transparency"].found.total == len(numbers), query
    page = client.get(home(), {"status": "adopted"}).content.decode()
    assert '<p class="kern-body public-found" role="status">2 Maßnahmen gefunden</p>' in page
    assert '<option value="adopted" selected>beschlossen</option>' in page
    # The figures above the list stay those of the whole plan.
    assert "6 beschlossene Maßnahmen" in page


def test_a_value_the_page_does_not_offer_is_left_out(public, topics, muelheim, client):
    """A status the public page does not show (proposed), a field of action of another
    initiative or of none of the public measures, a word for a number: the list is
    filtered by the rest, never showing what is not public."""
    other = TopicFactory(initiative=muelheim, name="Fremd")
    empty = topics.initiative.topics.get(name="Leer")
    for query in (
        {"status": "proposed"},
        {"topic": other.pk},
        {"topic": empty.pk},
        {"topic": "alle"},
        {"group": "x", "page": "-3"},
    ):
        response = client.get(home(), query)
        assert response.status_code == 200
        assert sorted(listed(response)) == SHOWN, query
        assert not response.context["transparency"].narrow, query
    page = client.get(home(), {"topic": empty.pk}).content.decode()
    # Offered are the fields of action of public measures only.
    assert ">Digitales</option>" in page and ">Leer</option>" not in page


def test_nothing_found_says_so_and_offers_the_way_back(public, client):
    response = client.get(home(), {"q": "Seilbahn"})
    page = response.content.decode()
    assert listed(response) == []
    assert "0 Maßnahmen gefunden" in page
    assert "Keine Maßnahmen gefunden." in page
    assert '<a class="kern-link" href="/duisburg/#measures">Filter zurücksetzen</a>' in page


def test_no_filter_finds_what_is_not_public(public, topics, client):
    for query in ({"q": "Vertrauliche"}, {"q": "Idee"}, {"q": "Archivierte"}, {"topic": topics.pk}):
        response = client.get(home(), query)
        assert not set(listed(response)) & set(HIDDEN), query
        page = response.content.decode()
        for number in (5, 7, 8):
            assert TITLES[number] not in page, (query, number)


def test_the_pages_keep_the_filters(duisburg):
    for n in range(1, 8):
        MeasureFactory(
            initiative=duisburg, number=n, status=Status.ADOPTED, is_internal=False, body=None
        )
    narrow = dashboard.PublicFilter(status="adopted", q="Maßnahme")
    request = RequestFactory().get(home(), {"status": "adopted", "q": "Maßnahme", "page": 2})
    transparency = dashboard.public_page(duisburg, page=2, size=3, narrow=narrow)
    with translation.override("de"):
        page = render_to_string(transparency, request, duisburg)
    assert 'href="?status=adopted&amp;q=Ma%C3%9Fnahme&amp;page=1#measures" rel="prev"' in page
    assert 'href="?status=adopted&amp;q=Ma%C3%9Fnahme&amp;page=3#measures" rel="next"' in page


def render_to_string(transparency, request, initiative):
    from django.template.loader import render_to_string as render

    return render(
        "home/_public_measures.html",
        {
            "initiative": initiative,
            "transparency": transparency,
            **dict.fromkeys(("public_key", "figures_key"), "-"),
            **dict.fromkeys(("public_seconds", "figures_seconds"), 0),
            "as_of": timezone.localdate(),
        },
        request=request,
    )


@pytest.mark.parametrize("url", [home(), embed()])
def test_a_filtered_page_costs_the_same_with_30_measures_as_with_3(duisburg, client, url):
    """The initiative; (on the page with the site around it, the leading
    organisations); the stamp of the data; the measures counted by group, status,
    light and field of action; those the search matches, counted alike; the bodies;
    the page's measures; the measures and the snapshots of the progress chart; the
    goals the filter offers; (on the page with the site around it) the next public
    meetings. Asked for again, the page keeps it all but the
    initiative, the leading organisations and the stamp; after a change the stamp has
    moved, and the list shows it."""
    grow(duisburg, 0, 3)
    query = "?status=in_progress&q=Ma%C3%9Fnahme&topic=1"
    few = queries_for(client, url + query)
    grow(duisburg, 3, 27)
    many = queries_for(client, url + query)
    assert len(many) == len(few) == (11 if url == home() else 9), "\n".join(many)
    kept = queries_for(client, url + query)
    assert len(kept) == (3 if url == home() else 2), "\n".join(kept)
    measure = duisburg.measures.get(number=129)
    measure.title = "Maßnahme, umbenannt"
    services.measure_save(actor=None, measure=measure)
    assert "Maßnahme, umbenannt" in client.get(url + query).content.decode()


# The charts -------------------------------------------------------------------------


def _rows_of(table):
    rows = {}
    for name, cells in re.findall(r'<th scope="row"[^>]*>([^<]+)</th>(.*?)</tr>', table):
        rows[name] = [int(n) for n in re.findall(r">(\d+)</td>", cells)]
    return rows


def test_the_chart_per_working_group_and_its_table_say_the_same(public, client):
    page = client.get(home()).content.decode()
    start = page.index('<figure class="chart-figure group-chart">')
    chart = page[start : page.index("</figure>", start)]
    assert '<svg class="chart chart--bars"' in chart
    assert 'role="img" aria-labelledby="public-group-chart"' in chart
    assert '<title id="public-group-chart">Balkendiagramm:' in chart
    assert ">Status und Ampeln je Arbeitskreis</figcaption>" in chart
    # Statuses of the public page (those any group has), then the lights of the
    # measures still pursued: Mittelstand's 1 (amber), 2 and its dropped 6.
    header = re.findall(r'<th scope="col" class="kern-table__header[^"]*">([^<]+)</th>', chart)
    assert header[1:] == [
        "beschlossen",
        "in Umsetzung",
        "abgeschlossen",
        "zurückgestellt",
        "verworfen",
        "im Plan",
        "verzögert",
        "gefährdet",
        "noch keiner",
    ]
    table = _rows_of(chart[chart.index("<table") :])
    assert table["Arbeitskreis Mittelstand"] == [1, 1, 0, 0, 1, 0, 1, 0, 1]
    assert table["Arbeitskreis Image"] == [0, 0, 1, 1, 0, 0, 0, 0, 2]
    assert table["Ohne Arbeitskreis"] == [1, 0, 0, 0, 0, 0, 0, 0, 1]
    # The picture's segments carry the same figures.
    segments = re.findall(r"<title>(Status|Ampel) – ([^:]+): (\d+)</title>", chart)
    assert ("Status", "verworfen", "1") in segments
    assert ("Ampel", "verzögert", "1") in segments
    assert sum(int(n) for kind, _label, n in segments if kind == "Status") == 6
    assert sum(int(n) for kind, _label, n in segments if kind == "Ampel") == 5


def test_the_dashboard_draws_the_chart_per_working_group(public, anna, client):
    client.force_login(anna)
    page = client.get(home()).content.decode()
    assert 'role="img" aria-labelledby="group-chart"' in page
    start = page.index('<figure class="chart-figure group-chart">')
    table = _rows_of(page[page.index("<table", start) : page.index("</figure>", start)])
    # The members see every status: the proposed 5, the internal 8 too.
    assert table["Arbeitskreis Mittelstand"][:3] == [1, 1, 2]


def test_the_plans_progress_over_time_once_a_period_is_closed(public, duisburg, client):
    assert 'id="public-progress-chart"' not in client.get(home()).content.decode()
    services.period_close(
        actor=None, initiative=duisburg, ends_on=timezone.localdate(), title="Stand heute"
    )
    page = client.get(home()).content.decode()
    start = page.index('id="public-progress-chart"')
    chart = page[start : page.index("</figure>", start)]
    assert 'role="img" aria-labelledby="public-progress-chart"' in chart
    # Two points, the closed period's and today's, each a row of the table.
    assert len(re.findall(r"<tr class=\"kern-table__row\"><td", chart)) == 2
    figures = dashboard.public_page(duisburg).all
    assert f"{figures.progress} %</td></tr></tbody>" in chart


# The embeds -------------------------------------------------------------------------


def test_the_summary_card(public, client):
    response = client.get(embed(), {"view": "summary"})
    page = response.content.decode()
    assert response.status_code == 200
    assert f"Stand: {timezone.localdate():%d.%m.%Y}" in page
    assert "<dt>Beschlossene Maßnahmen</dt><dd>6</dd>" in page
    assert "<dt>beschlossen</dt><dd>2</dd>" in page
    assert "<dt>vorgeschlagen</dt>" not in page
    assert 'href="/duisburg/"' in page
    assert '<script src="/static/core/embed.js" defer></script>' in page


def test_one_working_group(public, client):
    response = client.get(embed(), {"group": public[1].body_id})
    assert listed(response) == [1, 2, 6]
    page = response.content.decode()
    assert '<h1 class="kern-heading-large">Arbeitskreis Mittelstand</h1>' in page
    assert "public-group-chart" not in page and 'role="search"' not in page
    assert client.get(embed(), {"group": 999999}).status_code == 404


def test_one_measure(public, client):
    response = client.get(embed(), {"measure": 1})
    page = response.content.decode()
    assert TITLES[1] in page and "verzögert" in page and "35 %" in page
    assert f'href="{reverse("measure_detail", args=["duisburg", 1])}"' in page
    assert f"Stand: {timezone.localdate():%d.%m.%Y}" in page
    for number in [*HIDDEN, 12345, "eins"]:
        assert client.get(embed(), {"measure": number}).status_code == 404, number


@pytest.mark.parametrize(
    "query", [{}, {"view": "summary"}, {"group": "1"}, {"measure": "1"}, {"q": "Idee"}]
)
def test_no_embed_shows_what_is_not_public(public, client, query):
    if "group" in query:
        query = {"group": public[8].body_id}  # Mittelstand, with the internal 8
    page = client.get(embed(), query).content.decode()
    for number in (5, 7, 8):
        assert TITLES[number] not in page, number


@pytest.mark.parametrize("query", [{}, {"view": "summary"}, {"group": "1"}, {"measure": "1"}])
def test_no_embed_of_a_non_public_initiative(internal, client, query):
    MeasureFactory(initiative=internal, number=1, status=Status.ADOPTED, is_internal=False)
    assert client.get(embed(internal.slug), query).status_code == 404


def test_the_office_copies_the_snippets(public, duisburg, anna, client):
    client.force_login(anna)
    page = client.get(reverse("initiative_edit", args=["duisburg"])).content.decode()
    base = "http://testserver/duisburg/embed/"
    for address in (base, f"{base}?view=summary", f"{base}?group={public[1].body_id}"):
        assert f'&lt;iframe src="{address}" title="Masterplan Wirtschaft Duisburg"' in page
    assert f"{base}?measure=1" in page
    assert 'event.origin !== "http://testserver"' in page
    assert "standort:height" in page


@pytest.mark.parametrize(
    ("query", "kept"),
    [
        ("?status=in_progress&q=Ma%C3%9Fnahme&page=1", True),
        ("?group=12&topic=3", True),
        ("?utm_source=newsletter", False),
        ("?status=in_progress&status=done", False),
        ("?page=abc", False),
        ("?status=made_up", False),
        ("?q=" + "x" * 101, False),
    ],
)
def test_only_the_pages_own_filters_are_kept(duisburg, client, query, kept):
    """A query string of the page's own filters is kept in the cache; anything else is
    rendered anew, so made-up addresses cannot fill the cache."""
    grow(duisburg, 0, 3)
    context = client.get(home() + query).context
    assert (context["public_key"] != "-") is kept
    assert (context["public_seconds"] > 0) is kept
