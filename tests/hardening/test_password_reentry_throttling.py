"""Approve and sign re-enter the password: wrong ones count like wrong logins; the address is the client's."""

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.urls import reverse

from jobdesc.instructions.models import Acknowledgement, Status, Version
from jobdesc.instructions.workflow import services as workflow
from tests.conftest import PASSWORD, login


@pytest.fixture
def awaiting_approval(complete_draft, hr, lawyer):
    workflow.submit(version=complete_draft, user=hr, officials=[lawyer])
    workflow.agree(version=complete_draft, user=lawyer)
    return complete_draft


def approve(client, version, password):
    url = reverse("instructions:approve", args=[version.pk])
    return client.post(url, {"password": password, "effective_date": "2026-12-01"}, REMOTE_ADDR="10.0.0.9")


def sign(client, ack, password):
    return client.post(reverse("instructions:sign", args=[ack.pk]), {"password": password}, REMOTE_ADDR="10.0.0.9")


def test_wrong_approval_passwords_lock_the_approver_out_with_the_lockout_page(awaiting_approval, approver):
    client = login(approver)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert approve(client, awaiting_approval, "wrong").status_code == 400
    locked = approve(client, awaiting_approval, "wrong")
    assert locked.status_code == 429
    assert "429.html" in [template.name for template in locked.templates]
    assert approve(client, awaiting_approval, PASSWORD).status_code == 429
    assert Version.objects.get(pk=awaiting_approval.pk).status == Status.APPROVAL
    assert AccessAttempt.objects.filter(username="director", ip_address="10.0.0.9").exists()


def test_a_locked_approver_cannot_log_in_either(awaiting_approval, approver, client):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        approve(login(approver), awaiting_approval, "wrong")
    response = client.post(reverse("login"), {"username": "director", "password": PASSWORD}, REMOTE_ADDR="10.0.0.9")
    assert response.status_code == 429


def test_a_right_approval_password_before_the_limit_starts_the_count_again(awaiting_approval, approver):
    client = login(approver)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        approve(client, awaiting_approval, "wrong")
    assert approve(client, awaiting_approval, PASSWORD).status_code == 302
    assert Version.objects.get(pk=awaiting_approval.pk).status == Status.APPROVED
    assert not AccessAttempt.objects.filter(username="director").exists()


def test_wrong_signing_passwords_lock_the_employee_out_and_sign_nothing(employee_user, approved_version):
    ack = Acknowledgement.objects.get(employee__user=employee_user, version=approved_version)
    client = login(employee_user)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign(client, ack, "wrong").status_code == 400
    locked = sign(client, ack, "wrong")
    assert locked.status_code == 429
    assert "429.html" in [template.name for template in locked.templates]
    assert sign(client, ack, PASSWORD).status_code == 429
    assert Acknowledgement.objects.get(pk=ack.pk).signed_at is None


def test_a_signature_behind_a_trusted_proxy_records_the_clients_address(employee_user, approved_version, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    ack = Acknowledgement.objects.get(employee__user=employee_user, version=approved_version)
    login(employee_user).post(
        reverse("instructions:sign", args=[ack.pk]),
        {"password": PASSWORD},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="198.51.100.9, 203.0.113.7",
    )
    assert Acknowledgement.objects.get(pk=ack.pk).ip_address == "203.0.113.7"
