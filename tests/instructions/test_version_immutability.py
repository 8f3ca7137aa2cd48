"""An approved version refuses every change at the model level (save, delete, bulk update)."""

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from jobdesc.instructions.drafting.services import start_draft
from jobdesc.instructions.errors import FrozenVersionError, WorkflowError
from jobdesc.instructions.models import Item, Section, Status, Version
from jobdesc.library.sections import MANDATORY_CODES
from tests.conftest import approve_through_workflow


def test_a_new_draft_gets_the_mandatory_skeleton_in_printing_order(position, hr):
    version = start_draft(position=position, user=hr)
    codes = list(version.sections.order_by("order").values_list("kind__code", flat=True))
    assert codes == MANDATORY_CODES
    assert version.number == 1
    assert version.status == Status.DRAFT


def test_a_draft_can_be_edited(complete_draft):
    item = Item.objects.get(section__version=complete_draft, text="Консультирует клиентов.")
    item.text = "Консультирует клиентов по продукции."
    item.save()
    assert Item.objects.get(pk=item.pk).text == "Консультирует клиентов по продукции."


def test_it_refuses_to_change_a_field_of_an_approved_version(approved_version):
    approved_version.effective_date = timezone.localdate() + timezone.timedelta(days=3)
    with pytest.raises(FrozenVersionError):
        approved_version.save()


def test_it_refuses_to_delete_an_approved_version(approved_version):
    with pytest.raises(FrozenVersionError):
        approved_version.delete()
    with pytest.raises(FrozenVersionError):
        Version.objects.filter(pk=approved_version.pk).delete()
    assert Version.objects.filter(pk=approved_version.pk).exists()


def test_it_refuses_a_bulk_update_of_an_approved_version(approved_version):
    with pytest.raises(FrozenVersionError):
        Version.objects.filter(pk=approved_version.pk).update(number=7)
    assert Version.objects.get(pk=approved_version.pk).number == 1


def test_a_status_cannot_be_assigned_or_bulk_updated(complete_draft):
    with pytest.raises(AttributeError):
        complete_draft.status = Status.APPROVED
    with pytest.raises(FrozenVersionError):
        Version.objects.filter(pk=complete_draft.pk).update(status=Status.APPROVED)
    assert Version.objects.get(pk=complete_draft.pk).status == Status.DRAFT


def test_it_refuses_to_change_the_items_of_an_approved_version(approved_version):
    version = approved_version
    before = list(Item.objects.filter(section__version=version).order_by("pk").values_list("text", flat=True))
    item = Item.objects.filter(section__version=version).first()
    item.text = "Подменённый текст."
    with pytest.raises(FrozenVersionError):
        item.save()
    with pytest.raises(FrozenVersionError):
        item.delete()
    with pytest.raises(FrozenVersionError):
        Item.objects.filter(section__version=version).update(text="x")
    with pytest.raises(FrozenVersionError):
        Item.objects.filter(section__version=version).delete()
    section = version.sections.first()
    with pytest.raises(FrozenVersionError):
        Item.objects.create(section=section, order=99, text="Новый пункт.")
    with pytest.raises(FrozenVersionError):
        Section.objects.filter(version=version).update(heading="Другое")
    with pytest.raises(FrozenVersionError):
        section.delete()
    after = list(Item.objects.filter(section__version=version).order_by("pk").values_list("text", flat=True))
    assert after == before


def test_content_cannot_change_while_the_version_is_on_agreement(complete_draft, hr, lawyer):
    from jobdesc.instructions.workflow import services as workflow

    workflow.submit(version=complete_draft, user=hr, officials=[lawyer])
    item = Item.objects.filter(section__version=complete_draft).first()
    item.text = "Изменено на согласовании."
    with pytest.raises(FrozenVersionError):
        item.save()


def test_an_approved_version_may_be_superseded_but_never_reopened(approved_version, position, hr, lawyer, approver):
    from jobdesc.instructions.workflow import services as workflow

    second = workflow.new_version(version=approved_version, user=hr)
    approve_through_workflow(second, hr, [lawyer], approver)
    first = Version.objects.get(pk=approved_version.pk)
    assert first.status == Status.SUPERSEDED
    assert first.superseded_at is not None
    with pytest.raises(WorkflowError):
        workflow.submit(version=first, user=hr, officials=[lawyer])
    assert Version.objects.get(pk=first.pk).status == Status.SUPERSEDED


def test_approval_stores_the_pdf_once_and_its_hash_never_changes(approved_version):
    assert len(approved_version.pdf_sha256) == 64 and approved_version.pdf
    approved_version.pdf_sha256 = "b" * 64
    with pytest.raises(FrozenVersionError):
        approved_version.save()
    assert Version.objects.get(pk=approved_version.pk).pdf_sha256 != "b" * 64


def _force_status(version, status, approver):
    """Bypass the ORM altogether, as a careless script might: only the database is left to object."""
    table = Version._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET status = %s, approved_by_id = %s, approved_at = %s WHERE id = %s",
            [status, approver.pk if approver else None, timezone.now() if approver else None, version.pk],
        )


def test_the_database_allows_one_version_in_force_per_instruction(approved_version, hr, approver):
    from jobdesc.instructions.workflow import services as workflow

    second = workflow.new_version(version=approved_version, user=hr)
    with pytest.raises(IntegrityError), transaction.atomic():
        _force_status(second, "approved", approver)


def test_the_database_refuses_an_approved_status_without_an_approver(complete_draft):
    with pytest.raises(IntegrityError), transaction.atomic():
        _force_status(complete_draft, "approved", None)


def test_it_refuses_a_second_open_draft(complete_draft, position, hr):
    with pytest.raises(WorkflowError):
        start_draft(position=position, user=hr)
    assert Version.objects.filter(instruction__position=position).count() == 1
