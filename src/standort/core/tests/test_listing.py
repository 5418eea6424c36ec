"""The one pagination of every list: which page a query string gets, what it costs, and
how its links look."""

import pytest
from django.contrib.auth.models import Group
from django.template.loader import render_to_string
from django.test import RequestFactory

from standort.core.listing import (
    build_listing,
    page_number,
    paginate,
    paginate_ahead,
    search_words,
)

ROWS = list(range(1, 8))  # seven rows: pages of three are 1-3, 4-6, 7


@pytest.mark.parametrize(
    "value, number",
    [(None, 1), ("", 1), ("2", 2), (3, 3), ("zwei", 1), ("2.5", 1), ("0", 1), ("-4", 1)],
)
def test_a_query_string_asks_for_a_page_from_1_on(value, number):
    assert page_number(value) == number


def test_the_first_page_has_only_a_next_one():
    page = paginate(ROWS, None, per_page=3)
    assert (list(page), page.number, page.count, page.num_pages) == ([1, 2, 3], 1, 7, 3)
    assert page.has_next and not page.has_previous and page.has_other_pages
    assert page.next_page_number == 2


def test_the_last_page_has_only_a_previous_one():
    page = paginate(ROWS, "3", per_page=3)
    assert (list(page), page.number) == ([7], 3)
    assert page.has_previous and not page.has_next
    assert page.previous_page_number == 2


def test_a_page_beyond_the_end_shows_the_last():
    assert list(paginate(ROWS, "99", per_page=3)) == [7]
    assert list(paginate_ahead(read(ROWS), "99", per_page=3)) == [7]


def test_a_page_that_is_no_number_shows_the_first():
    assert list(paginate(ROWS, "letzte", per_page=3)) == [1, 2, 3]
    assert list(paginate_ahead(read(ROWS), "letzte", per_page=3)) == [1, 2, 3]


def test_an_empty_list_has_one_empty_page():
    page = paginate([], "2", per_page=3)
    assert (list(page), page.number, page.num_pages, page.has_other_pages) == ([], 1, 1, False)
    page = paginate_ahead(read([]), "2", per_page=3)
    assert (list(page), page.number, page.has_other_pages) == ([], 1, False)


def read(rows):
    """A list that is not counted, which notes how many rows each read asked for."""

    def first(limit):
        first.limits.append(limit)
        return rows[:limit]

    first.limits = []
    return first


def test_a_list_that_is_not_counted_reads_one_row_past_the_page():
    rows = read(ROWS)
    page = paginate_ahead(rows, "2", per_page=3)
    assert (list(page), page.number, page.has_previous, page.has_next) == ([4, 5, 6], 2, True, True)
    assert rows.limits == [2 * 3 + 1]
    assert page.count is None and page.num_pages is None
    # Exactly full pages: the row past the last one is missing, so no next page.
    page = paginate_ahead(read(ROWS[:6]), "2", per_page=3)
    assert (list(page), page.has_next) == ([4, 5, 6], False)


@pytest.fixture
def groups(db):
    Group.objects.bulk_create(Group(name=f"Gruppe {n}") for n in range(1, 8))
    return Group.objects.order_by("pk")


def test_a_queryset_is_counted_once_and_read_a_page_at_a_time(groups, django_assert_num_queries):
    with django_assert_num_queries(2):  # COUNT, and the page's rows
        page = paginate(groups, "2", per_page=3)
        assert [g.name for g in page] == ["Gruppe 4", "Gruppe 5", "Gruppe 6"]


def test_a_known_count_spares_the_count(groups, django_assert_num_queries):
    with django_assert_num_queries(1):  # the page's rows
        page = paginate(groups, "3", per_page=3, count=7)
        assert [g.name for g in page] == ["Gruppe 7"]
    with django_assert_num_queries(0):  # nothing to show: nothing to read either
        page = paginate(groups, "1", per_page=3, count=0)
        assert list(page) == []


def test_a_cheaper_count_of_all_rows_serves_only_a_list_without_search(groups):
    def listing(query):
        return build_listing(
            RequestFactory().get(f"/liste/{query}"),
            groups,
            search_fields=["name"],
            sortable={"name": ["name"]},
            default_sort="name",
            count_all=lambda: 99,
        )

    assert listing("").page.count == 99
    # %00 is no search: the control character is dropped and nothing is left.
    assert listing("?q=%00").page.count == 99
    assert listing("?q=Gruppe").page.count == 7


def links(page, query="", **names):
    request = RequestFactory().get(f"/liste/{query}")
    return render_to_string("core/_pagination.html", {"page": page, **names}, request=request)


def test_the_pages_link_with_the_query_string_kept():
    html = links(paginate(ROWS, "2", per_page=3), "?q=Hafen&page=2")
    assert 'aria-label="Seiten"' in html
    assert '<a class="kern-link" href="?q=Hafen&amp;page=1" rel="prev">Zurück</a>' in html
    assert '<a class="kern-link" href="?q=Hafen&amp;page=3" rel="next">Weiter</a>' in html
    assert "Seite 2 von 3" in html
    assert "no-print" not in html


def test_a_list_that_is_not_counted_does_not_say_how_many_pages_it_has():
    html = links(paginate_ahead(read(ROWS), "2", per_page=3))
    assert 'href="?page=1" rel="prev"' in html and 'href="?page=3" rel="next"' in html
    assert "Seite" not in html.replace('aria-label="Seiten"', "")


def test_a_page_names_its_links_itself():
    html = links(
        paginate(ROWS, "2", per_page=3),
        label="Seiten der Maßnahmen",
        previous="Vorige Seite",
        next="Nächste Seite",
        fragment="#measures",
        no_print=True,
    )
    assert '<nav class="pagination no-print" aria-label="Seiten der Maßnahmen">' in html
    assert 'href="?page=1#measures" rel="prev">Vorige Seite</a>' in html
    assert 'href="?page=3#measures" rel="next">Nächste Seite</a>' in html


def test_a_single_page_shows_no_pages():
    assert links(paginate(ROWS, "1", per_page=10)).strip() == ""


def test_search_words_drop_control_characters_and_keep_their_length():
    assert search_words("  Hafen\x00 Ruhrort\t\r\n ") == "Hafen Ruhrort"
    assert search_words("x" * 500) == "x" * 100
