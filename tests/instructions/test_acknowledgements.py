"""Employees are asked to sign on approval, on hiring and on a new version; signatures are proof and never change."""

import datetime
import re

import pytest
from django.core import mail
from django.db import connection
from django.db.models import Count, Q
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from jobdesc.instructions.acknowledgements import services as acknowledgements
from jobdesc.instructions.errors import FrozenVersionError, WorkflowError
from jobdesc.instructions.models import OPEN_ACK_STATUSES, SIGNED_ACK_STATUSES, Acknowledgement, AckStatus
from jobdesc.instructions.workflow import services as workflow
from jobdesc.lists import TICK_PAGE_SIZE
from jobdesc.orgs.models import Department, Employee, Position
from jobdesc.orgs.services import create_employee, update_employee
from tests.conftest import PASSWORD, approve_through_workflow, link_login, login, make_user
from tests.outbox.worker import run_tasks


def ack_of(user, version):
    return Acknowledgement.objects.get(employee__user=user, version=version)


def sign(user, version, password=PASSWORD):
    return acknowledgements.sign(
        acknowledgement_id=ack_of(user, version).pk,
        user=user,
        password=password,
        ip_address="10.0.0.7",
        user_agent="UA",
    )


def test_approval_asks_every_current_employee_of_the_position(employee_user, approved_version, organisation, position):
    dismissed = Employee.objects.create(
        organisation=organisation,
        full_name="Бывший Сотрудник Иванович",
        position=position,
        hire_date=datetime.date(2020, 1, 1),
        dismissal_date=datetime.date(2024, 1, 1),
    )
    assert list(Acknowledgement.objects.values_list("employee__user__username", "status")) == [("manager", "pending")]
    assert not Acknowledgement.objects.filter(employee=dismissed).exists()


def test_a_new_hire_is_asked_to_sign_the_version_in_force(approved_version, organisation, position):
    employee = create_employee(organisation=organisation, full_name="Новикова Ирина Сергеевна", position=position)
    assert Acknowledgement.objects.get(employee=employee).version == approved_version


def test_a_move_to_another_position_closes_the_old_request(employee_user, approved_version, head_of_sales):
    employee = employee_user.employments.get()
    update_employee(employee=employee, full_name=employee.full_name, position=head_of_sales)
    assert Acknowledgement.objects.get(employee=employee).status == AckStatus.CLOSED


def test_a_new_version_closes_the_old_requests_and_asks_again(employee_user, approved_version, hr, lawyer, approver):
    second = approve_through_workflow(workflow.new_version(version=approved_version, user=hr), hr, [lawyer], approver)
    assert ack_of(employee_user, approved_version).status == AckStatus.CLOSED
    assert ack_of(employee_user, second).status == AckStatus.PENDING


def test_a_signature_records_who_when_where_and_the_hash_of_the_pdf(employee_user, approved_version):
    ack = sign(employee_user, approved_version)
    assert ack.status == AckStatus.SIGNED
    assert (ack.signed_by, ack.ip_address, ack.user_agent) == (employee_user, "10.0.0.7", "UA")
    assert len(ack.pdf_sha256) == 64 and ack.pdf_sha256 == approved_version.pdf_sha256 != ""


def test_a_wrong_password_signs_nothing(employee_user, approved_version):
    with pytest.raises(WorkflowError, match="The password is not correct"):
        sign(employee_user, approved_version, password="wrong")
    assert ack_of(employee_user, approved_version).status == AckStatus.PENDING


def test_it_refuses_a_second_signature(employee_user, approved_version):
    sign(employee_user, approved_version)
    with pytest.raises(WorkflowError, match="already signed"):
        sign(employee_user, approved_version)


def test_nobody_signs_for_someone_else(employee_user, approved_version, hr, organisation, position):
    colleague = make_user(organisation, "colleague")
    link_login(
        create_employee(organisation=organisation, full_name="Коллега Пётр Петрович", position=position), colleague
    )
    with pytest.raises(WorkflowError, match="only your own instruction"):
        acknowledgements.sign(
            acknowledgement_id=ack_of(employee_user, approved_version).pk, user=colleague, password=PASSWORD
        )
    with pytest.raises(WorkflowError):
        acknowledgements.sign(acknowledgement_id=ack_of(employee_user, approved_version).pk, user=hr, password=PASSWORD)
    assert ack_of(employee_user, approved_version).status == AckStatus.PENDING


def test_a_superseded_version_cannot_be_signed(employee_user, approved_version, hr, lawyer, approver):
    approve_through_workflow(workflow.new_version(version=approved_version, user=hr), hr, [lawyer], approver)
    with pytest.raises(WorkflowError, match="no longer in force"):
        sign(employee_user, approved_version)


