"""The task worker survives PostgreSQL restarts (issue 14, item 10).

A private PostgreSQL cluster in /tmp is restarted three times while another process
queues mails and the worker (`manage.py task_worker`, as the Procfile runs it) sends
them: the worker is still running afterwards and every mail went out. Skipped where
PostgreSQL 15's server programs are not installed."""

import contextlib
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

import standort

PGBIN = Path("/usr/lib/postgresql/15/bin")
ROOT = Path(standort.__file__).resolve().parents[2]
MAILS = 40

pytestmark = pytest.mark.skipif(
    not (PGBIN / "pg_ctl").exists(), reason="needs PostgreSQL 15 (/usr/lib/postgresql/15/bin)"
)

# Queues MAILS mails one by one, each in a transaction, as the site does; a mail whose
# queuing failed because the database was away is queued again (its key makes that
# harmless), as a user would send the form again.
LOAD = """
import sys, time
import django
django.setup()
from django.db import connection, transaction
from django.db.utils import InterfaceError, OperationalError
from standort.core import mail
from standort.core.models import OutgoingMail

for number in range(int(sys.argv[1])):
    while True:
        try:
            with transaction.atomic():
                mail.queue([OutgoingMail(
                    key=f"load-{number}", to=f"load-{number}@example.org",
                    subject="Last", body="Text",
                )])
            break
        except (OperationalError, InterfaceError):
            connection.close()
            time.sleep(0.1)
    time.sleep(0.1)
"""

MIGRATE = """
import django
django.setup()
from django.core.management import call_command
call_command("migrate", "core", verbosity=0)
call_command("migrate", "django_tasks_database", verbosity=0)
"""


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Cluster:
    """A throwaway PostgreSQL cluster; as root it runs as the postgres user."""

    def __init__(self, directory):
        self.data = directory / "pgdata"
        self.port = free_port()
        self.as_owner = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        self.data.mkdir(mode=0o700)
        if self.as_owner:
            shutil.chown(directory, "postgres")
            shutil.chown(self.data, "postgres", "postgres")

    def pg_ctl(self, *arguments):
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.data} -c fsync=off"
        subprocess.run(
            [*self.as_owner, PGBIN / "pg_ctl", "-D", self.data, "-l", self.data / "server.log"]
            + ["-w", "-o", options, *arguments],
            check=True,
            capture_output=True,
        )

    def create(self):
        subprocess.run(
            [*self.as_owner, PGBIN / "initdb", "-D", self.data, "-U", "postgres"]
            + ["--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"],
            check=True,
            capture_output=True,
        )
        self.pg_ctl("start")

    def query(self, sql):
        """The first column of the first row, or None while the server is away."""
        import psycopg

        try:
            with psycopg.connect(
                host="127.0.0.1", port=self.port, user="postgres", dbname="postgres"
            ) as connection:
                return connection.execute(sql).fetchone()[0]
        except psycopg.OperationalError:
            return None

    def wait_for(self, sql, condition, seconds):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            value = self.query(sql)
            if value is not None and condition(value):
                return value
            time.sleep(0.1)
        return self.query(sql)


@pytest.fixture
def cluster():
    directory = Path(tempfile.mkdtemp(prefix="standort-pg-"))
    cluster = Cluster(directory)
    try:
        cluster.create()
        yield cluster
    finally:
        with contextlib.suppress(subprocess.CalledProcessError):
            cluster.pg_ctl("-m", "immediate", "stop")
        shutil.rmtree(directory, ignore_errors=True)


def test_the_worker_survives_database_restarts(cluster, tmp_path):
    mail_dir = tmp_path / "mail"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "standort.settings",
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]),
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{cluster.port}/postgres",
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        "EMAIL_URL": f"filemail:///{mail_dir}",
        "LOG_LEVEL": "WARNING",
    }
    subprocess.run([sys.executable, "-c", MIGRATE], env=env, check=True, capture_output=True)
    worker_log = (tmp_path / "worker.log").open("w")
    # A short interval: the worker is busy with the database whenever it goes.
    worker = subprocess.Popen(
        [sys.executable, ROOT / "manage.py", "task_worker", "--no-reload", "--no-startup-delay"]
        + ["--interval", "0.05"],
        env=env,
        cwd=ROOT,
        stdout=worker_log,
        stderr=subprocess.STDOUT,
    )
    load = subprocess.Popen(
        [sys.executable, "-c", LOAD, str(MAILS)], env=env, stderr=subprocess.PIPE, text=True
    )
    sent = "SELECT count(*) FROM core_outgoingmail WHERE sent_at IS NOT NULL"
    try:
        for after in [5, 15, 25]:
            assert cluster.wait_for(sent, lambda count, after=after: count >= after, 20) >= after
            cluster.pg_ctl("-m", "fast", "restart")
            assert worker.poll() is None, "the worker stopped with the database"
        assert load.wait(timeout=30) == 0, load.stderr.read()
        assert cluster.wait_for(sent, lambda count: count == MAILS, 20) == MAILS
        assert worker.poll() is None, "the worker stopped"
    finally:
        worker.terminate()
        worker.wait(timeout=10)
        load.kill()
        worker_log.close()
    log = (tmp_path / "worker.log").read_text()
    failed = cluster.query(
        "SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE status = 'FAILED'"
    )
    assert failed == 0, log
    # Every mail reached the mail server (the file backend); one sent again after its
    # record was lost on the way would carry its Message-ID twice.
    message_ids = set()
    for path in mail_dir.iterdir():
        message_ids |= set(re.findall(r"^Message-ID: (\S+)$", path.read_text(), re.M))
    queued = cluster.query("SELECT array_agg(message_id) FROM core_outgoingmail")
    assert set(queued) == message_ids
