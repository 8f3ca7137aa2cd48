"""Approval: the approver re-enters the password; HR cannot approve."""

from django.urls import reverse

from jobdesc.instructions.models import Status, Version
from jobdesc.instructions.workflow import services as workflow
from tests.conftest import PASSWORD, login


def test_the_approver_approves_with_the_password(complete_draft, hr, lawyer, approver):
    workflow.submit(version=complete_draft, user=hr, officials=[lawyer])
    workflow.agree(version=complete_draft, user=lawyer)
    client = login(approver)
    url = reverse("instructions:approve", args=[complete_draft.pk])
    wrong = client.post(url, {"password": "nope", "effective_date": "2026-12-01"})
    assert wrong.status_code == 400
    complete_draft.refresh_from_db()
    assert complete_draft.status == Status.APPROVAL
    client.post(url, {"password": PASSWORD, "effective_date": "2026-12-01"})
    version = Version.objects.get(pk=complete_draft.pk)
    assert (version.status, str(version.effective_date)) == (Status.APPROVED, "2026-12-01")


def test_hr_cannot_approve(complete_draft, hr, lawyer, hr_client):
    workflow.submit(version=complete_draft, user=hr, officials=[lawyer])
    workflow.agree(version=complete_draft, user=lawyer)
    response = hr_client.post(
        reverse("instructions:approve", args=[complete_draft.pk]),
        {"password": PASSWORD, "effective_date": "2026-12-01"},
    )
    assert response.status_code == 403
    complete_draft.refresh_from_db()
    assert complete_draft.status == Status.APPROVAL
