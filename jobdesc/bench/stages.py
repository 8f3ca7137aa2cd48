"""The stages of `bench` that run inside Django against the throwaway database, one child process each.

`prepare` migrates and fills the database and returns the plan (primary keys, logins) that the other
stages and the load test read; `pdf` renders the demo instruction in a new process made ready as a
server's and the background worker's are, so that its first render is a worker's first one, then against
the clause text alone and Chromium; `pages` times the heavy
pages against the reference page; `hashers` times a login's password check; `instructions` runs
under callgrind and counts the instructions of each of those.
"""

import io
from dataclasses import asdict
from pathlib import Path

from django.contrib.auth.hashers import PBKDF2PasswordHasher, get_hasher
from django.core.management import call_command
from django.db import connection
from django.test import Client, override_settings
from django.urls import reverse

from jobdesc.accounts.models import User
from jobdesc.demo.management.commands.seed_demo import DEMO_INN, DEMO_PASSWORD
from jobdesc.documents.pdf import _engine, document_html, layout, render_pdf
from jobdesc.documents.startup import prepare_process
from jobdesc.instructions.models import OPEN_ACK_STATUSES, Acknowledgement, Version
from jobdesc.orgs.models import Employee, Organisation

from . import callgrind, chromium, floor, measure
from .data import LARGE, SMALL, build, make_people

DEMO_POSITION = "Менеджер по послепродажному обслуживанию"
SEARCH_QUERY = "клиентов"
PASSWORD = "bench-password-not-secret"
EMPLOYEES = ["manager", "manager2", "service"]
BENCH_URLCONF = "jobdesc.bench.urls"


def prepare() -> dict:
    """The demo organisation filled to the issue's sizes, and a small one to compare query counts with."""
    quiet = io.StringIO()
    call_command("migrate", verbosity=0, stdout=quiet)
    call_command("loaddata", "clauses", verbosity=0, stdout=quiet)
    call_command("seed_demo", stdout=quiet)
    demo = Organisation.objects.get(inn=DEMO_INN)
    users = {user.username: user for user in User.objects.filter(organisation=demo)}
    people = {"hr": users["hr"], "lawyer": users["lawyer"], "head": users["sales-head"], "director": users["director"]}
    large = build(demo, people, LARGE)
    small_org = Organisation.objects.create(
        full_name="Общество с ограниченной ответственностью «Малое»", short_name="ООО «Малое»", inn="7702000002"
    )
    small = build(small_org, make_people(small_org, PASSWORD, "small-"), SMALL)
    # Every clause's similarity vector, as `make run` and a live library have them: computed once, stored.
    call_command("index_clauses", verbosity=0, stdout=quiet)
    in_force = Version.objects.in_force().filter(instruction__organisation=demo).exclude(pdf="")
    return {
        "database": _analysed_database(),
        "large": asdict(large),
        "small": asdict(small),
        "password": DEMO_PASSWORD,
        "logins": {"hr": ["hr"], "agreeing": ["lawyer", "sales-head"], "approver": ["director"], "employee": EMPLOYEES},
        "approved_versions": list(in_force.values_list("pk", flat=True)),
        "employee_versions": {
            employee.user.username: in_force.get(instruction__position_id=employee.position_id).pk
            for employee in Employee.objects.filter(user__username__in=EMPLOYEES).select_related("user")
        },
        "pending_acks": list(
            Acknowledgement.objects.filter(employee__organisation=demo, status__in=OPEN_ACK_STATUSES)
            .order_by("pk")
            .values_list("pk", flat=True)[:20]
        ),
    }


def _analysed_database() -> str:
    """The database's name and version, after refreshing its statistics on PostgreSQL."""
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            return f"SQLite {connection.Database.sqlite_version}"
        # Fresh statistics, as autovacuum keeps them on a database that has lived a while.
        cursor.execute("ANALYZE")
        cursor.execute("SHOW server_version")
        return f"PostgreSQL {cursor.fetchone()[0]}"


def demo_version():
    return Version.objects.in_force().get(instruction__position__title=DEMO_POSITION)


def _hr_client(organisation_id=None):
    hr = User.objects.filter(groups__name="HR officer")
    hr = hr.filter(organisation_id=organisation_id) if organisation_id else hr.filter(username="hr")
    client = Client()
    client.force_login(hr.first())
    return client


def _served(client, url):
    """A page as a measurement: its wall and CPU time in this process, after two requests to warm it."""
    for _ in range(2):
        measure.fetch(client, url)
    return measure.in_process(lambda: measure.fetch(client, url))