def test_no_role_can_change_or_delete_a_recorded_signature(employee_user, approved_version):
    ack = sign(employee_user, approved_version)
    ack.signed_at = ack.signed_at - datetime.timedelta(days=30)
    with pytest.raises(FrozenVersionError):
        ack.save()
    with pytest.raises(FrozenVersionError):
        ack.delete()
    with pytest.raises(FrozenVersionError):
        Acknowledgement.objects.filter(pk=ack.pk).update(pdf_sha256="0" * 64)
    with pytest.raises(FrozenVersionError):
        Acknowledgement.objects.filter(pk=ack.pk).delete()
    stored = Acknowledgement.objects.get(pk=ack.pk)
    assert (stored.status, stored.pdf_sha256) == (AckStatus.SIGNED, approved_version.pdf_sha256)


def test_the_employee_page_lists_pending_and_signed(employee_user, approved_version):
    client = login(employee_user)
    page = client.get(reverse("instructions:my_instructions")).content.decode()
    assert reverse("instructions:read", args=[ack_of(employee_user, approved_version).pk]) in page
    response = client.post(
        reverse("instructions:sign", args=[ack_of(employee_user, approved_version).pk]), {"password": PASSWORD}
    )
    assert response.status_code == 302
    assert ack_of(employee_user, approved_version).status == AckStatus.SIGNED


def test_the_signing_page_refuses_a_wrong_password_with_a_message(employee_user, approved_version):
    client = login(employee_user)
    response = client.post(
        reverse("instructions:sign", args=[ack_of(employee_user, approved_version).pk]), {"password": "x"}
    )
    assert response.status_code == 400
    assert ack_of(employee_user, approved_version).status == AckStatus.PENDING


def test_another_employee_cannot_open_or_sign_my_request(employee_user, approved_version, organisation, position):
    other = make_user(organisation, "other")
    link_login(create_employee(organisation=organisation, full_name="Другой Олег Олегович", position=position), other)
    pk = ack_of(employee_user, approved_version).pk
    assert login(other).get(reverse("instructions:read", args=[pk])).status_code == 404
    assert login(other).post(reverse("instructions:sign", args=[pk]), {"password": PASSWORD}).status_code == 404


def test_a_new_version_shows_what_changed_since_the_signed_one(employee_user, approved_version, hr, lawyer, approver):
    from jobdesc.instructions.editing import services as editing
    from jobdesc.instructions.models import Item

    sign(employee_user, approved_version)
    draft = workflow.new_version(version=approved_version, user=hr)
    item = Item.objects.get(section__version=draft, text="Консультирует клиентов.")
    editing.edit_item(version=draft, user=hr, item_id=item.pk, text="Консультирует клиентов по телефону.", revision=1)
    second = approve_through_workflow(draft, hr, [lawyer], approver)
    page = (
        login(employee_user).get(reverse("instructions:read", args=[ack_of(employee_user, second).pk])).content.decode()
    )
    assert 'id="changes"' in page
    assert "по телефону" in page


def test_hr_sees_who_signed_and_who_has_not(employee_user, approved_version, hr_client, organisation, position):
    create_employee(organisation=organisation, full_name="Новикова Ирина Сергеевна", position=position)
    sign(employee_user, approved_version)
    page = hr_client.get(reverse("instructions:ack_dashboard")).content.decode()
    assert "Иванов Иван Иванович" in page and "Новикова Ирина Сергеевна" in page
    assert page.count('class="ack-signed"') == 1 and page.count('class="ack-pending"') == 1
    pending = hr_client.get(reverse("instructions:ack_dashboard"), {"state": "pending"}).content.decode()
    assert "Иванов Иван Иванович" not in pending


def test_reminders_go_one_by_one_or_in_bulk(
    employee_user, approved_version, hr_client, django_capture_on_commit_callbacks
):
    employee_user.email = "manager@example.org"
    employee_user.save()
    ack = ack_of(employee_user, approved_version)
    with django_capture_on_commit_callbacks(execute=True):
        hr_client.post(reverse("instructions:remind"), {"ack": [ack.pk]})
    run_tasks()
    assert [m.to for m in mail.outbox] == [["manager@example.org"]]
    assert Acknowledgement.objects.get(pk=ack.pk).reminders == 1


def test_the_sheet_exports_with_the_fingerprint(employee_user, approved_version, hr_client):
    ack = sign(employee_user, approved_version)
    text = hr_client.get(reverse("instructions:ack_export", args=["csv"])).content.decode("utf-8-sig")
    assert "И.И.\u00a0Иванов" in text and ack.fingerprint in text


@pytest.mark.parametrize("who", ["lawyer", "employee_user"])
def test_the_dashboard_is_for_hr_only(who, request, approved_version):
    assert login(request.getfixturevalue(who)).get(reverse("instructions:ack_dashboard")).status_code == 403


