"""The daily run of campaigns: reminders before and on the due date, overdue, one e-mail to each manager, leave."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from jobdesc.instructions.acknowledgements import services as acknowledgements
from jobdesc.instructions.acknowledgements.reminders import managers_of, run_campaigns
from jobdesc.instructions.errors import WorkflowError
from jobdesc.instructions.models import Acknowledgement, AckStatus, EventKind, LeaveKind
from jobdesc.orgs.models import Employee
from jobdesc.outbox.models import Message
from tests.conftest import make_user

TODAY = datetime.date(2026, 6, 10)  # a Wednesday
NOW = timezone.make_aware(datetime.datetime(2026, 6, 10, 6, 0))


@pytest.fixture
def head(organisation, head_of_sales):
    user = make_user(organisation, "head", None, "Сидоров Павел")
    user.email = "head@example.com"
    user.save()
    Employee.objects.create(
        organisation=organisation, user=user, full_name="Сидоров Павел Петрович", position=head_of_sales
    )
    return user


@pytest.fixture
def ack(employee_user, head, approved_version):
    employee_user.email = "manager@example.com"
    employee_user.save()
    return Acknowledgement.objects.get(employee__user=employee_user)


def due_in(ack, days):
    Acknowledgement.objects.filter(pk=ack.pk).update(due_date=TODAY + datetime.timedelta(days=days))
    ack.refresh_from_db()
    return ack


def reminders():
    return Message.objects.filter(kind="signature_reminder_auto")


def test_three_days_before_the_due_date_the_employee_is_reminded_once(ack):
    due_in(ack, 3)
    run_campaigns(NOW)
    run_campaigns(NOW)
    assert reminders().count() == 1
    ack.refresh_from_db()
    assert ack.early_reminder_at is not None and ack.reminders == 1
    event = ack.events.get(kind=EventKind.REMINDER)
    assert event.message == reminders().get() and event.note == "за 3 дня до срока"  # the organisation's language


def test_a_request_due_later_is_not_reminded_yet(ack):
    due_in(ack, 4)
    run_campaigns(NOW)
    assert not reminders().exists()


def test_on_the_due_date_the_employee_is_reminded_again(ack):
    due_in(ack, 0)
    run_campaigns(NOW)
    run_campaigns(NOW)
    assert reminders().count() == 1
    assert ack.events.get(kind=EventKind.REMINDER).note == "в день срока"


def test_after_the_due_date_the_request_is_overdue_and_the_manager_told_once(ack, head, employee_user):
    due_in(ack, -1)
    run_campaigns(NOW)
    run_campaigns(NOW)
    ack.refresh_from_db()
    assert ack.status == AckStatus.OVERDUE and ack.escalated_at is not None
    escalation = Message.objects.get(kind="signature_escalation")
    assert escalation.recipient == head and "Иванов Иван Иванович" in escalation.body
    assert ack.events.get(kind=EventKind.ESCALATION).message == escalation
    assert ack.events.filter(kind=EventKind.STATUS, status=AckStatus.OVERDUE).count() == 1


def test_a_manager_gets_one_message_listing_all_their_overdue_people(
    ack, head, organisation, position, approved_version
):
    second = make_user(organisation, "second", None, "Орлова Мария")
    second.email = "second@example.com"
    second.save()
    employee = Employee.objects.create(
        organisation=organisation, user=second, full_name="Орлова Мария", position=position
    )
    acknowledgements.sync_employee(employee)
    Acknowledgement.objects.update(due_date=TODAY - datetime.timedelta(days=2))
    run_campaigns(NOW)
    escalation = Message.objects.get(kind="signature_escalation")
    assert "Иванов Иван Иванович" in escalation.body and "Орлова Мария" in escalation.body


def test_without_a_manager_hr_is_told(ack, head, hr, organisation):
    Employee.objects.filter(user=head).delete()
    hr.email = "hr@example.com"
    hr.save()
    assert managers_of([ack])[ack] == [hr]


def test_the_department_head_is_told_when_the_position_reports_to_no_one(ack, head, position):
    position.reports_to = None
    position.save()
    assert managers_of([ack])[ack] == [head]


def test_a_signed_request_is_never_overdue(ack, employee_user):
    from tests.conftest import PASSWORD

    acknowledgements.sign(acknowledgement_id=ack.pk, user=employee_user, password=PASSWORD)
    run_campaigns(NOW + datetime.timedelta(days=60))
    ack.refresh_from_db()
    assert ack.status == AckStatus.SIGNED and not reminders().exists()


def test_leave_moves_the_due_date_past_it_keeping_the_working_days_left(ack, hr):
    due_in(ack, 2)  # Friday 12.06.2026
    acknowledgements.record_leave(
        employee=ack.employee,
        kind=LeaveKind.VACATION,
        starts_on=TODAY,
        ends_on=TODAY + datetime.timedelta(days=13),
        by=hr,
    )
    ack.refresh_from_db()
    # 10–12 June hold two working days (12 June is a holiday); they follow the leave's last day, 23 June.
    assert ack.due_date == datetime.date(2026, 6, 25)
    assert ack.events.get(kind=EventKind.DUE_MOVED).note.startswith("vacation")


def test_an_overdue_request_waits_again_after_a_leave_or_an_extension(ack, hr):
    due_in(ack, -3)
    run_campaigns(NOW)
    ack.refresh_from_db()
    assert ack.status == AckStatus.OVERDUE
    later = timezone.localdate() + datetime.timedelta(days=5)
    assert (
        acknowledgements.extend(
            organisation=ack.employee.organisation, acknowledgement_ids=[ack.pk], due_date=later, by=hr
        )
        == 1
    )
    ack.refresh_from_db()
    assert (ack.status, ack.due_date, ack.escalated_at) == (AckStatus.PENDING, later, None)


def test_no_reminder_while_the_employee_is_away(ack, hr):
    due_in(ack, 0)
    acknowledgements.Leave.objects.create(
        employee=ack.employee, kind=LeaveKind.SICK, starts_on=TODAY, ends_on=TODAY, recorded_by=hr
    )
    run_campaigns(NOW)
    assert not reminders().exists()


def test_overlapping_or_inverted_leave_is_refused(ack, hr):
    with pytest.raises(WorkflowError):
        acknowledgements.record_leave(
            employee=ack.employee,
            kind=LeaveKind.SICK,
            starts_on=TODAY,
            ends_on=TODAY - datetime.timedelta(days=1),
            by=hr,
        )
    acknowledgements.record_leave(employee=ack.employee, kind=LeaveKind.SICK, starts_on=TODAY, ends_on=TODAY, by=hr)
    with pytest.raises(WorkflowError):
        acknowledgements.record_leave(
            employee=ack.employee, kind=LeaveKind.VACATION, starts_on=TODAY, ends_on=TODAY, by=hr
        )


def test_run_periodic_runs_the_campaigns(ack):
    import io

    due_in(ack, -1)
    out = io.StringIO()
    call_command("run_periodic", "--job", "run_campaigns", stdout=out)
    assert "1 requests overdue" in out.getvalue()


def test_a_withdrawn_version_reminds_no_one(ack, approver):
    from jobdesc.instructions.workflow import services as workflow

    workflow.withdraw(version=ack.version, user=approver, reason="Ошибка в редакции.")
    due_in(ack, 0)
    run_campaigns(NOW)
    ack.refresh_from_db()
    assert not reminders().exists() and ack.status != AckStatus.OVERDUE
