"""An agreeing official's visa: the last one sends the version to approval."""

from django.urls import reverse

from jobdesc.instructions.models import Status
from jobdesc.instructions.workflow import services as workflow
from tests.conftest import login


def test_an_official_agrees_and_the_version_goes_to_approval(complete_draft, hr, lawyer):
    workflow.submit(version=complete_draft, user=hr, officials=[lawyer])
    response = login(lawyer).post(reverse("instructions:agree", args=[complete_draft.pk]), {"comment": ""})
    assert response.status_code == 302
    complete_draft.refresh_from_db()
    assert complete_draft.status == Status.APPROVAL
