"""Search, sort and paginate a list page from its query string."""

from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.core.paginator import Paginator
from django.db.models import Q

PAGE_SIZE = 25


@dataclass
class Listing:
    page: object
    query: str
    sort: str
    sortable: dict

    def sort_link(self, key):
        """The query string that sorts by `key`, toggling the direction when it is
        already the active sort."""
        target = f"-{key}" if self.sort == key else key
        return target

    @property
    def is_paginated(self):
        return self.page.paginator.num_pages > 1


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
):
    """`sortable` maps the URL key to a list of ORDER BY fields, e.g.
    {"name": ["last_name", "first_name"]}. The query string's `q` narrows the rows:
    each word in one of `search_fields`, or through `search(queryset, query)` where a
    list searches in a way of its own. A page that knows the number of rows already
    passes it as `count`, which spares the pager its COUNT query."""
    query = " ".join(request.GET.get("q", "").split())[:100]
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
    if count == 0:
        queryset = queryset.none()  # nothing to show: no query for the rows either
    paginator = Paginator(queryset, per_page)
    if count is not None:
        paginator.count = count  # a cached property: set, it is not computed
    page = paginator.get_page(request.GET.get("page"))
    return Listing(page=page, query=query, sort=sort, sortable=sortable)
