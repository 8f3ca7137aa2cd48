"""The registry journal: numbers without gaps or repeats (also under concurrent approvals), filters, exports."""

import csv
import datetime
import io
import threading

import pytest
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from jobdesc.instructions.drafting.services import start_draft
from jobdesc.instructions.models import JournalEntry
from jobdesc.instructions.workflow import services as workflow
from jobdesc.orgs.models import Position
from tests.conftest import COMPLETE_SECTIONS, PASSWORD, approve_through_workflow, login


def on_approval(position, hr, lawyer):
    version = start_draft(position=position, user=hr, sections=COMPLETE_SECTIONS)
    workflow.submit(version=version, user=hr, officials=[lawyer])
    return workflow.agree(version=version, user=lawyer)


def test_the_journal_lists_approved_versions_with_their_numbers(approved_version, hr_client):
    page = hr_client.get(reverse("instructions:journal")).content.decode()
    assert "Менеджер по работе с клиентами" in page
    assert "<td>1</td>" in page


def test_the_journal_is_for_hr_and_the_head_only(approved_version, lawyer, employee_user, approver):
    assert login(lawyer).get(reverse("instructions:journal")).status_code == 403
    assert login(employee_user).get(reverse("instructions:journal")).status_code == 403
    assert login(approver).get(reverse("instructions:journal")).status_code == 200


def test_an_outsider_sees_an_empty_journal(approved_version, outsider_client):
    page = outsider_client.get(reverse("instructions:journal")).content.decode()
    assert "Менеджер по работе с клиентами" not in page


def test_filters_narrow_the_journal(approved_version, hr_client, hr, lawyer, approver, organisation):
    other = Position.objects.create(
        organisation=organisation, title="Кладовщик", reports_to=approved_version.instruction.position
    )
    approve_through_workflow(start_draft(position=other, user=hr, sections=COMPLETE_SECTIONS), hr, [lawyer], approver)
    page = hr_client.get(reverse("instructions:journal"), {"q": "Кладов"}).content.decode()
    assert "Кладовщик" in page and "Менеджер по работе с клиентами" not in page
    page = hr_client.get(
        reverse("instructions:journal"), {"department": approved_version.instruction.position.department_id}
    ).content.decode()
    assert "Кладовщик" not in page and "Менеджер по работе с клиентами" in page


def test_a_journal_row_shows_every_column_with_a_link_to_its_version(approved_version, hr_client, hr, lawyer, approver):
    successor = approve_through_workflow(
        workflow.new_version(version=approved_version, user=hr), hr, [lawyer], approver
    )
    approved_version.refresh_from_db()
    approver.first_name, approver.last_name = "Сергей", "Петров <Главный>"
    approver.save()
    page = hr_client.get(reverse("instructions:journal")).content.decode()
    day = timezone.localtime(approved_version.superseded_at).strftime("%d.%m.%Y")
    old = f'<a href="{reverse("instructions:version", args=[approved_version.pk])}">Менеджер по работе с клиентами</a>'
    assert old in page and f'<a href="{reverse("instructions:version", args=[successor.pk])}">' in page
    row = page.split(old, 1)[1].split("</tr>", 1)[0]
    assert "<td>Сергей Петров &lt;Главный&gt;</td>" in row and "<td>заменена</td>" in row and f"<td>{day}</td>" in row


def test_the_journal_needs_no_more_queries_for_more_entries(
    approved_version, hr_client, hr, lawyer, approver, django_assert_max_num_queries
):
    hr_client.get(reverse("instructions:journal"))
    with CaptureQueriesContext(connection) as few:
        hr_client.get(reverse("instructions:journal"))
    latest = approved_version
    for _ in range(3):
        latest = approve_through_workflow(workflow.new_version(version=latest, user=hr), hr, [lawyer], approver)
    with django_assert_max_num_queries(len(few)):
        page = hr_client.get(reverse("instructions:journal")).content.decode()
    assert page.count("<tr><td>") == 4


def test_the_journal_counts_its_entries_without_joining_what_the_rows_show(
    approved_version, hr_client, hr, lawyer, approver, organisation
):
    other = Position.objects.create(
        organisation=organisation, title="Кладовщик", reports_to=approved_version.instruction.position
    )
    approve_through_workflow(start_draft(position=other, user=hr, sections=COMPLETE_SECTIONS), hr, [lawyer], approver)
    with CaptureQueriesContext(connection) as queries:
        page = hr_client.get(reverse("instructions:journal")).content.decode()
    counts = [query["sql"] for query in queries if "COUNT(" in query["sql"]]
    assert len(counts) == 1 and "JOIN" not in counts[0]
    assert '<p class="text-muted small">всего 2</p>' in page
    # A filter on what the rows show still narrows the count.
    page = hr_client.get(reverse("instructions:journal"), {"q": "Кладов"}).content.decode()
    assert page.count("<tr><td>") == 1


def test_an_approval_after_midnight_is_registered_on_the_organisation_s_day(
    complete_draft, hr, lawyer, approver, monkeypatch
):
    # 00:30 on 5 March in Moscow is still 4 March in UTC.
    moment = datetime.datetime(2026, 3, 4, 21, 30, tzinfo=datetime.UTC)
    monkeypatch.setattr(timezone, "now", lambda: moment)
    version = approve_through_workflow(complete_draft, hr, [lawyer], approver)
    assert version.journal_entry.registered_on == datetime.date(2026, 3, 5) == timezone.localdate(version.approved_at)


def test_the_csv_export_has_a_row_per_entry(approved_version, hr_client):
    response = hr_client.get(reverse("instructions:journal_export", args=["csv"]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][0] in ("No.", "№")
    assert rows[1][0] == "1"
    assert rows[1][2] == "Менеджер по работе с клиентами"


def test_the_xlsx_export_opens_as_a_workbook(approved_version, hr_client):
    response = hr_client.get(reverse("instructions:journal_export", args=["xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.cell(row=2, column=1).value == 1
    assert sheet.cell(row=2, column=3).value == "Менеджер по работе с клиентами"


def test_an_unknown_export_format_is_not_found(hr_client, db):
    assert hr_client.get(reverse("instructions:journal_export", args=["pdf"])).status_code == 404


@pytest.mark.postgres
@pytest.mark.usefixtures("reference_data")
def test_concurrent_approvals_get_distinct_consecutive_numbers(organisation, hr, lawyer, approver, head_of_sales):
    if connection.vendor != "postgresql":
        pytest.skip("row locks and real concurrency need PostgreSQL")
    versions = []
    for n in range(6):
        position = Position.objects.create(organisation=organisation, title=f"Менеджер {n}", reports_to=head_of_sales)
        versions.append(on_approval(position, hr, lawyer))
    barrier = threading.Barrier(len(versions))
    errors = []

    def approve(version):
        try:
            barrier.wait()
            workflow.approve(version=version, user=approver, password=PASSWORD)
        except Exception as error:  # collected and asserted below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=approve, args=(v,)) for v in versions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    numbers = sorted(JournalEntry.objects.filter(organisation=organisation).values_list("number", flat=True))
    assert numbers == [1, 2, 3, 4, 5, 6]
