"""What the measures tell the rest of the platform (the notifications listen).
Sent inside the service's transaction: a listener's writes stand or fall with it."""

from django.dispatch import Signal

# sender=Measure, measure=<Measure>, actor=<User>, old=<status>, new=<status>: the
# measure moved along its life.
status_changed = Signal()
# sender=StatusUpdate, update=<StatusUpdate>, actor=<User>: a status update was
# accepted and is now the measure's current state.
status_update_added = Signal()
# sender=Measure, initiative=<Initiative>, actor=<User>, created=[Measure],
# changed=[Measure], status_changes=[(Measure, old status, new status)], key=<str>:
# many measures were written at once (an import of a list). Sent once for all of them,
# in place of a status_changed for each, so that a listener can sum the import up;
# `key` names the import.
measures_imported = Signal()
