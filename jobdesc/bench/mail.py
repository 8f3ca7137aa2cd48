"""The `mail` stage of `bench`: an approval that asks 1 000 employees to sign, HR's reminder to all of them,
and the worker's rate of delivery to an SMTP server on loopback (one worker, then two on PostgreSQL).
"""

import os
import subprocess
import sys
import time
from pathlib import Path

from aiosmtpd.controller import Controller
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from jobdesc.accounts.models import User
from jobdesc.demo.management.commands.seed_demo import DEMO_INN, DEMO_PASSWORD
from jobdesc.documents.startup import prepare_process
from jobdesc.instructions.drafting.services import start_draft
from jobdesc.instructions.models import OPEN_ACK_STATUSES, Acknowledgement
from jobdesc.instructions.workflow import services as workflow
from jobdesc.library.sections import MANDATORY_CODES
from jobdesc.orgs.models import Category, Employee, Organisation, Position
from jobdesc.outbox.models import Message, MessageStatus

from .data import BATCH, _library_texts
from .load import free_port

EMPLOYEES = 1000
POSITION = "Оператор контакт-центра"


class Counter:
    """An SMTP server's handler that only counts what it accepts."""

    def __init__(self):
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        return "250 OK"


def _position_with_employees(organisation):
    position = Position.objects.create(organisation=organisation, title=POSITION, category=Category.SPECIALISTS)
    password = make_password(None)
    users = User.objects.bulk_create(
        (
            User(
                username=f"bench-operator-{n}",
                email=f"operator{n}@bench.example",
                organisation=organisation,
                password=password,
            )
            for n in range(EMPLOYEES)
        ),
        batch_size=BATCH,
    )
    Employee.objects.bulk_create(
        (
            Employee(organisation=organisation, user=user, full_name=f"Операторова{n} Анна", position=position)
            for n, user in enumerate(users)
        ),
        batch_size=BATCH,
    )
    return position


def _timed_post(client, url, data) -> float:
    started = time.perf_counter()
    response = client.post(url, data)
    elapsed = (time.perf_counter() - started) * 1000
    if response.status_code != 302:
        raise RuntimeError(f"POST {url} answered {response.status_code}")
    return elapsed


def _drain(workers: int, environment: dict, log_dir: Path, counter: Counter, expected: int) -> dict:
    """Run `workers` worker processes in batch mode until the queue is empty; the rate of what arrived."""
    before = counter.count
    command = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), "db_worker", "--queue-name=*"]
    command += ["--no-reload", "--no-startup-delay", "--interval=0", "--batch"]
    started = time.perf_counter()
    processes = []
    for n in range(workers):
        with (log_dir / f"worker-{workers}-{n}.log").open("w") as log:
            processes.append(subprocess.Popen(command, env=environment, stdout=log, stderr=subprocess.STDOUT))
    for process in processes:
        if process.wait(timeout=900) != 0:
            raise RuntimeError(f"a worker exited with {process.returncode}; see {log_dir}")
    seconds = time.perf_counter() - started
    arrived = counter.count - before
    if arrived < expected:
        raise RuntimeError(f"{arrived} of {expected} e-mails arrived")
    return {"workers": workers, "messages": arrived, "seconds": round(seconds, 2), "per_s": round(arrived / seconds, 1)}


def ready_as_a_server(client) -> None:
    """This process as a server's worker is when a request is timed: made ready, its first request behind it."""
    prepare_process()
    response = client.get(reverse("home"))
    if response.status_code != 200:
        raise RuntimeError(f"the first request answered {response.status_code}")


def mail(workdir: Path) -> dict:
    demo = Organisation.objects.get(inn=DEMO_INN)
    users = {user.username: user for user in User.objects.filter(organisation=demo, username__in=["hr", "director"])}
    officials = list(User.objects.filter(organisation=demo, username="lawyer"))
    position = _position_with_employees(demo)
    draft = start_draft(
        position=position, user=users["hr"], sections=[(c, "", _library_texts(c)[:3]) for c in MANDATORY_CODES]
    )
    workflow.submit(version=draft, user=users["hr"], officials=officials)
    workflow.agree(version=draft, user=officials[0])
    Message.objects.update(status=MessageStatus.SENT, sent_at=timezone.now())  # earlier stages' mail is not timed

    director, hr = Client(), Client()
    director.force_login(users["director"])
    hr.force_login(users["hr"])
    ready_as_a_server(director)
    started = time.perf_counter()
    users["director"].check_password(DEMO_PASSWORD)
    password_ms = (time.perf_counter() - started) * 1000
    approval_ms = _timed_post(
        director,
        reverse("instructions:approve", args=[draft.pk]),
        {"password": DEMO_PASSWORD, "effective_date": timezone.localdate().isoformat()},
    )
    queued_on_approval = Message.objects.filter(status=MessageStatus.PENDING).count()

    counter = Counter()
    controller = Controller(counter, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        environment = {**os.environ, "EMAIL_URL": f"smtp://127.0.0.1:{controller.port}", "LOG_LEVEL": "WARNING"}
        one = _drain(1, environment, workdir, counter, queued_on_approval)
        pending = Acknowledgement.objects.filter(version=draft, status__in=OPEN_ACK_STATUSES).values_list(
            "pk", flat=True
        )
        reminder_ms = _timed_post(hr, reverse("instructions:remind"), {"ack": [str(pk) for pk in pending]})
        reminders = Message.objects.filter(status=MessageStatus.PENDING).count()
        # Two workers share the queue on PostgreSQL; SQLite has one writer at a time, so one worker again.
        two = _drain(2 if connection.vendor == "postgresql" else 1, environment, workdir, counter, reminders)
    finally:
        controller.stop()
    return {
        "employees": EMPLOYEES,
        "approval_ms": round(approval_ms, 1),
        "password_check_ms": round(password_ms, 1),
        "queued_on_approval": queued_on_approval,
        "reminder_ms": round(reminder_ms, 1),
        "reminders_queued": reminders,
        "one_worker": one,
        "second_run": two,
        "unsent": Message.objects.exclude(status=MessageStatus.SENT).count(),
    }
