"""External object lists (specification 2.5): the filters of the query string, the
page cut from the rows, and the `pagination` and `links` that lead through them."""

import datetime
import math
from dataclasses import dataclass
from urllib.parse import quote

from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

# Entries per page, and the most a client may ask for with `limit`.
PAGE_SIZE = 100
FILTERS = ("created_since", "created_until", "modified_since", "modified_until")
ONE_SECOND = datetime.timedelta(seconds=1)


class BadRequest(Exception):
    """A query string the list cannot answer; the message is for the client."""


class NoSuchPage(Exception):
    pass


@dataclass(frozen=True)
class Query:
    """What the client asked of a list: `moments` {filter: (as written, datetime)}, in
    the order of FILTERS; `omit_internal`; `limit` (None: not asked) and `page`."""

    moments: dict
    omit_internal: bool = False
    limit: int | None = None
    page: int = 1

    @property
    def size(self):
        return self.limit or PAGE_SIZE

    @property
    def with_deleted(self):
        """Deleted objects are listed with `modified_since` only (specification 2.5)."""
        return "modified_since" in self.moments

    def link(self, url, page=1):
        """The canonical URL of `page`: the parameters in one order, always spelt the
        same, the first page without a number."""
        params = [(name, written) for name, (written, _when) in self.moments.items()]
        if self.omit_internal:
            params.append(("omit_internal", "true"))
        if self.limit is not None:
            params.append(("limit", str(self.limit)))
        if page > 1:
            params.append(("page", str(page)))
        if not params:
            return url
        return url + "?" + "&".join(f"{name}={quote(value, safe='')}" for name, value in params)


def _moment(name, written):
    # A "+" of an offset that the client did not encode arrives as a space.
    written = written.strip().replace(" ", "+")
    try:
        value = parse_datetime(written)
    except ValueError:
        value = None
    if value is None or value.tzinfo is None:
        raise BadRequest(
            _("%(name)s needs a date and time with an offset, such as %(example)s.")
            % {"name": name, "example": "2026-01-01T00:00:00+01:00"}
        )
    return written, value


def _whole(name, written):
    """A positive whole number, spelt canonically (no sign, no leading zero)."""
    if (
        not written.isascii()
        or not written.isdigit()
        or len(written) > 18
        or written != str(int(written))
    ):
        raise BadRequest(_("%(name)s needs a whole number from 1 on.") % {"name": name})
    if int(written) < 1:
        raise BadRequest(_("%(name)s needs a whole number from 1 on.") % {"name": name})
    return int(written)


def parse(params):
    moments = {name: _moment(name, params[name]) for name in FILTERS if name in params}
    omit = params.get("omit_internal", "").lower()
    if omit not in ("", "true", "false"):
        raise BadRequest(_("omit_internal is either true or false."))
    # A client must not expect its limit to be kept (specification 2.5): more than a
    # page holds is a page.
    limit = min(_whole("limit", params["limit"]), PAGE_SIZE) if "limit" in params else None
    page = _whole("page", params["page"]) if "page" in params else 1
    return Query(moments, omit_internal=omit == "true", limit=limit, page=page)


def narrowed(rows, query):
    """`rows` (with `created` and `modified`) within the filters. Times are given to
    the second; an object of 10:00:00.5 reads as 10:00:00, so `…_until` 10:00:00
    includes it."""
    for name, (_written, when) in query.moments.items():
        field, bound = name.split("_")
        if bound == "since":
            rows = rows.filter(**{f"{field}__gte": when})
        else:
            rows = rows.filter(**{f"{field}__lt": when.replace(microsecond=0) + ONE_SECOND})
    return rows


@dataclass
class Page:
    rows: list  # (key, created, modified, deleted)
    pagination: dict
    links: dict


def page_of(rows, query, url, *, counted=None):
    """The page `query` asks for of `rows` (ordered), counted: two queries. `counted`
    counts as many rows as `rows` holds, more cheaply (without their columns)."""
    total = (rows if counted is None else counted).count()
    pages = max(1, math.ceil(total / query.size))
    if query.page > pages:
        raise NoSuchPage
    start = (query.page - 1) * query.size
    cut = list(rows[start : start + query.size])
    links = {"first": query.link(url)}
    if query.page > 1:
        links["prev"] = query.link(url, query.page - 1)
    links["self"] = query.link(url, query.page)
    if query.page < pages:
        links["next"] = query.link(url, query.page + 1)
    links["last"] = query.link(url, pages)
    pagination = {
        "totalElements": total,
        "elementsPerPage": query.size,
        "currentPage": query.page,
        "totalPages": pages,
    }
    return Page(cut, pagination, links)
