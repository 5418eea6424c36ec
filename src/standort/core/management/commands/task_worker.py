"""`manage.py task_worker`: django-tasks-db's `db_worker`, with the same options, that
waits out a lost database and reruns the tasks of dead workers (core.worker)."""

import os

from django.core.management.base import CommandError
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.management.commands import db_worker

from standort.core.worker import ResilientWorker, new_worker_id


class Command(db_worker.Command):
    help = "Runs the task worker; it survives database restarts (see standort.core.worker)."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        # Host and process in the id let others tell whether this worker still lives.
        parser.set_defaults(worker_id=new_worker_id())

    def handle(self, *, verbosity, queue_name, batch, reload, exclude_queues, **options):
        self.configure_logging(verbosity)
        if reload and batch:
            reload = False
        queue_names = queue_name.split(",")
        excluded = exclude_queues.split(",") if exclude_queues else []
        if excluded and "*" not in queue_names:
            raise CommandError("--exclude-queues can only be used with --queue-name=*")
        worker = ResilientWorker(
            queue_names=queue_names,
            excluded_queue_names=excluded,
            batch=batch,
            interval=options["interval"],
            backend_name=options["backend_name"],
            startup_delay=options["startup_delay"],
            max_tasks=options["max_tasks"],
            worker_id=options["worker_id"],
        )
        if not reload:
            worker.configure_signals()
            worker.run()
            return
        if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
            worker.configure_signals()
        run_with_reloader(worker.run)
