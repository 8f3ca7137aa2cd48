"""Faults: a database that goes away mid-request, and a PDF that cannot be rendered, leave no half-written version."""

import datetime

import psycopg2
import pytest
from django.db import OperationalError, connection
from django.template.loader import render_to_string
from django.test import Client, TestCase
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from jobdesc.documents import pdf
from jobdesc.documents.tasks import store_version_pdf
from jobdesc.instructions.models import Status, Version, Visa
from jobdesc.instructions.workflow import services as workflow
from tests.conftest import PASSWORD, login
from tests.outbox.worker import run_tasks


def fresh(version):
    return Version.objects.get(pk=version.pk)


def submit_through_the_page(client, version, official):
    return client.post(reverse("instructions:submit", args=[version.pk]), {"officials": [official.pk]})


@pytest.fixture
def database_lost_after_the_status_is_saved(monkeypatch):
    """Sending for agreement first saves the new status, then writes the visas: the database goes away between."""

    def lost(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(Visa.objects, "bulk_create", lost)


def test_a_lost_database_gives_the_503_page_and_keeps_nothing_of_the_request(
    transactional_db, reference_data, complete_draft, hr, lawyer, database_lost_after_the_status_is_saved
):
    response = submit_through_the_page(login(hr), complete_draft, lawyer)
    assert response.status_code == 503
    assert response["Retry-After"]
    assert [template.name for template in response.templates] == ["503.html"]
    version = fresh(complete_draft)
    assert version.status == Status.DRAFT
    assert version.agreement_round == 0
    assert version.submitted_at is None
    assert not Visa.objects.filter(version=version).exists()


@pytest.mark.postgres
def test_a_database_connection_killed_mid_request_leaves_the_draft_as_it_was(
    transactional_db, reference_data, complete_draft, hr, lawyer, monkeypatch
):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: the server itself ends the connection")
    original = Visa.objects.bulk_create

    def kill_then_write(*args, **kwargs):
        # The status change is already sent to the server; now the server ends this very connection.
        pid = connection.connection.info.backend_pid
        parameters = connection.get_connection_params()
        other = psycopg2.connect(**{key: value for key, value in parameters.items() if key != "cursor_factory"})
        other.autocommit = True
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
        other.close()
        return original(*args, **kwargs)

    monkeypatch.setattr(Visa.objects, "bulk_create", kill_then_write)
    response = submit_through_the_page(login(hr), complete_draft, lawyer)
    assert response.status_code == 503
    connection.close()
    version = fresh(complete_draft)
    assert version.status == Status.DRAFT
    assert not Visa.objects.filter(version=version).exists()


def test_the_error_pages_need_neither_the_database_nor_the_request():
    # Without the db fixture any query would fail this test: the pages render with the database gone.
    for name in ("500.html", "503.html"):
        page = render_to_string(name)
        assert "<h1" in page and "{%" not in page


def test_an_unexpected_error_shows_the_500_page(hr, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr("jobdesc.instructions.overview.positions_overview", broken)
    client = Client(raise_request_exception=False)
    client.force_login(hr)
    response = client.get(reverse("home"))
    assert response.status_code == 500
    assert "500.html" in [template.name for template in response.templates]


@pytest.fixture
def on_approval(complete_draft, hr, lawyer):
    workflow.submit(version=complete_draft, user=hr, officials=[lawyer])
    workflow.agree(version=complete_draft, user=lawyer)
    return fresh(complete_draft)


def test_a_pdf_that_cannot_be_rendered_fails_its_task_visibly_and_hr_runs_it_again(
    on_approval, approver, hr, monkeypatch
):
    # The approval commits without rendering; the worker's render fails, HR sees the failed task and runs it again.
    real_layout = pdf._layout

    def broken(*args, **kwargs):
        raise ValueError("no fonts today")

    monkeypatch.setattr(pdf, "_layout", broken)
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = login(approver).post(
            reverse("instructions:approve", args=[on_approval.pk]),
            {"password": PASSWORD, "effective_date": datetime.date.today().isoformat()},
        )
    assert response.status_code == 302
    run_tasks(task_path=store_version_pdf.module_path)
    version = fresh(on_approval)
    assert version.status == Status.APPROVED and not version.pdf and not version.pdf_sha256
    failed = DBTaskResult.objects.failed().get(task_path=store_version_pdf.module_path)
    assert "no fonts today" in failed.traceback
    problems = login(hr).get(reverse("outbox:problems")).content.decode()
    assert "Сохранение PDF утверждённой редакции" in problems

    monkeypatch.setattr(pdf, "_layout", real_layout)
    with TestCase.captureOnCommitCallbacks(execute=True):
        login(hr).post(reverse("outbox:retry_task", args=[failed.pk]))
    run_tasks(task_path=store_version_pdf.module_path)
    assert len(fresh(on_approval).pdf_sha256) == 64


def test_a_download_whose_pdf_cannot_be_rendered_says_why_and_stores_nothing(approved_version, hr, monkeypatch):
    # The stored file is removed behind the model's back, as for a version approved before PDFs were stored.
    with connection.cursor() as cursor:
        cursor.execute("UPDATE instructions_version SET pdf = '', pdf_sha256 = '' WHERE id = %s", [approved_version.pk])

    def broken(*args, **kwargs):
        raise ValueError("no fonts today")

    monkeypatch.setattr(pdf, "_layout", broken)
    response = login(hr).get(reverse("documents:version_pdf", args=[approved_version.pk]))
    assert response.status_code == 500
    assert "no fonts today" in response.content.decode()
    assert not fresh(approved_version).pdf_sha256
