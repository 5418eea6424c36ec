"""What the endpoints share: absolute addresses, the error answers every operation
declares, and the pagination of lists."""

from types import SimpleNamespace

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja.pagination import CursorPagination

from ..auth import BearerToken
from ..problems import ApiProblem, Problem


class PublicOrBearerToken(BearerToken):
    """Reading: with a token as its user, without one as the public."""

    def __init__(self):
        super().__init__(optional=True)


READ = [PublicOrBearerToken()]
WRITE = [BearerToken(optional=False)]

PAGE_SIZE = 50
LONGEST_PAGE = 200


def absolute(path):
    return f"{settings.SITE_URL}{path}"


def answers(ok, *errors, status=200):
    """An operation's responses: `ok` under `status`, a problem under each of `errors`
    and under those every operation may give (401, 404, 422, 429)."""
    responses = {status: ok}
    for code in {401, 404, 422, 429, *errors}:
        responses[code] = Problem
    return responses


def paginated(ordering):
    """Keyword arguments of ninja's `paginate` for a list in `ordering` (its first field
    unique, or nearly: the cursor counts the rest)."""
    return {
        "ordering": ordering,
        "page_size": PAGE_SIZE,
        "max_page_size": LONGEST_PAGE,
    }


class Rows:
    """A list's queryset as the paginator needs it: one it orders, filters by the
    cursor's position and cuts, whose objects come out as `convert` makes them (a dict
    of what the API shows), with the fields it is ordered by as attributes, since the
    cursor reads its position from them."""

    def __init__(self, queryset, convert, ordering=()):
        self.queryset = queryset
        self.convert = convert
        self.ordering = ordering

    def order_by(self, *fields):
        names = tuple(field.lstrip("-") for field in fields)
        return Rows(self.queryset.order_by(*fields), self.convert, names)

    def filter(self, *args, **kwargs):
        # Only the cursor filters the rows here: its position came from the client.
        try:
            queryset = self.queryset.filter(*args, **kwargs)
        except (ValueError, TypeError, ValidationError) as error:
            raise ApiProblem(
                "invalid",
                _("The request has invalid values; see “errors”."),
                [("cursor", _("This cursor is not one of ours."))],
            ) from error
        return Rows(queryset, self.convert, self.ordering)

    def __getitem__(self, cut):
        return [self._shown(row) for row in self.queryset[cut]]

    def _shown(self, row):
        positions = {name: getattr(row, name) for name in self.ordering}
        return SimpleNamespace(**{**positions, **self.convert(row)})


__all__ = ["READ", "WRITE", "CursorPagination", "Rows", "absolute", "answers", "paginated"]
