"""The task worker survives its database and its own death.

django-tasks-db's worker (`db_worker`) stops with the first OperationalError it does
not expect, for instance while PostgreSQL restarts, and a worker that dies while it
runs a task leaves that task RUNNING for ever. `manage.py task_worker` runs the same
worker with two additions:

* Losing the database is waited out: the worker closes its connections, tries again
  with a growing pause (at most MAX_PAUSE seconds) and carries on. A task that was
  running when the connection went is queued again rather than recorded as failed.
* Tasks left RUNNING by a worker that is gone are queued again: at the worker's
  start, after it lost the database, and in the periodic sweep
  (core.scheduling.sweep). A worker is known to be gone when it ran on this machine
  and its process no longer exists (the worker id names host and process), or when
  its task started more than STALE_AFTER ago.

Running a task again is safe because every task of ours is idempotent: mails go
through the outbox, whose keys send each mail once (core.mail), and the daily runs
check what they did already. A task that was rerun for MAX_WORKERS different
workers and killed each of them is marked failed instead, so it cannot take every
worker down in turn.
"""

import contextlib
import logging
import os
import socket
import time

from django.db import close_old_connections, connections, router
from django.db.utils import InterfaceError, OperationalError
from django.utils import timezone
from django.utils.crypto import get_random_string
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

log = logging.getLogger("standort.worker")

DATABASE_ERRORS = (OperationalError, InterfaceError)
MAX_PAUSE = 10
# Longer than any task of ours takes; a task that runs longer on another machine is
# run a second time, which is harmless (see above) but wasted.
STALE_AFTER = 60 * 60
MAX_WORKERS = 3

_HOST = socket.gethostname()[:30].replace(":", "-")


def new_worker_id():
    """ "host:pid:random", at most 64 characters, so that others can tell whether the
    worker still lives."""
    return f"{_HOST}:{os.getpid()}:{get_random_string(12)}"


def worker_is_gone(worker_id):
    """True when `worker_id` ran on this machine and its process has ended. Workers on
    other machines, and ids of another form, are not known to be gone."""
    host, _, rest = worker_id.partition(":")
    pid = rest.partition(":")[0]
    if host != _HOST or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # a process of another user: alive
        return False
    return False


def requeue(result, reason, give_up=True):
    """Queues a RUNNING task result again (or, with `give_up`, marks it failed after
    MAX_WORKERS workers), unless someone else changed it meanwhile. Returns True if it
    did."""
    still_running = DBTaskResult.objects.filter(
        pk=result.pk, status="RUNNING", started_at=result.started_at
    )
    if give_up and len(set(result.worker_ids)) >= MAX_WORKERS:
        log.error(
            "Task %s (%s) failed: %s, %s workers lost",
            result.pk,
            result.task_path,
            reason,
            MAX_WORKERS,
        )
        return bool(
            still_running.update(
                status="FAILED",
                finished_at=timezone.now(),
                exception_class_path="standort.core.worker.WorkerLost",
                traceback=f"WorkerLost: {reason}; run by {MAX_WORKERS} workers, none finished it.",
            )
        )
    log.warning("Task %s (%s) queued again: %s", result.pk, result.task_path, reason)
    return bool(still_running.update(status="READY", started_at=None))


def requeue_abandoned(now=None):
    """Queues again the tasks left RUNNING by a worker that is gone; returns how many."""
    now = now or timezone.now()
    count = 0
    for result in DBTaskResult.objects.running().only(
        "pk", "task_path", "started_at", "worker_ids"
    ):
        last_worker = result.worker_ids[-1] if result.worker_ids else ""
        if worker_is_gone(last_worker):
            count += requeue(result, f"worker {last_worker} is gone")
        elif result.started_at is None or (now - result.started_at).total_seconds() > STALE_AFTER:
            count += requeue(result, f"running since {result.started_at}")
    return count


def _close_connections():
    for connection in connections.all(initialized_only=True):
        with contextlib.suppress(DATABASE_ERRORS):
            connection.close()


class ResilientWorker(Worker):
    """django-tasks-db's worker, which waits out a lost database and queues again the
    task it was running then, and the tasks of workers that died."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._current = None

    def run(self):
        pause = 0.5
        while True:
            try:
                self._recover()
                pause = 0.5
                return super().run()
            except DATABASE_ERRORS as error:
                if not self.running:
                    return None
                log.warning("Database unavailable, trying again in %.1f s: %s", pause, error)
                _close_connections()
                time.sleep(pause)
                pause = min(pause * 2, MAX_PAUSE)
                self.startup_delay = False

    def _recover(self):
        close_old_connections()
        if self._current is not None:
            requeue(self._current, "the database connection was lost", give_up=False)
            self._current = None
        requeue_abandoned()

    def run_task(self, db_task_result):
        self._current = db_task_result
        record_failure = db_task_result.set_failed

        def set_failed(error):
            # A task that failed because the database went away did not fail: it stays
            # RUNNING, and run() queues it again once the database is back.
            if isinstance(error, DATABASE_ERRORS) and self._database_lost(db_task_result):
                raise error
            record_failure(error)

        db_task_result.set_failed = set_failed
        super().run_task(db_task_result)
        self._current = None

    @staticmethod
    def _database_lost(db_task_result):
        connection = connections[db_task_result._state.db or router.db_for_write(DBTaskResult)]
        return connection.connection is None or not connection.is_usable()
