"""The version page and its steps through the browser's eyes: right role, wrong role, outsider."""

import pytest
from django.urls import reverse

from jobdesc.instructions.models import Comment, Status, Version
from jobdesc.instructions.workflow import services as workflow
from tests.conftest import PASSWORD, login


def status(version):
    return Version.objects.get(pk=version.pk).status


def test_the_version_page_shows_the_document_steps_and_comments(complete_draft, hr_client):
    page = hr_client.get(reverse("instructions:version", args=[complete_draft.pk])).content.decode()
    assert 'id="preview"' in page
    assert f'action="/instructions/version/{complete_draft.pk}/submit/"' in page


def test_an_outsider_gets_404_for_every_page_of_a_version(approved_version, outsider_client):
    for name in ("version", "preview", "history"):
        assert outsider_client.get(reverse(f"instructions:{name}", args=[approved_version.pk])).status_code == 404


def test_hr_sends_the_draft_to_the_chosen_officials(complete_draft, hr_client, lawyer):
    response = hr_client.post(reverse("instructions:submit", args=[complete_draft.pk]), {"officials": [lawyer.pk]})
    assert response.status_code == 302
    assert status(complete_draft) == Status.AGREEMENT


def test_sending_without_an_official_is_refused_with_a_message(complete_draft, hr_client):
    response = hr_client.post(reverse("instructions:submit", args=[complete_draft.pk]), {})
    assert response.status_code == 400
    assert status(complete_draft) == Status.DRAFT


@pytest.mark.parametrize("who", ["lawyer", "approver", "employee_user"])
def test_only_hr_sends_a_draft(who, request, complete_draft, lawyer):
    client = login(request.getfixturevalue(who))
    response = client.post(reverse("instructions:submit", args=[complete_draft.pk]), {"officials": [lawyer.pk]})
    assert response.status_code in (403, 404)
    assert status(complete_draft) == Status.DRAFT


def test_an_official_agrees_and_the_version_goes_to_approval(complete_draft, hr, lawyer):
    workflow.submit(version=complete_draft, user=hr, officials=[lawyer])
    response = login(lawyer).post(reverse("instructions:agree", args=[complete_draft.pk]), {"comment": ""})
    assert response.status_code == 302
    assert status(complete_draft) == Status.APPROVAL


def test_an_official_returns_with_a_comment_and_keeps_it_if_refused(complete_draft, hr, lawyer):
    workflow.submit(version=complete_draft, user=hr, officials=[lawyer])
    client = login(lawyer)
    refused = client.post(reverse("instructions:return", args=[complete_draft.pk]), {"comment": ""})
    assert refused.status_code == 400
    assert status(complete_draft) == Status.AGREEMENT
    client.post(reverse("instructions:return", args=[complete_draft.pk]), {"comment": "Добавьте пункт о CRM."})
    assert status(complete_draft) == Status.DRAFT
    page = login(hr).get(reverse("instructions:version", args=[complete_draft.pk])).content.decode()
    assert "Добавьте пункт о CRM." in page


def test_the_approver_approves_with_the_password(complete_draft, hr, lawyer, approver):
    workflow.submit(version=complete_draft, user=hr, officials=[lawyer])
    workflow.agree(version=complete_draft, user=lawyer)
    client = login(approver)
    url = reverse("instructions:approve", args=[complete_draft.pk])
    wrong = client.post(url, {"password": "nope", "effective_date": "2026-12-01"})
    assert wrong.status_code == 400
    assert status(complete_draft) == Status.APPROVAL
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
    assert status(complete_draft) == Status.APPROVAL


def test_hr_starts_a_new_version_from_the_one_in_force(approved_version, hr_client):
    response = hr_client.post(reverse("instructions:new_version", args=[approved_version.pk]))
    draft = Version.objects.get(instruction=approved_version.instruction, number=2)
    assert response["Location"] == reverse("instructions:editor", args=[draft.pk])


def test_comments_on_a_clause_are_visible_to_everyone_in_the_process(complete_draft, hr, lawyer, approver):
    item = complete_draft.sections.get(kind__code="duties").items.first()
    login(lawyer).post(
        reverse("instructions:comment", args=[complete_draft.pk]), {"text": "Уточнить.", "item": item.pk}
    )
    comment = Comment.objects.get()
    assert (comment.item_id, comment.item_number) == (item.pk, "5.1")
    for user in (hr, approver):
        assert (
            "Уточнить." in login(user).get(reverse("instructions:version", args=[complete_draft.pk])).content.decode()
        )


def test_an_employee_cannot_comment(approved_version, employee_user):
    response = login(employee_user).post(reverse("instructions:comment", args=[approved_version.pk]), {"text": "Эй"})
    assert response.status_code == 403
    assert not Comment.objects.exists()


def test_each_inbox_shows_what_waits_for_its_owner(complete_draft, hr, lawyer, approver):
    workflow.submit(version=complete_draft, user=hr, officials=[lawyer])
    lawyer_inbox = login(lawyer).get(reverse("instructions:inbox")).content.decode()
    approver_inbox = login(approver).get(reverse("instructions:inbox")).content.decode()
    assert "Менеджер по работе с клиентами" in lawyer_inbox
    assert "Менеджер по работе с клиентами" not in approver_inbox
    workflow.agree(version=complete_draft, user=lawyer)
    assert "Менеджер по работе с клиентами" in login(approver).get(reverse("instructions:inbox")).content.decode()
    assert "Менеджер по работе с клиентами" not in login(lawyer).get(reverse("instructions:inbox")).content.decode()


def test_the_history_shows_who_did_what(complete_draft, hr, hr_client, lawyer):
    from jobdesc.instructions.editing import services as editing

    item = complete_draft.sections.get(kind__code="duties").items.first()
    editing.edit_item(version=complete_draft, user=hr, item_id=item.pk, text="Консультирует по телефону.", revision=1)
    workflow.submit(version=complete_draft, user=hr, officials=[lawyer])
    page = hr_client.get(reverse("instructions:history", args=[complete_draft.pk])).content.decode()
    assert "Консультирует по телефону." in page
    assert page.count("<tr>") >= 3


def test_the_history_is_for_hr(complete_draft, lawyer):
    assert login(lawyer).get(reverse("instructions:history", args=[complete_draft.pk])).status_code == 403


def test_an_employee_sees_only_the_version_in_force_of_their_position(approved_version, employee_user, hr):
    client = login(employee_user)
    assert client.get(reverse("instructions:version", args=[approved_version.pk])).status_code == 200
    draft = workflow.new_version(version=approved_version, user=hr)
    assert client.get(reverse("instructions:version", args=[draft.pk])).status_code == 404


def test_the_version_page_offers_the_downloads(approved_version, hr_client):
    page = hr_client.get(reverse("instructions:version", args=[approved_version.pk])).content.decode()
    for name in ("version_pdf", "version_docx", "acknowledgements_pdf"):
        assert reverse(f"documents:{name}", args=[approved_version.pk]) in page