def test_the_hr_of_another_organisation_sees_none_of_our_employees(employee_user, approved_version, outsider_client):
    assert "Иванов" not in outsider_client.get(reverse("instructions:ack_dashboard")).content.decode()


def test_an_outsider_cannot_remind_our_employees(
    employee_user, approved_version, outsider_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        outsider_client.post(reverse("instructions:remind"), {"ack": [ack_of(employee_user, approved_version).pk]})
    run_tasks()
    assert mail.outbox == []


def test_the_dashboard_shows_every_status_with_its_colour_date_and_remind_button(
    employee_user, approved_version, hr_client, hr, organisation, position
):
    names = {status: f"Статусов {status} Иван" for status in ("viewed", "overdue", "paper", "refused")}
    for name in names.values():
        create_employee(organisation=organisation, full_name=name, position=position)
    acks = {status: Acknowledgement.objects.get(employee__full_name=name) for status, name in names.items()}
    Acknowledgement.objects.filter(pk=acks["viewed"].pk).update(status=AckStatus.VIEWED)
    reminded = datetime.datetime(2025, 3, 4, 21, 30, tzinfo=datetime.UTC)  # 5 March in Moscow
    Acknowledgement.objects.filter(pk=acks["overdue"].pk).update(
        status=AckStatus.OVERDUE, reminders=2, reminded_at=reminded
    )
    Acknowledgement.objects.filter(pk=acks["paper"].pk).update(
        status=AckStatus.PAPER, paper_signed_on=datetime.date(2025, 2, 3), recorded_by=hr
    )
    Acknowledgement.objects.filter(pk=acks["refused"].pk).update(
        status=AckStatus.REFUSED, refused_at=reminded, recorded_by=hr
    )
    signed = sign(employee_user, approved_version)
    page = hr_client.get(reverse("instructions:ack_dashboard")).content.decode()
    rows = {row.split('"', 1)[0]: row for row in page.split('<tr class="ack-')[1:]}
    signed_at = timezone.localtime(signed.signed_at).strftime("%d.%m.%Y %H:%M")
    # The organisation's language: the page is in Russian.
    assert (
        f'<span class="text-success">подписано {signed_at}</span> <code>{signed.fingerprint}</code>' in rows["signed"]
    )
    assert '<span class="text-success">подписано на бумаге 03.02.2025</span>' in rows["paper"]
    assert (
        '<span class="text-danger">просрочен</span>' in rows["overdue"] and "<td>2 · 05.03.2025</td>" in rows["overdue"]
    )
    assert '<span class="text-danger">просмотрено</span>' in rows["viewed"]
    assert '<span class="text-danger">отказ</span>' in rows["refused"]
    for status in ("viewed", "overdue"):
        assert f'name="ack" value="{acks[status].pk}"' in rows[status]
        assert f'aria-label="Напомнить {names[status]}"' in rows[status]
    for status in ("signed", "paper", "refused"):
        assert 'name="ack"' not in rows[status]


def test_the_dashboard_needs_no_more_queries_for_more_requests(
    employee_user, approved_version, hr_client, organisation, position, django_assert_max_num_queries
):
    hr_client.get(reverse("instructions:ack_dashboard"))
    with CaptureQueriesContext(connection) as few:
        hr_client.get(reverse("instructions:ack_dashboard"))
    for n in range(15):
        create_employee(organisation=organisation, full_name=f"Сотрудников{n} Иван", position=position)
    with django_assert_max_num_queries(len(few)):
        page = hr_client.get(reverse("instructions:ack_dashboard")).content.decode()
    assert page.count('<tr class="ack-') == 16


def test_the_dashboard_pages_namesakes_asked_at_the_same_time_each_once_in_a_fixed_order(
    employee_user, approved_version, hr_client, organisation, position
):
    for _ in range(TICK_PAGE_SIZE + 4):
        create_employee(organisation=organisation, full_name="Тёзкин Иван Иванович", position=position)
    # One at a time from the last: on PostgreSQL each updated row moves to the end of the table, so the rows lie
    # in the reverse order of their keys and nothing but the order asked for puts them back.
    asked = timezone.now()
    for pk in Acknowledgement.objects.order_by("-pk").values_list("pk", flat=True):
        Acknowledgement.objects.filter(pk=pk).update(requested_at=asked)
    shown = []
    for number in (1, 2):
        page = hr_client.get(reverse("instructions:ack_dashboard"), {"page": number}).content.decode()
        shown += re.findall(r'type="submit" name="ack" value="(\d+)"', page)
    assert [int(pk) for pk in shown] == list(Acknowledgement.objects.order_by("pk").values_list("pk", flat=True))


def test_a_dashboard_row_asked_after_its_totals_still_shows_its_department_and_instruction(
    employee_user, approved_version, organisation, position
):
    rows, totals, _departments = acknowledgements.dashboard(organisation)
    accounts = Department.objects.create(organisation=organisation, name="Бухгалтерия")
    accountant = Position.objects.create(organisation=organisation, title="Бухгалтер", department=accounts)
    late = create_employee(organisation=organisation, full_name="Опоздавший Пётр", position=position)
    Employee.objects.filter(pk=late.pk).update(position=accountant)
    assert [(row["employee__full_name"], row["employee__position__department__name"]) for row in rows[:5]] == [
        ("Иванов Иван Иванович", "Отдел продаж"),
        ("Опоздавший Пётр", "Бухгалтерия"),
    ]
    assert {row["version__instruction__position__title"] for row in rows[:5]} == {"Менеджер по работе с клиентами"}
    assert [total["requests"] for total in totals] == [1]


def test_the_dashboard_totals_count_each_request_once_per_instruction_and_per_department(
    employee_user, approved_version, organisation, position, head_of_sales
):
    for n in range(4):
        create_employee(organisation=organisation, full_name=f"Итогов{n} Пётр", position=position)
    sign(employee_user, approved_version)
    # Two requests whose employees have since moved without the service: one to a post of another
    # department, one out of any post. The totals still count each request once.
    accounts = Department.objects.create(organisation=organisation, name="Бухгалтерия")
    accountant = Position.objects.create(organisation=organisation, title="Бухгалтер", department=accounts)
    Employee.objects.filter(full_name="Итогов0 Пётр").update(position=accountant)
    Employee.objects.filter(full_name="Итогов1 Пётр").update(position=None)
    rows, totals, by_department = acknowledgements.dashboard(organisation)
    assert [(t["version__instruction__position__title"], t["requests"], t["signed"], t["pending"]) for t in totals] == [
        ("Менеджер по работе с клиентами", 5, 1, 4)
    ]
    # In the order the database sorts the names, wherever it puts the employee without a department.
    expected = list(
        rows.requests.order_by()
        .values("employee__position__department__name")
        .annotate(
            signed=Count("pk", filter=Q(status__in=SIGNED_ACK_STATUSES)),
            pending=Count("pk", filter=Q(status__in=OPEN_ACK_STATUSES)),
        )
        .order_by("employee__position__department__name")
    )
    assert by_department == expected
    assert sorted((d["employee__position__department__name"] or "", d["signed"], d["pending"]) for d in expected) == [
        ("", 0, 1),
        ("Бухгалтерия", 0, 1),
        ("Отдел продаж", 1, 2),
    ]
    filtered_rows, filtered, departments = acknowledgements.dashboard(organisation, state="signed")
    assert [(t["requests"], t["signed"], t["pending"]) for t in filtered] == [(1, 1, 0)]
    assert departments == [{"employee__position__department__name": "Отдел продаж", "signed": 1, "pending": 0}]


def test_the_dashboard_and_its_export_leave_out_the_signatures_of_a_version_no_longer_in_force(
    employee_user, approved_version, organisation, hr, lawyer, approver
):
    sign(employee_user, approved_version)
    second = approve_through_workflow(workflow.new_version(version=approved_version, user=hr), hr, [lawyer], approver)
    rows, totals, _departments = acknowledgements.dashboard(organisation)
    assert [(row["version__number"], row["status"]) for row in rows[:TICK_PAGE_SIZE]] == [
        (second.number, AckStatus.PENDING)
    ]
    assert [(total["version__number"], total["requests"], total["signed"]) for total in totals] == [
        (second.number, 1, 0)
    ]
    exported = acknowledgements.dashboard_requests(organisation)
    assert [ack.version_id for ack in exported] == [second.pk]


def test_the_dashboard_filters_list_the_organisations_departments_and_the_posts_with_an_instruction(
    approved_version, organisation, other_organisation, position, head_of_sales
):
    accounts = Department.objects.create(organisation=organisation, name="Бухгалтерия")
    Position.objects.create(organisation=organisation, title="Бухгалтер", department=accounts)
    Department.objects.create(organisation=other_organisation, name="Архив")
    Position.objects.create(organisation=other_organisation, title="Архивариус")
    departments, positions = acknowledgements.dashboard_choices(organisation)
    assert departments == list(Department.objects.filter(organisation=organisation).values_list("pk", "name"))
    assert [name for _pk, name in departments] == ["Бухгалтерия", "Отдел продаж"]
    # Only the post whose instruction is written: not the head of sales, not the accountant.
    assert positions == [(position.pk, "Менеджер по работе с клиентами")]
