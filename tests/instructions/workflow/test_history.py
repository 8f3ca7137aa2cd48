"""A version's history: who did what and when, for HR."""

from django.urls import reverse

from jobdesc.instructions.editing import services as editing
from jobdesc.instructions.workflow import services as workflow
from tests.conftest import login


def test_the_history_shows_who_did_what(complete_draft, hr, hr_client, lawyer):
    item = complete_draft.sections.get(kind__code="duties").items.first()
    editing.edit_item(version=complete_draft, user=hr, item_id=item.pk, text="Консультирует по телефону.", revision=1)
    workflow.submit(version=complete_draft, user=hr, officials=[lawyer])
    page = hr_client.get(reverse("instructions:history", args=[complete_draft.pk])).content.decode()
    assert "Консультирует по телефону." in page
    assert page.count("<tr>") >= 3


def test_the_history_is_for_hr(complete_draft, lawyer):
    assert login(lawyer).get(reverse("instructions:history", args=[complete_draft.pk])).status_code == 403
