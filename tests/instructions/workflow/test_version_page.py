"""The version page: the document, its steps and comments, the downloads, and who may see it."""

from django.urls import reverse

from jobdesc.instructions.workflow import services as workflow
from tests.conftest import login


def test_the_version_page_shows_the_document_steps_and_comments(complete_draft, hr_client):
    page = hr_client.get(reverse("instructions:version", args=[complete_draft.pk])).content.decode()
    assert 'id="preview"' in page
    assert f'action="/instructions/version/{complete_draft.pk}/submit/"' in page


def test_an_outsider_gets_404_for_every_page_of_a_version(approved_version, outsider_client):
    for name in ("version", "preview", "history"):
        assert outsider_client.get(reverse(f"instructions:{name}", args=[approved_version.pk])).status_code == 404


def test_an_employee_sees_only_the_version_in_force_of_their_position(approved_version, employee_user, hr):
    client = login(employee_user)
    assert client.get(reverse("instructions:version", args=[approved_version.pk])).status_code == 200
    draft = workflow.new_version(version=approved_version, user=hr)
    assert client.get(reverse("instructions:version", args=[draft.pk])).status_code == 404


def test_the_version_page_offers_the_downloads(approved_version, hr_client):
    page = hr_client.get(reverse("instructions:version", args=[approved_version.pk])).content.decode()
    for name in ("version_pdf", "version_docx", "acknowledgements_pdf"):
        assert reverse(f"documents:{name}", args=[approved_version.pk]) in page
