"""The `campaign` stage of `bench`: approving an instruction for a position of 1 000 employees, as a request.

Approval opens the campaign: the 1 000 requests, their history rows and e-mails are written in bulk
and the e-mails queued for the worker. Each run approves a new version (so it also cancels the 1 000
requests of the one before), taking turns with the reference page; the figure is the ratio of medians,
and the request's own time in absolute terms, beside the password check it includes.
"""

import time

from django.contrib.auth.hashers import make_password
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from jobdesc.accounts.models import User
from jobdesc.demo.management.commands.seed_demo import DEMO_INN, DEMO_PASSWORD
from jobdesc.instructions.drafting.services import start_draft
from jobdesc.instructions.models import Acknowledgement
from jobdesc.instructions.workflow import services as workflow
from jobdesc.library.sections import MANDATORY_CODES
from jobdesc.orgs.models import Category, Employee, Organisation, Position

from . import measure
from .data import BATCH, _library_texts

EMPLOYEES = 1000
POSITION = "Специалист службы поддержки"
BENCH_URLCONF = "jobdesc.bench.urls"


def _position(organisation):
    position = Position.objects.create(organisation=organisation, title=POSITION, category=Category.SPECIALISTS)
    password = make_password(None)
    users = User.objects.bulk_create(
        (
            User(
                username=f"bench-support-{n}",
                email=f"support{n}@bench.example",
                organisation=organisation,
                password=password,
            )
            for n in range(EMPLOYEES)
        ),
        batch_size=BATCH,
    )
    Employee.objects.bulk_create(
        (
            Employee(organisation=organisation, user=user, full_name=f"Поддержкина{n} Мария", position=position)
            for n, user in enumerate(users)
        ),
        batch_size=BATCH,
    )
    return position


def run(runs: int) -> dict:
    demo = Organisation.objects.get(inn=DEMO_INN)
    users = {u.username: u for u in User.objects.filter(organisation=demo, username__in=["hr", "director", "lawyer"])}
    position = _position(demo)
    sections = [(code, "", _library_texts(code)[:3]) for code in MANDATORY_CODES]
    state = {"version": None}

    def next_draft():
        previous = state["version"]
        if previous is None:
            draft = start_draft(position=position, user=users["hr"], sections=sections)
        else:
            draft = workflow.new_version(version=previous, user=users["hr"])
        workflow.submit(version=draft, user=users["hr"], officials=[users["lawyer"]])
        workflow.agree(version=draft, user=users["lawyer"])
        return draft

    director = Client()
    director.force_login(users["director"])
    hr = Client()
    hr.force_login(users["hr"])

    def approval():
        draft = next_draft()  # made before the clock starts: only the approval request is timed
        url = reverse("instructions:approve", args=[draft.pk])
        data = {"password": DEMO_PASSWORD, "effective_date": timezone.localdate().isoformat()}
        wall, cpu = time.perf_counter(), time.process_time()
        response = director.post(url, data)
        wall, cpu = (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000
        if response.status_code != 302:
            raise RuntimeError(f"POST {url} answered {response.status_code}")
        state["version"] = draft
        asked = Acknowledgement.objects.filter(version=draft).count()
        if asked != EMPLOYEES:
            raise RuntimeError(f"{asked} of {EMPLOYEES} employees were asked")
        return wall, cpu

    with override_settings(ROOT_URLCONF=BENCH_URLCONF):
        reference_url = reverse("bench_reference")
        for _ in range(2):
            measure.fetch(hr, reference_url)
        samples = measure.interleaved(
            {"reference": measure.in_process(lambda: measure.fetch(hr, reference_url)), "approval": approval}, runs
        )
    started = time.perf_counter()
    users["director"].check_password(DEMO_PASSWORD)
    return {
        "employees": EMPLOYEES,
        "samples": samples,
        "password_check_ms": round((time.perf_counter() - started) * 1000, 1),
    }