def pdf(runs: int, workdir: Path) -> dict:
    """The demo instruction's PDF: a first render, then warm renders in turns with the clause text and Chromium.

    The stored PDF's download takes turns with the reference page.
    """
    version = demo_version()
    prepare_process()
    first_wall, first_cpu = measure.timed(lambda: render_pdf(version))
    data = render_pdf(version)
    clause_text = floor.renderer(version)
    clause_text()
    measurements = {
        "render": measure.in_process(lambda: render_pdf(version)),
        "clause_text": measure.in_process(clause_text),
    }
    printer = None
    if chromium.available():
        engine = _engine()
        printer = chromium.Printer(chromium.print_html(document_html(version), engine.base_url), workdir)
        printer()
        measurements["chromium"] = printer
    samples = measure.interleaved(measurements, runs)
    with override_settings(ROOT_URLCONF=BENCH_URLCONF):
        client = _hr_client()
        served = measure.interleaved(
            {
                "reference": _served(client, reverse("bench_reference")),
                "stored": _served(client, reverse("documents:version_pdf", args=[version.pk])),
            },
            runs * 2,
        )
    return {
        "position": DEMO_POSITION,
        "pages": len(layout(version).pages),
        "chromium_pages": printer.pages() if printer else None,
        "chromium": chromium.CHROMIUM if printer else None,
        "bytes": len(data),
        "first": {"wall_ms": round(first_wall, 1), "cpu_ms": round(first_cpu, 1)},
        "samples": samples,
        "served": served,
    }


def page_urls(built: dict) -> dict:
    """The heavy pages of an organisation built by `data.build`, opened by its HR officer."""
    return {
        "editor": reverse("instructions:editor", args=[built["editor_version"]]),
        "library_search": reverse("library:list") + f"?q={SEARCH_QUERY}",
        "journal": reverse("instructions:journal"),
        "ack_dashboard": reverse("instructions:ack_dashboard"),
    }


def pages(plan: dict, runs: int) -> dict:
    """Each heavy page interleaved with the reference page, for the large organisation and the small one.

    {size: {"samples": {page: {"wall": [...], "cpu": [...]}}, "queries": {page: n}, "urls": {page: url}}}
    """
    results = {}
    with override_settings(ROOT_URLCONF=BENCH_URLCONF):
        for size in ("small", "large"):
            built = plan[size]
            client = _hr_client(built["organisation"])
            urls = {"reference": reverse("bench_reference"), **page_urls(built)}
            measurements = {name: _served(client, url) for name, url in urls.items()}
            results[size] = {
                "urls": urls,
                "samples": measure.interleaved(measurements, runs),
                "queries": {
                    name: measure.count_queries(lambda client=client, url=url: measure.fetch(client, url))
                    for name, url in urls.items()
                },
            }
    return results


def _describe(hasher) -> str:
    """«Argon2id (64 MiB, 2 passes, 1 lane)» or «PBKDF2 (1 000 000 iterations)»: what a login pays for."""
    if hasher.algorithm == "argon2":
        return (
            f"Argon2id ({hasher.memory_cost // 1024} MiB, {hasher.time_cost} passes, "
            f"{hasher.parallelism} lane{'s' if hasher.parallelism > 1 else ''})"
        )
    iterations = getattr(hasher, "iterations", None)
    return f"{hasher.algorithm} ({iterations:,} iterations)".replace(",", " ") if iterations else hasher.algorithm


def hashers(runs: int) -> dict:
    """The password check of a login with the configured hasher, interleaved with Django's PBKDF2 (its default)."""
    configured = get_hasher("default")
    pbkdf2 = PBKDF2PasswordHasher()
    encoded = {
        "configured": configured.encode(PASSWORD, configured.salt()),
        "pbkdf2": pbkdf2.encode(PASSWORD, pbkdf2.salt()),
    }
    checks = {
        "configured": measure.in_process(lambda: configured.verify(PASSWORD, encoded["configured"])),
        "pbkdf2": measure.in_process(lambda: pbkdf2.verify(PASSWORD, encoded["pbkdf2"])),
    }
    return {
        "description": _describe(configured),
        "pbkdf2_iterations": pbkdf2.iterations,
        "samples": measure.interleaved(checks, runs),
    }


def instructions(plan: dict) -> dict:
    """One counted run of each measurement (see `callgrind`), each warmed first as `_served` warms a page, by two
    runs: a page's second request in a process still costs more than its later ones (the library search 45.7 M
    instructions against 43.2 M); the names in their order."""
    version = demo_version()
    with override_settings(ROOT_URLCONF=BENCH_URLCONF):
        calls = {}
        for size in ("small", "large"):
            client = _hr_client(plan[size]["organisation"])
            urls = {"reference": reverse("bench_reference"), **page_urls(plan[size])}
            calls.update(
                {
                    f"{size}:{name}": (lambda client=client, url=url: measure.fetch(client, url))
                    for name, url in urls.items()
                }
            )
        calls["pdf:render"] = lambda: render_pdf(version)
        calls["pdf:clause_text"] = floor.renderer(version)
        for _ in range(2):
            for call in calls.values():
                call()
        callgrind.start_instrumentation()
        for call in calls.values():
            callgrind.measure(call)
    return {"order": list(calls)}
