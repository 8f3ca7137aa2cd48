"""Comments on a version or one of its clauses: everyone in the process reads them; an employee writes none."""

from django.urls import reverse

from jobdesc.instructions.models import Comment
from tests.conftest import login


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
