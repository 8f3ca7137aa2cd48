"""Approval opens a campaign with a due date; each request's status changes are kept with their time."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from jobdesc.instructions.acknowledgements import services as acknowledgements
from jobdesc.instructions.acknowledgements.calendar import add_working_days, working_days_between
from jobdesc.instructions.errors import WorkflowError
from jobdesc.instructions.models import AckEvent, Acknowledgement, AckStatus, Campaign, EventKind
from jobdesc.instructions.workflow import services as workflow
from jobdesc.orgs.services import create_employee, update_employee
from jobdesc.outbox.models import Message
from tests.conftest import PASSWORD, approve_through_workflow, login
from tests.outbox.worker import committed, run_tasks


@pytest.fixture
def mailed_employee(employee_user):
    employee_user.email = "manager@example.com"
    employee_user.save()
    return employee_user


@pytest.fixture
def mailed_version(mailed_employee, complete_draft, hr, lawyer, approver):
    """Approved as in production: the e-mails are written by the worker's task after the commit."""
    with committed():
        version = approve_through_workflow(complete_draft, hr, [lawyer], approver)
    run_tasks()
    return version


def test_working_days_skip_weekends_and_the_new_year_holidays():
    assert add_working_days(datetime.date(2026, 6, 5), 1) == datetime.date(2026, 6, 8)  # Friday → Monday
    assert add_working_days(datetime.date(2025, 12, 30), 1) == datetime.date(2026, 1, 12)  # 31.12.2025 is off
    assert working_days_between(datetime.date(2026, 6, 1), datetime.date(2026, 6, 7)) == 5


def test_approval_opens_a_campaign_due_the_organisation_default(mailed_employee, mailed_version, organisation):
    campaign = Campaign.objects.get(version=mailed_version)
    assert campaign.due_date == add_working_days(timezone.localdate(), organisation.ack_due_working_days)
    ack = Acknowledgement.objects.get(employee__user=mailed_employee)
    assert (ack.campaign, ack.due_date, ack.status) == (campaign, campaign.due_date, AckStatus.PENDING)
    assert list(ack.events.values_list("kind", "status")) == [(EventKind.REQUEST, "")]
    assert ack.events.get(kind=EventKind.REQUEST).message.to_address == "manager@example.com"


def test_the_organisation_default_sets_the_due_date(complete_draft, hr, lawyer, approver, organisation, employee_user):
    organisation.ack_due_working_days = 3
    organisation.save()
    version = approve_through_workflow(complete_draft, hr, [lawyer], approver)
    assert version.campaign.due_date == add_working_days(timezone.localdate(), 3)


def test_a_future_hire_is_due_on_the_first_day(approved_version, organisation, position):
    first_day = timezone.localdate() + datetime.timedelta(days=20)
    employee = create_employee(
        organisation=organisation, full_name="Новикова Ирина", position=position, hire_date=first_day
    )
    ack = Acknowledgement.objects.get(employee=employee)
    assert ack.due_date == first_day and ack.campaign == approved_version.campaign
    assert ack.events.get(kind=EventKind.REQUEST).note == "new hire"


def test_a_transfer_is_due_on_the_day_of_the_move(approved_version, organisation, head_of_sales, complete_draft):
    employee = create_employee(organisation=organisation, full_name="Петрова Анна", position=head_of_sales)
    update_employee(employee=employee, position=approved_version.instruction.position)
    ack = Acknowledgement.objects.get(employee=employee)
    assert ack.due_date == timezone.localdate()
    assert ack.events.get(kind=EventKind.REQUEST).note == "transfer"


def test_opening_the_sign_page_marks_the_request_viewed_once(employee_user, approved_version):
    ack = Acknowledgement.objects.get(employee__user=employee_user)
    client = login(employee_user)
    client.get(reverse("instructions:read", args=[ack.pk]))
    client.get(reverse("instructions:read", args=[ack.pk]))
    ack.refresh_from_db()
    assert ack.status == AckStatus.VIEWED and ack.viewed_at is not None
    assert ack.events.filter(status=AckStatus.VIEWED).count() == 1


def test_hr_opening_nothing_does_not_mark_viewed(employee_user, approved_version, hr):
    ack = Acknowledgement.objects.get(employee__user=employee_user)
    assert login(hr).get(reverse("instructions:read", args=[ack.pk])).status_code == 404
    ack.refresh_from_db()
    assert ack.status == AckStatus.PENDING


def test_signing_a_viewed_request_records_each_step(employee_user, approved_version):
    ack = Acknowledgement.objects.get(employee__user=employee_user)
    acknowledgements.mark_viewed(ack, user=employee_user)
    acknowledgements.sign(acknowledgement_id=ack.pk, user=employee_user, password=PASSWORD)
    statuses = list(ack.events.filter(kind=EventKind.STATUS).values_list("status", flat=True))
    assert statuses == [AckStatus.VIEWED, AckStatus.SIGNED]


def test_a_new_version_cancels_the_open_requests_with_the_time_of_it(
    employee_user, approved_version, hr, lawyer, approver
):
    ack = Acknowledgement.objects.get(employee__user=employee_user)
    approve_through_workflow(workflow.new_version(version=approved_version, user=hr), hr, [lawyer], approver)
    ack.refresh_from_db()
    assert ack.status == AckStatus.CLOSED and ack.closed_at is not None


def test_hr_changes_the_campaign_due_date_and_its_requests_follow(employee_user, approved_version, hr):
    later = approved_version.campaign.due_date + datetime.timedelta(days=7)
    assert acknowledgements.change_campaign_due_date(campaign=approved_version.campaign, due_date=later, by=hr) == 1
    assert Acknowledgement.objects.get(employee__user=employee_user).due_date == later
    assert AckEvent.objects.filter(kind=EventKind.DUE_MOVED).count() == 1


def test_only_hr_changes_a_campaign(employee_user, approved_version, outsider):
    with pytest.raises(WorkflowError):
        acknowledgements.change_campaign_due_date(
            campaign=approved_version.campaign, due_date=timezone.localdate(), by=employee_user
        )
    with pytest.raises(WorkflowError):
        acknowledgements.change_campaign_due_date(
            campaign=approved_version.campaign, due_date=timezone.localdate(), by=outsider
        )


def test_the_request_e_mail_names_the_due_date(mailed_employee, mailed_version):
    message = Message.objects.get(kind="signature_requested", recipient=mailed_employee)
    assert mailed_version.campaign.due_date.strftime("%d.%m.%Y") in message.body


def test_the_request_task_run_twice_e_mails_no_one_twice(mailed_employee, mailed_version):
    assert acknowledgements.send_requests(mailed_version) == 0
    assert Message.objects.filter(kind="signature_requested").count() == 1
