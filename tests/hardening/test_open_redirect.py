"""A posted `next` sends the person back only to a page of this site, never to another address."""

import pytest
from django.urls import reverse

from tests.conftest import approve_through_workflow

ELSEWHERE = [
    "https://evil.example/",
    "//evil.example/",
    "/\\evil.example/",
    "\\\\evil.example",
    "javascript:alert(1)",
    "http:/evil.example",
    " https://evil.example/",
]


@pytest.mark.parametrize("target", ELSEWHERE)
def test_the_reminder_never_redirects_to_another_site(hr_client, target):
    response = hr_client.post(reverse("instructions:remind"), {"next": target})
    assert response.status_code == 302
    assert response["Location"] == reverse("instructions:ack_dashboard")


def test_the_reminder_returns_to_the_page_of_the_dashboard_it_came_from(hr_client):
    target = reverse("instructions:ack_dashboard") + "?page=2&state=pending"
    response = hr_client.post(reverse("instructions:remind"), {"next": target})
    assert response["Location"] == target


@pytest.mark.parametrize("target", ELSEWHERE)
def test_invitation_actions_never_redirect_to_another_site(hr_client, target):
    response = hr_client.post(reverse("orgs:invitation_action"), {"next": target})
    assert response.status_code == 302
    assert response["Location"] == reverse("orgs:invitations")


def test_a_reminder_with_a_foreign_next_still_reminds(hr_client, complete_draft, hr, lawyer, approver, employee_user):
    approve_through_workflow(complete_draft, hr, [lawyer], approver)
    ack = employee_user.employments.get().acknowledgements.get()
    response = hr_client.post(reverse("instructions:remind"), {"ack": [ack.pk], "next": "https://evil.example/"})
    assert response["Location"] == reverse("instructions:ack_dashboard")
