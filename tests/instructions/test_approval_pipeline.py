"""The approval commits first; the worker then renders the PDF once from the snapshot and stores it."""

import pytest
from django.db import transaction
from django.test import TestCase
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from jobdesc.accounts.models import User
from jobdesc.documents import pdf
from jobdesc.documents.tasks import store_version_pdf
from jobdesc.instructions.acknowledgements import services as acknowledgements
from jobdesc.instructions.errors import FrozenVersionError, WorkflowError
from jobdesc.instructions.models import Acknowledgement, Instruction, Status, Version
from jobdesc.instructions.workflow import services as workflow
from tests.conftest import PASSWORD, login
from tests.outbox.worker import run_tasks

STORE = store_version_pdf.module_path


def on_approval(version, hr, lawyer):
    workflow.submit(version=version, user=hr, officials=[lawyer])
    workflow.agree(version=version, user=lawyer)
    return version


def stored_files(settings):
    folder = settings.MEDIA_ROOT / "instructions"
    return sorted(path.name for path in folder.rglob("*.pdf")) if folder.exists() else []


def test_a_rolled_back_approval_leaves_no_file_and_no_task(complete_draft, hr, lawyer, approver, settings):
    on_approval(complete_draft, hr, lawyer)
    with TestCase.captureOnCommitCallbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        workflow.approve(version=complete_draft, user=approver, password=PASSWORD)
        raise RuntimeError("the database went away before the commit")
    run_tasks()
    assert Version.objects.get(pk=complete_draft.pk).status == Status.APPROVAL
    assert stored_files(settings) == []
    assert not DBTaskResult.objects.filter(task_path=STORE).exists()


def test_the_pdf_is_rendered_once_after_the_commit(complete_draft, hr, lawyer, approver, settings, monkeypatch):
    renders = []
    real_render = pdf.render_pdf
    monkeypatch.setattr(pdf, "render_pdf", lambda version, **kw: renders.append(version.pk) or real_render(version))
    on_approval(complete_draft, hr, lawyer)
    with TestCase.captureOnCommitCallbacks() as callbacks:
        workflow.approve(version=complete_draft, user=approver, password=PASSWORD)
        assert renders == [], "nothing is rendered inside the approval's transaction"
    assert stored_files(settings) == []
    for callback in callbacks:
        callback()
    assert DBTaskResult.objects.filter(task_path=STORE).count() == 1
    run_tasks(task_path=STORE)
    version = Version.objects.get(pk=complete_draft.pk)
    assert version.pdf and len(version.pdf_sha256) == 64
    # The task run again, and a download, find the stored file: still one render, one file.
    store_version_pdf.call(organisation_id=version.instruction.organisation_id, version_id=version.pk)
    response = login(hr).get(reverse("documents:version_pdf", args=[version.pk]))
    assert response.status_code == 200 and response["ETag"] == f'"{version.pdf_sha256}"'
    assert renders == [version.pk]
    assert len(stored_files(settings)) == 1


def test_the_sign_page_says_the_document_is_being_prepared(complete_draft, hr, lawyer, approver, employee_user):
    on_approval(complete_draft, hr, lawyer)
    workflow.approve(version=complete_draft, user=approver, password=PASSWORD)
    ack = Acknowledgement.objects.get(version=complete_draft, employee__user=employee_user)
    page = login(employee_user).get(reverse("instructions:read", args=[ack.pk])).content.decode()
    assert 'id="document-preparing"' in page and 'id="sign-form"' not in page
    with pytest.raises(WorkflowError):
        acknowledgements.sign(acknowledgement_id=ack.pk, user=employee_user, password=PASSWORD)
    # What the worker does once the approval has committed.
    store_version_pdf.call(organisation_id=complete_draft.instruction.organisation_id, version_id=complete_draft.pk)
    page = login(employee_user).get(reverse("instructions:read", args=[ack.pk])).content.decode()
    assert 'id="sign-form"' in page


def test_an_instruction_with_approved_versions_stays_with_its_organisation(
    approved_version, other_organisation, organisation
):
    instruction = Instruction.objects.get(pk=approved_version.instruction_id)
    instruction.organisation = other_organisation
    with pytest.raises(FrozenVersionError):
        instruction.save()
    with pytest.raises(FrozenVersionError):
        Instruction.objects.filter(pk=instruction.pk).update(organisation=other_organisation)
    assert Instruction.objects.get(pk=instruction.pk).organisation == organisation


def test_the_admin_shows_the_organisation_of_such_an_instruction_read_only(approved_version, other_organisation):
    admin = User.objects.create_superuser("root", "root@example.org", PASSWORD)
    client = login(admin)
    url = reverse("admin:instructions_instruction_change", args=[approved_version.instruction_id])
    page = client.get(url).content.decode()
    assert 'name="organisation"' not in page and 'name="position"' not in page
    client.post(url, {"organisation": other_organisation.pk, "versions-TOTAL_FORMS": "0"})
    assert Instruction.objects.get(pk=approved_version.instruction_id).organisation_id != other_organisation.pk
