"""What changed in the catalogue since a moment, counted for the dashboard ("since your
last visit", "since the last steering meeting"): a handful of indexed counts, not the
catalogue as of then (asof.py), which the comparison page reads in full."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from standort.core.history import records

from .models import Measure, Milestone, StatusUpdate


@dataclass
class Since:
    moment: datetime.datetime
    updates: int = 0  # status updates accepted since
    statuses: int = 0  # measures whose status changed since
    new: int = 0  # measures created since
    reached: int = 0  # milestones completed since the day of `moment`

    @property
    def is_empty(self):
        return not (self.updates or self.statuses or self.new or self.reached)

    @property
    def compare_day(self):
        """The day before `moment`: the comparison's earlier state (None when that is
        not before today, which the comparison cannot read)."""
        day = timezone.localdate(self.moment) - datetime.timedelta(days=1)
        return day if day < timezone.localdate() else None


def changes_since(initiative, moment):
    """Since(...) of the initiative's catalogue after `moment`. Four queries."""
    changed = records(
        Measure, initiative_id=initiative.pk, history_date__gt=moment, history_type="~"
    ).values_list("id", "history_changes")
    statuses = {
        measure_id
        for measure_id, summary in changed
        if any(change[0] == "status" for change in (summary or {}).get("changes", []))
    }
    return Since(
        moment=moment,
        updates=StatusUpdate.objects.filter(
            measure__initiative=initiative, accepted_at__gt=moment
        ).count(),
        statuses=len(statuses),
        new=Measure.objects.filter(initiative=initiative, created_at__gt=moment).count(),
        reached=Milestone.objects.filter(
            measure__initiative=initiative, completed_on__gt=timezone.localdate(moment)
        ).count(),
    )
