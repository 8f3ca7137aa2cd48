"""An approved version refuses every change at the model level (save, delete, bulk update)."""

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from jobdesc.instructions.errors import FrozenVersionError, WorkflowError
from jobdesc.instructions.models import Item, Section, Status, Version
from jobdesc.instructions.services import start_draft
from jobdesc.library.sections import MANDATORY_CODES


@pytest.fixture
def draft(position, hr):
    return start_draft(
        position=position,
        user=hr,
        sections=[("duties", "", ["Консультирует клиентов.", "Ведёт базу клиентов."])],
    )


def approve(version, approver):
    # The workflow issue adds the real steps; here the rows are put into the approved state directly.
    Version.objects.filter(pk=version.pk).update(
        status=Status.APPROVED, approved_by=approver, approved_at=timezone.now()
    )
    version.refresh_from_db()
    return version


def test_a_new_draft_gets_the_mandatory_skeleton_in_printing_order(position, hr):
    version = start_draft(position=position, user=hr)
    codes = list(version.sections.order_by("order").values_list("kind__code", flat=True))
    assert codes == MANDATORY_CODES
    assert version.number == 1
    assert version.status == Status.DRAFT


def test_a_draft_can_be_edited(draft):
    item = Item.objects.get(section__version=draft, order=1)
    item.text = "Консультирует клиентов по продукции."
    item.save()
    assert Item.objects.get(pk=item.pk).text == "Консультирует клиентов по продукции."


def test_it_refuses_to_change_a_field_of_an_approved_version(draft, approver):
    version = approve(draft, approver)
    version.effective_date = timezone.localdate()
    with pytest.raises(FrozenVersionError):
        version.save()


def test_it_refuses_to_delete_an_approved_version(draft, approver):
    version = approve(draft, approver)
    with pytest.raises(FrozenVersionError):
        version.delete()
    with pytest.raises(FrozenVersionError):
        Version.objects.filter(pk=version.pk).delete()
    assert Version.objects.filter(pk=version.pk).exists()


def test_it_refuses_a_bulk_update_of_an_approved_version(draft, approver):
    version = approve(draft, approver)
    with pytest.raises(FrozenVersionError):
        Version.objects.filter(pk=version.pk).update(number=7)
    assert Version.objects.get(pk=version.pk).number == 1


def test_it_refuses_to_change_the_items_of_an_approved_version(draft, approver):
    version = approve(draft, approver)
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
    assert list(Item.objects.filter(section__version=version).values_list("text", flat=True)) == [
        "Консультирует клиентов.",
        "Ведёт базу клиентов.",
    ]


def test_content_cannot_change_while_the_version_is_on_agreement(draft):
    Version.objects.filter(pk=draft.pk).update(status=Status.AGREEMENT)
    item = Item.objects.filter(section__version=draft).first()
    item.text = "Изменено на согласовании."
    with pytest.raises(FrozenVersionError):
        item.save()


def test_an_approved_version_may_be_superseded_but_never_reopened(draft, approver):
    version = approve(draft, approver)
    version.status = Status.SUPERSEDED
    version.superseded_at = timezone.now()
    version.save()
    version.status = Status.DRAFT
    with pytest.raises(FrozenVersionError):
        version.save()
    assert Version.objects.get(pk=version.pk).status == Status.SUPERSEDED


def test_the_stored_pdf_hash_is_set_once(draft, approver):
    version = approve(draft, approver)
    version.pdf_sha256 = "a" * 64
    version.save()
    version.pdf_sha256 = "b" * 64
    with pytest.raises(FrozenVersionError):
        version.save()


def test_an_instruction_has_at_most_one_version_in_force(draft, approver, position, hr):
    approve(draft, approver)
    second = start_draft(position=position, user=hr)
    with pytest.raises(IntegrityError), transaction.atomic():
        Version.objects.filter(pk=second.pk).update(
            status=Status.APPROVED, approved_by=approver, approved_at=timezone.now()
        )


def test_it_refuses_a_second_open_draft(draft, position, hr):
    with pytest.raises(WorkflowError):
        start_draft(position=position, user=hr)
    assert Version.objects.filter(instruction__position=position).count() == 1


def test_an_approved_status_needs_an_approver(draft):
    with pytest.raises(IntegrityError), transaction.atomic():
        Version.objects.filter(pk=draft.pk).update(status=Status.APPROVED)
