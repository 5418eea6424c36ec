"""Two moments of the catalogue side by side: now, a day, a closed reporting period or
a closed status review. Each measure is better, unchanged or worse, with the reason."""

import datetime
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import F
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from standort.core.history import stamped
from standort.initiatives.models import Body, Initiative, Organization, Person
from standort.measures.asof import MeasureState, catalogue_as_of, catalogue_now
from standort.measures.changes import BETTER, WORSE, reason, verdict
from standort.measures.models import (
    Measure,
    Milestone,
    ReportingPeriod,
    SnapshotRow,
    StatusUpdate,
    Topic,
)
from standort.measures.services import end_of_day
from standort.reviews.models import ReviewCycle
from standort.reviews.queries import review_states

NOW = "now"
NEW, GONE = "new", "gone"
VERDICTS = {BETTER: "better", 0: "unchanged", WORSE: "worse"}


@dataclass
class Point:
    """A moment to compare: its key in the address, its name and its day."""

    key: str
    label: str
    day: datetime.date
    read: object  # () -> [MeasureState]

    def states(self):
        return [state for state in self.read() if not state.is_archived]


def _snapshot(snapshot_id):
    def read():
        rows = SnapshotRow.objects.filter(snapshot_id=snapshot_id)
        return [MeasureState.of_row(row) for row in rows]

    return read


def _short(day):
    return date_format(day, "SHORT_DATE_FORMAT")


def points(initiative):
    """[Point] to choose from: now, the closed reporting periods and the closed status
    reviews, the newest first. Two queries."""
    today = timezone.localdate()
    found = [
        Point(
            NOW,
            _("Today (%(date)s)") % {"date": _short(today)},
            today,
            lambda: catalogue_now(initiative),
        )
    ]
    periods = ReportingPeriod.objects.filter(initiative=initiative).order_by("-ends_on")
    for period in periods:
        found.append(
            Point(
                f"period-{period.pk}", period.title, period.ends_on, _snapshot(period.snapshot_id)
            )
        )
    cycles = ReviewCycle.objects.filter(
        initiative=initiative, state=ReviewCycle.State.CLOSED
    ).order_by(F("closed_at").desc(nulls_last=True), "-pk")
    for cycle in cycles:
        cycle.initiative = initiative
        label = _("%(review)s (closed on %(date)s)") % {
            "review": cycle.title,
            "date": _short(timezone.localdate(cycle.closed_at)),
        }
        found.append(
            Point(
                f"review-{cycle.pk}",
                label,
                timezone.localdate(cycle.closed_at),
                lambda cycle=cycle: review_states(cycle),
            )
        )
    return found


def day_point(initiative, day):
    """The catalogue at the end of `day`, from the change history."""
    return Point(
        f"date-{day.isoformat()}",
        _("End of %(date)s") % {"date": _short(day)},
        day,
        lambda: catalogue_as_of(initiative, end_of_day(day)),
    )


@dataclass(frozen=True)
class Side:
    """What the comparison shows of a measure at one moment."""

    status: str
    traffic_light: str
    progress: int

    @classmethod
    def of(cls, state):
        return cls(state.status, state.traffic_light, state.progress) if state else None


@dataclass
class Compared:
    number: int
    title: str
    before: Side | None
    after: Side | None
    verdict: str  # "better", "unchanged", "worse", NEW or GONE
    reason: str = ""


@dataclass
class Comparison:
    before: Point
    after: Point
    rows: list

    @property
    def counts(self):
        counts = Counter(row.verdict for row in self.rows)
        return {key: counts[key] for key in ("better", "unchanged", "worse", NEW, GONE)}


def compare(before, after):
    """Comparison of the measures at the Points `before` and `after`, in number order:
    each measure in both with its verdict, the new ones and the ones gone."""
    old = {state.measure_id: state for state in before.states()}
    rows = []
    for state in after.states():
        then = old.pop(state.measure_id, None)
        if then is None:
            rows.append(Compared(state.number, state.title, None, Side.of(state), NEW))
            continue
        rows.append(
            Compared(
                state.number,
                state.title,
                Side.of(then),
                Side.of(state),
                VERDICTS[verdict(then, state)],
                reason(then, state),
            )
        )
    rows.extend(
        Compared(state.number, state.title, Side.of(state), None, GONE) for state in old.values()
    )
    rows.sort(key=lambda row: row.number)
    return Comparison(before, after, rows)


# The catalogue's data a comparison with today reads: while none of these has a new
# history record, the comparison holds (core.history.stamped).
STAMPED = (Measure, StatusUpdate, Milestone, Body, Person, Organization, Topic)
KEPT_SECONDS = 3600


class KeptRows(Sequence):
    """The rows of a kept comparison: their number is known from the cache's summary,
    the rows themselves are read from the cache (or compared anew) only when a page of
    them is shown. The page keeps its rendered rows under the same key (compare.html),
    so that a visit while the comparison holds reads neither the 5,000 rows nor renders
    them."""

    def __init__(self, length, load):
        self.length = length
        self._load = load
        self._rows = None

    def __len__(self):
        return self.length

    def __getitem__(self, index):
        if isinstance(index, slice):
            # The paginator's slice, read when the page's rows are rendered.
            return _LazySlice(self, index)
        return self.all()[index]

    def all(self):
        if self._rows is None:
            self._rows = self._load()
        return self._rows


class _LazySlice:
    def __init__(self, rows, part):
        self.rows, self.part = rows, part

    def __iter__(self):
        return iter(self.rows.all()[self.part])

    def __len__(self):
        return len(range(len(self.rows))[self.part])


@dataclass
class KeptComparison:
    before: Point
    after: Point
    rows: KeptRows
    counts: dict
    key: str


def kept_comparison(initiative, before, after):
    """compare(before, after), kept in the cache: a comparison of closed reviews,
    periods and past days for as long as the cache keeps it (they do not change), one
    with today while the catalogue's data has no new history record. Comparing 5,000
    measures reads both states in full; the page then reads a slice."""
    parts = [initiative.pk, initiative.created_at.timestamp(), before.key, after.key]
    if NOW in (before.key, after.key):
        parts.append(stamped(Initiative.objects.filter(pk=initiative.pk).only("pk"), STAMPED).stamp)
    key = "comparison:" + ":".join(str(part) for part in parts)

    def rows():
        found = cache.get(f"{key}:rows")
        if found is None:
            found = keep()[0]
        return found

    def keep():
        compared = compare(before, after)
        summary = (compared.counts, len(compared.rows))
        cache.set_many({f"{key}:rows": compared.rows, f"{key}:summary": summary}, KEPT_SECONDS)
        return compared.rows, summary

    summary = cache.get(f"{key}:summary")
    if summary is None:
        found, summary = keep()
        kept = KeptRows(summary[1], lambda: found)
    else:
        kept = KeptRows(summary[1], rows)
    return KeptComparison(before, after, kept, summary[0], key)
