"""Returning a version to its draft: only with a comment, which HR then reads on the version page."""

from django.urls import reverse

from jobdesc.instructions.models import Status
from jobdesc.instructions.workflow import services as workflow
from tests.conftest import login


def test_an_official_returns_with_a_comment_and_keeps_it_if_refused(complete_draft, hr, lawyer):
    workflow.submit(version=complete_draft, user=hr, officials=[lawyer])
    client = login(lawyer)
    refused = client.post(reverse("instructions:return", args=[complete_draft.pk]), {"comment": ""})
    assert refused.status_code == 400
    complete_draft.refresh_from_db()
    assert complete_draft.status == Status.AGREEMENT
    client.post(reverse("instructions:return", args=[complete_draft.pk]), {"comment": "Добавьте пункт о CRM."})
    complete_draft.refresh_from_db()
    assert complete_draft.status == Status.DRAFT
    page = login(hr).get(reverse("instructions:version", args=[complete_draft.pk])).content.decode()
    assert "Добавьте пункт о CRM." in page
