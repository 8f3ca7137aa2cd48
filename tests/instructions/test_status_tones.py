"""Status colours come from the status enums, and every page showing a status badge uses them."""

import pytest
from django.urls import reverse

from jobdesc.instructions.models import Acknowledgement, AckStatus, Status
from tests.conftest import login


def test_a_version_in_force_is_green_a_draft_grey_and_the_rest_amber():
    assert {status: status.tone for status in Status} == {
        Status.DRAFT: "secondary",
        Status.AGREEMENT: "warning",
        Status.APPROVAL: "warning",
        Status.APPROVED: "success",
        Status.SUPERSEDED: "warning",
        Status.WITHDRAWN: "warning",
    }


def test_a_request_overdue_is_red_signed_green_refused_amber_and_the_rest_light():
    assert {status: status.tone for status in AckStatus} == {
        AckStatus.PENDING: "light",
        AckStatus.VIEWED: "light",
        AckStatus.OVERDUE: "danger",
        AckStatus.SIGNED: "success",
        AckStatus.PAPER: "success",
        AckStatus.REFUSED: "warning",
        AckStatus.CLOSED: "light",
    }
    assert [status for status in AckStatus if status.outcome_tone == "success"] == [AckStatus.SIGNED, AckStatus.PAPER]


def test_the_version_page_badge_has_the_colour_of_its_status(approved_version, hr_client):
    page = hr_client.get(reverse("instructions:version", args=[approved_version.pk])).content.decode()
    assert '<span class="badge text-bg-success" id="status">' in page


@pytest.fixture
def overdue(employee_user, approved_version):
    ack = Acknowledgement.objects.get(employee__user=employee_user)
    Acknowledgement.objects.filter(pk=ack.pk).update(status=AckStatus.OVERDUE)
    return ack


def test_an_overdue_request_is_red_on_the_campaign_and_request_pages(overdue, hr_client):
    campaign = hr_client.get(reverse("instructions:campaign", args=[overdue.campaign.pk])).content.decode()
    assert '<span class="badge text-bg-danger">' in campaign
    request = hr_client.get(reverse("instructions:ack_request", args=[overdue.pk])).content.decode()
    assert '<span class="badge text-bg-danger" id="status">' in request


def test_the_employee_sees_an_overdue_request_in_red(overdue, employee_user):
    page = login(employee_user).get(reverse("instructions:my_instructions")).content.decode()
    assert '<span class="due text-danger fw-bold">' in page and '<span class="badge text-bg-danger">' in page
    page = login(employee_user).get(reverse("instructions:read", args=[overdue.pk])).content.decode()
    assert '<p id="due" class="text-danger fw-bold">' in page
