"""The stages of `bench` that run inside Django against the throwaway database, one child process each.

`prepare` migrates and fills the database and returns the plan (primary keys, logins) that the other
stages and the load test read; `pdf` renders the demo instruction in a fresh process, so that its first
render is a real first one; `pages` times the heavy pages.
"""

import io
import re
from dataclasses import asdict

from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

from jobdesc.accounts.models import User
from jobdesc.documents.pdf import _engine, document_html, layout, render_pdf
from jobdesc.instructions.models import Acknowledgement, AckStatus, Version
from jobdesc.orgs.management.commands.seed_demo import DEMO_INN, DEMO_PASSWORD
from jobdesc.orgs.models import Employee, Organisation

from . import measure
from .data import LARGE, SMALL, build, make_people

DEMO_POSITION = "Менеджер по послепродажному обслуживанию"
SEARCH_QUERY = "клиентов"
PASSWORD = "bench-password-not-secret"
EMPLOYEES = ["manager", "manager2", "service"]


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
            Acknowledgement.objects.filter(employee__organisation=demo, status=AckStatus.PENDING)
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


# The floor: the document's words in one font on A4, with no stylesheet, page furniture or PDF/A. No
# styling of the real document can make WeasyPrint lay it out faster than this on the same machine.
BARE_CSS = """
@font-face { font-family: "Liberation Serif"; src: url("../fonts/LiberationSerif-Regular.ttf"); }
@page { size: A4; margin: 20mm 10mm 20mm 20mm; }
body { font: 14pt/1.15 "Liberation Serif"; margin: 0; }
p, h1, h2 { margin: 0; font-size: 1em; }
"""


def bare_renderer(version):
    """A render of the version's text alone, with the same fonts folder and fetcher as the real one."""
    engine = _engine()
    fonts = FontConfiguration()
    css = CSS(string=BARE_CSS, base_url=engine.base_url, font_config=fonts, url_fetcher=engine.fetcher)
    html = re.sub(r"<style.*?</style>|<link[^>]*>", "", document_html(version), flags=re.S)

    def render():
        document = HTML(string=html, base_url=engine.base_url, url_fetcher=engine.fetcher)
        return document.render(stylesheets=[css], font_config=fonts, cache={}).write_pdf()

    return render


def pdf(runs: int) -> dict:
    """First and warm renders of the demo instruction, the bare floor, and serving its stored PDF."""
    version = Version.objects.in_force().get(instruction__position__title=DEMO_POSITION)
    first = measure.time_calls(lambda: render_pdf(version), 1)[0]
    data = render_pdf(version)
    bare = bare_renderer(version)
    bare()
    # Interleaved, so that a noisy neighbour slows both alike.
    warm_samples, bare_samples = [], []
    for _ in range(runs):
        warm_samples += measure.time_calls(lambda: render_pdf(version), 1)
        bare_samples += measure.time_calls(bare, 1)
    warm = measure.summary(warm_samples)
    pages = len(layout(version).pages)
    client = Client()
    client.force_login(User.objects.get(username="hr"))
    stored = measure.page(client, reverse("documents:version_pdf", args=[version.pk]), runs=runs * 2)
    return {
        "position": DEMO_POSITION,
        "pages": pages,
        "bytes": len(data),
        "first_ms": round(first, 1),
        "warm": warm,
        "warm_p50_per_page_ms": round(warm["p50_ms"] / max(pages, 1), 1),
        "bare": measure.summary(bare_samples),
        "stored": stored,
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
    """Each heavy page for the large organisation and the small one: server time and SQL queries."""
    results = {}
    for size in ("small", "large"):
        built = plan[size]
        hr = User.objects.filter(organisation_id=built["organisation"], groups__name="HR officer").first()
        client = Client()
        client.force_login(hr)
        for name, url in page_urls(built).items():
            results.setdefault(name, {})[size] = {"url": url, **measure.page(client, url, runs)}
    return results
