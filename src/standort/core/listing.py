"""Search, sort and paginate a list page from its query string.

Every paged list goes through `paginate` (a list that is counted) or `paginate_ahead`
(one that is not) and shows its pages with `core/_pagination.html`."""

import math
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.db.models import Q, QuerySet

PAGE_SIZE = 25


# Control characters have no place in a search, and PostgreSQL refuses a NUL in a
# query's parameters outright (a `?q=%00` was a server error).
_CONTROL = dict.fromkeys(range(32), " ")


def search_words(text, length=100):
    """The words of a search box's text: control characters and runs of spaces as
    one space, at most `length` characters."""
    return " ".join(text.translate(_CONTROL).split())[:length]


def page_number(value):
    """The page a query string asks for (`?page=`): a whole number from 1 on; anything
    else, missing, a word, zero or less, asks for the first page."""
    try:
        return max(1, int(value))
    except (TypeError, ValueError):
        return 1


@dataclass(frozen=True)
class Page:
    """One page of a list, as `core/_pagination.html` shows it. A counted list knows its
    rows in all (`count`) and its pages (`num_pages`); one that is not counted knows
    only whether a page follows (both are None) and shows no "page n of m"."""

    object_list: object  # this page's rows: a sliced queryset or a list
    number: int  # from 1
    has_next: bool
    count: int | None = None
    num_pages: int | None = None

    @property
    def has_previous(self):
        return self.number > 1

    @property
    def has_other_pages(self):
        return self.has_previous or self.has_next

    @property
    def previous_page_number(self):
        return self.number - 1

    @property
    def next_page_number(self):
        return self.number + 1

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self):
        return len(self.object_list)


def paginate(rows, page, *, per_page=PAGE_SIZE, count=None):
    """Page `page` (the query string's value, see `page_number`) of `rows`, a queryset
    or a list. The rows are counted (a COUNT query) unless the caller knows their
    number already and passes it as `count`. A page beyond the last shows the last."""
    if count is None:
        count = rows.count() if isinstance(rows, QuerySet) else len(rows)
    num_pages = max(1, math.ceil(count / per_page))
    number = min(page_number(page), num_pages)
    start = (number - 1) * per_page
    # With nothing to show the slice is empty, which a queryset answers without a query.
    object_list = rows[start : start + per_page] if count else rows[:0]
    return Page(object_list, number, number < num_pages, count, num_pages)


def paginate_ahead(read, page, *, per_page=PAGE_SIZE):
    """Page `page` of a list that is not counted: `read(limit)` returns its first
    `limit` rows. The rows up to this page's end and one more are read; that one tells
    whether a page follows, so no COUNT is needed. A page beyond the last shows the
    last: every row has been read then, so where the last page starts is known."""
    number = page_number(page)
    rows = read(number * per_page + 1)
    if len(rows) <= (number - 1) * per_page:
        number = max(1, math.ceil(len(rows) / per_page))
    start = (number - 1) * per_page
    return Page(rows[start : start + per_page], number, len(rows) > number * per_page)


@dataclass
class Listing:
    page: Page
    query: str
    sort: str
    sortable: dict

    def sort_link(self, key):
        """The query string that sorts by `key`, toggling the direction when it is
        already the active sort."""
        target = f"-{key}" if self.sort == key else key
        return target


def build_listing(
    request,
    queryset,
    *,
    sortable,
    default_sort,
    search_fields=(),
    search=None,
    per_page=PAGE_SIZE,
    count=None,
    count_all=None,
):
    """`sortable` maps the URL key to a list of ORDER BY fields, e.g.
    {"name": ["last_name", "first_name"]}. The query string's `q` narrows the rows:
    each word in one of `search_fields`, or through `search(queryset, query)` where a
    list searches in a way of its own. A page that knows the number of rows already
    passes it as `count`, which spares the pager its COUNT query; `count_all()` counts
    them where no search narrows them, for a list whose own query is dearer to count."""
    query = search_words(request.GET.get("q", ""))
    if query and search is not None:
        queryset = search(queryset, query)
    elif query:
        for term in query.split():
            queryset = queryset.filter(
                reduce(or_, (Q(**{f"{f}__icontains": term}) for f in search_fields))
            )
    sort = request.GET.get("sort", default_sort)
    key = sort.lstrip("-")
    if key not in sortable:
        sort, key = default_sort, default_sort.lstrip("-")
    prefix = "-" if sort.startswith("-") else ""
    # pk last keeps the order stable between pages when names repeat.
    queryset = queryset.order_by(*[f"{prefix}{f}" for f in sortable[key]], f"{prefix}pk")
    if count is None and not query and count_all is not None:
        count = count_all()
    page = paginate(queryset, request.GET.get("page"), per_page=per_page, count=count)
    return Listing(page=page, query=query, sort=sort, sortable=sortable)
