"""Writing a checked plan: everything in one transaction, or nothing; progress reported as it goes."""

from collections.abc import Callable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Department, Employee, ImportKind, ImportStatus, Position, StaffImport
from ..services import save_position
from ..signals import announce_employees_changed
from .planning import CREATE, UPDATE, Plan, _fold, plan
from .reading import read

BATCH = 500


class ImportRefused(Exception):
    """An import that cannot be applied; the message is for the user."""


def planned(staff_import: StaffImport) -> Plan:
    return plan(staff_import.organisation, read(bytes(staff_import.content), staff_import.file_name))


def _no_progress(done, total):
    return None


def apply(*, staff_import_id: int, by, progress: Callable[[int, int], None] = _no_progress) -> dict:
    """Apply an uploaded file whose preview HR confirmed; refuses if it has bad rows or changed since the preview."""
    steps = apply_steps(staff_import_id=staff_import_id, by=by)
    while True:
        try:
            progress(*next(steps))
        except StopIteration as finished:
            return finished.value


def apply_steps(*, staff_import_id: int, by):
    """`apply` as a generator of (rows done, rows in all) that returns the counts: a page streams the progress.

    The transaction stays open between the steps; a consumer that stops early rolls all of it back.
    """
    with transaction.atomic():
        staff_import = (
            StaffImport.objects.select_for_update().select_related("organisation").filter(pk=staff_import_id).first()
        )
        if staff_import is None or staff_import.organisation_id != by.organisation_id or not by.is_hr:
            raise ImportRefused(_("There is no such import."))
        if staff_import.status != ImportStatus.PREVIEW:
            raise ImportRefused(_("This file is imported already."))
        current = planned(staff_import)
        if current.has_errors:
            raise ImportRefused(_("The file has bad rows: nothing was imported."))
        if current.digest != staff_import.plan_digest:
            raise ImportRefused(_("The data changed since the preview: look at the new preview and confirm again."))
        if current.kind == ImportKind.STAFF_LIST:
            yield from _apply_staff_list(staff_import.organisation, current)
        else:
            yield from _apply_employees(staff_import.organisation, current)
        staff_import.status, staff_import.applied_at = ImportStatus.APPLIED, timezone.now()
        staff_import.summary = current.counts
        staff_import.save(update_fields=["status", "applied_at", "summary"])
        return current.counts


def _apply_staff_list(organisation, current: Plan):
    departments = {_fold(d.name): d for d in Department.objects.for_organisation(organisation)}
    for name, parent_name in current.new_departments:
        parent = departments.get(_fold(parent_name)) if parent_name else None
        departments[_fold(name)] = Department.objects.create(organisation=organisation, name=name, parent=parent)
    rows = [row for row in current.rows if row.action in (CREATE, UPDATE)]
    positions = Position.objects.for_organisation(organisation).in_bulk([row.target for row in rows if row.target])
    for done, row in enumerate(rows, start=1):
        values = row.values
        if row.action == CREATE:
            position = Position(
                organisation=organisation,
                title=values["title"],
                department=departments.get(_fold(values["department"])) if values["department"] else None,
            )
        else:
            position = positions[row.target]
        if values["rates"] is not None:
            position.rates = values["rates"]
        if values["category"]:
            position.category = values["category"]
        save_position(position)
        if done % 50 == 0:
            yield done, len(rows)
    yield len(rows), len(rows)


def _apply_employees(organisation, current: Plan):
    rows = [row for row in current.rows if row.action in (CREATE, UPDATE)]
    total, done = len(rows), 0
    hired, moved = [], []
    created = [row for row in rows if row.action == CREATE]
    for start in range(0, len(created), BATCH):
        batch = created[start : start + BATCH]
        records = [Employee(organisation=organisation, **_fields(row.values)) for row in batch]
        Employee.objects.bulk_create(records, batch_size=BATCH)
        hired.extend(record for record in records if record.position_id)
        done += len(batch)
        yield done, total
    updated = [row for row in rows if row.action == UPDATE]
    records = Employee.objects.for_organisation(organisation).in_bulk([row.target for row in updated])
    for start in range(0, len(updated), BATCH):
        batch = updated[start : start + BATCH]
        changed_fields, changed = set(), []
        for row in batch:
            record = records[row.target]
            for name, value in _fields(row.values).items():
                setattr(record, name, value)
                changed_fields.add(name)
            changed.append(record)
            if "position" in row.values or "dismissal_date" in row.values:
                moved.append(record)
        Employee.objects.bulk_update(changed, sorted(changed_fields), batch_size=BATCH)
        done += len(batch)
        yield done, total
    # A new hire, a transfer or a dismissal: each person is asked to sign exactly their position's instruction.
    announce_employees_changed(
        organisation=organisation, employees=[*hired, *moved], transfers=[record.pk for record in moved]
    )


def _fields(values: dict) -> dict:
    fields = dict(values)
    if "position" in fields:
        fields["position_id"] = fields.pop("position")
    return fields
