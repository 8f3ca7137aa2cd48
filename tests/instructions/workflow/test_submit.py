"""Sending a draft to the agreeing officials: HR only, with at least one official."""

import pytest
from django.urls import reverse

from jobdesc.instructions.models import Status
from tests.conftest import login


def test_hr_sends_the_draft_to_the_chosen_officials(complete_draft, hr_client, lawyer):
    response = hr_client.post(reverse("instructions:submit", args=[complete_draft.pk]), {"officials": [lawyer.pk]})
    assert response.status_code == 302
    complete_draft.refresh_from_db()
    assert complete_draft.status == Status.AGREEMENT


def test_sending_without_an_official_is_refused_with_a_message(complete_draft, hr_client):
    response = hr_client.post(reverse("instructions:submit", args=[complete_draft.pk]), {})
    assert response.status_code == 400
    complete_draft.refresh_from_db()
    assert complete_draft.status == Status.DRAFT


@pytest.mark.parametrize("who", ["lawyer", "approver", "employee_user"])
def test_only_hr_sends_a_draft(who, request, complete_draft, lawyer):
    client = login(request.getfixturevalue(who))
    response = client.post(reverse("instructions:submit", args=[complete_draft.pk]), {"officials": [lawyer.pk]})
    assert response.status_code in (403, 404)
    complete_draft.refresh_from_db()
    assert complete_draft.status == Status.DRAFT
