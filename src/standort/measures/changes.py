"""What changed between two states of the catalogue (`asof.MeasureState`s): lights that
turned, progress that moved, statuses that changed, measures that are new or dropped,
milestones reached and missed. The section "Änderungen seit …" of a report and the
comparison read it."""

import datetime
from dataclasses import dataclass, field

from .models import Measure, StatusUpdate

# From the best to the worst: a light that moves right got worse.
LIGHT_ORDER = [StatusUpdate.Light.GREEN, StatusUpdate.Light.AMBER, StatusUpdate.Light.RED]


@dataclass
class Move:
    """One value of one measure, before and after."""

    number: int
    title: str
    before: object
    after: object
    reason: str = ""  # the reason given for the status, or what the owner reported

    @property
    def direction(self):
        """1 better, 0 unchanged or not comparable, -1 worse (lights and progress)."""
        if self.before in LIGHT_ORDER and self.after in LIGHT_ORDER:
            return _sign(LIGHT_ORDER.index(self.before) - LIGHT_ORDER.index(self.after))
        if isinstance(self.before, int) and isinstance(self.after, int):
            return _sign(self.after - self.before)
        return 0


@dataclass
class MilestoneEvent:
    number: int
    title: str  # of the measure
    milestone: str
    due_on: datetime.date
    completed_on: datetime.date | None = None


@dataclass
class Changes:
    since: datetime.date
    until: datetime.date
    lights: list = field(default_factory=list)  # [Move]
    progress: list = field(default_factory=list)  # [Move]
    statuses: list = field(default_factory=list)  # [Move]
    new: list = field(default_factory=list)  # [MeasureState]
    dropped: list = field(default_factory=list)  # [MeasureState]
    reached: list = field(default_factory=list)  # [MilestoneEvent]
    missed: list = field(default_factory=list)  # [MilestoneEvent]

    @property
    def is_empty(self):
        return not any(
            (self.lights, self.progress, self.statuses, self.new, self.reached, self.missed)
        )


def _sign(value):
    return (value > 0) - (value < 0)


def _date(value):
    return datetime.date.fromisoformat(value) if value else None


def changes_between(before, after, *, since, until):
    """Changes from the states `before` (as of the end of `since`) to the states
    `after` (as of `until`), both lists of MeasureState. Archived measures count as
    gone; milestones are reached or missed in the days after `since` up to `until`."""
    then = {state.measure_id: state for state in before if not state.is_archived}
    changes = Changes(since=since, until=until)
    for state in after:
        if state.is_archived:
            continue
        old = then.get(state.measure_id)
        if old is None:
            changes.new.append(state)
        else:
            _compare(changes, old, state)
        for milestone in state.milestones:
            due_on, completed_on = _date(milestone["due_on"]), _date(milestone["completed_on"])
            event = MilestoneEvent(
                state.number, state.title, milestone["title"], due_on, completed_on
            )
            if completed_on and since < completed_on <= until:
                changes.reached.append(event)
            elif not completed_on and since < due_on <= until:
                changes.missed.append(event)
    return changes


def _compare(changes, old, new):
    reported = new.achieved if new.reported_at != old.reported_at else ""
    if old.traffic_light and new.traffic_light and old.traffic_light != new.traffic_light:
        changes.lights.append(
            Move(new.number, new.title, old.traffic_light, new.traffic_light, reported)
        )
    if old.progress != new.progress:
        changes.progress.append(Move(new.number, new.title, old.progress, new.progress, reported))
    if old.status != new.status:
        move = Move(new.number, new.title, old.status, new.status, new.status_reason)
        changes.statuses.append(move)
        if new.status == Measure.Status.DROPPED:
            changes.dropped.append(new)


BETTER, UNCHANGED, WORSE = 1, 0, -1
# Statuses a measure falls back into: reaching one is worse, whatever its figures.
SETBACKS = {Measure.Status.ON_HOLD, Measure.Status.DROPPED}


def verdict(old, new):
    """BETTER, UNCHANGED or WORSE: from `old` to `new` (MeasureStates of one measure).
    A status reached tells first (done is better, on hold or dropped worse); then a
    traffic light that turned, where both have one; then the progress."""
    if new.status != old.status:
        if new.status == Measure.Status.DONE:
            return BETTER
        if new.status in SETBACKS:
            return WORSE
    move = Move(new.number, new.title, old.traffic_light, new.traffic_light)
    if old.traffic_light and new.traffic_light and move.direction:
        return move.direction
    return _sign(new.progress - old.progress)


def reason(old, new):
    """What explains the move: the reason given for a new status, else what the owner
    reported since."""
    if new.status != old.status and new.status_reason:
        return new.status_reason
    if new.reported_at != old.reported_at:
        return new.achieved
    return ""
