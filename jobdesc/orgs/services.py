"""Writes to an organisation's structure; positions keep their grammatical forms up to date.

Functions take keyword arguments, check that everything they link belongs to the same
organisation, validate the row with `full_clean` (raising `ValidationError`) and refuse a
deletion that would orphan other rows with a `StructureError`.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from jobdesc.grammar.inflect import declensions

from .models import Department, Employee, Organisation, Position
from .signals import announce_employees_changed

# The settings an HR officer may change; the organisation's identity and its users are not among them.
ORGANISATION_FIELDS = (
    "full_name",
    "short_name",
    "inn",
    "kpp",
    "ogrn",
    "address",
    "city",
    "phone",
    "email",
    "head_position",
    "head_name",
    "language",
    "font_size_pt",
    "margin_left_mm",
    "original_mode",
    "instructions_in_contract",
    "review_period_months",
    "relaxed_duties",
    "ack_due_working_days",
)
# Cases whose form an HR officer may correct by hand.
# In the order of the usual table of cases: Р, Д, В, Т, П.
OVERRIDABLE_CASES = ("gent", "datv", "accs", "ablt", "loct")


class StructureError(Exception):
    """An action the organisation's structure refuses; the message is for the user."""


def refresh_declensions(position: Position) -> None:
    """Recompute the title's case forms; hand-made overrides are kept and still win."""
    position.declensions = declensions(position.title)


# The data an instruction describes the post by: a change makes the instruction in force due for review.
REVIEWED_POSITION_FIELDS = ("title", "department_id", "reports_to_id", "category")


def save_position(position: Position) -> Position:
    """Validate and save a position (new or changed), with its case forms computed from the title.

    A change of what an instruction describes the post by (from a form or the staff import) is dated,
    so the instruction in force is due for review.
    """
    refresh_declensions(position)
    if position.pk:
        stored = Position.objects.filter(pk=position.pk).values_list(*REVIEWED_POSITION_FIELDS).first()
        if stored is not None and list(stored) != [getattr(position, name) for name in REVIEWED_POSITION_FIELDS]:
            position.data_changed_at = timezone.now()
    position.full_clean()
    position.save()
    return position


def create_organisation(*, short_name: str, full_name: str, inn: str = "", city: str = "", interface_language="ru"):
    """A new organisation with its letterhead name; the rest of the settings are HR's to fill in."""
    organisation = Organisation(
        short_name=short_name.strip(),
        full_name=full_name.strip(),
        inn=inn.strip(),
        city=city.strip(),
        interface_language=interface_language,
        language="ru",
    )
    organisation.full_clean()
    if organisation.inn and Organisation.objects.filter(inn=organisation.inn).exists():
        raise ValidationError({"inn": _("An organisation with this INN exists already.")})
    organisation.save()
    return organisation


def update_access(*, organisation: Organisation, by, interface_language, ldap_login=None, oidc_login=None):
    """An administrator's choice of the interface language and of the directory sign-ins offered."""
    if not by.is_org_admin or by.organisation_id != organisation.pk:
        raise StructureError(_("Only an organisation administrator changes the sign-in."))
    organisation.interface_language = interface_language
    fields = ["interface_language"]
    for name, value in (("ldap_login", ldap_login), ("oidc_login", oidc_login)):
        if value is not None:
            setattr(organisation, name, value)
            fields.append(name)
    organisation.full_clean()
    organisation.save(update_fields=fields)
    return organisation


def update_organisation(*, organisation: Organisation, logo=None, **fields) -> Organisation:
    """Change the letterhead and document settings.

    `logo` is a checked image file to store, `False` to remove the logo, or `None` to keep it;
    a replaced logo's file is deleted once the change is committed.
    """
    unknown = set(fields) - set(ORGANISATION_FIELDS)
    if unknown:
        raise TypeError(f"Not a setting of the organisation: {', '.join(sorted(unknown))}")
    for name, value in fields.items():
        setattr(organisation, name, value)
    old_logo = organisation.logo.name
    if logo is False:
        organisation.logo = ""
    elif logo is not None:
        organisation.logo = logo
    organisation.full_clean()
    organisation.save()
    if old_logo and organisation.logo.name != old_logo:
        storage = organisation.logo.storage
        transaction.on_commit(lambda: storage.delete(old_logo))
    return organisation


def _own(organisation, obj, field, message):
    if obj is not None and obj.organisation_id != organisation.pk:
        raise ValidationError({field: message})


def _below(edges, root: int) -> set[int]:
    """Ids reachable downwards from `root` in a tree given as (id, parent id) pairs, at any depth."""
    children = {}
    for pk, parent_id in edges:
        children.setdefault(parent_id, []).append(pk)
    found, stack = set(), list(children.get(root, []))
    while stack:
        pk = stack.pop()
        if pk not in found:
            found.add(pk)
            stack.extend(children.get(pk, []))
    return found


def department_descendants(department: Department) -> set[int]:
    """Ids of the departments below `department`, at any depth."""
    departments = Department.objects.for_organisation(department.organisation_id)
    return _below(departments.values_list("pk", "parent"), department.pk)


def _check_parent(department: Department) -> None:
    parent = department.parent
    _own(department.organisation, parent, "parent", _("Choose a department of your organisation."))
    if (
        parent is not None
        and department.pk
        and (parent.pk == department.pk or parent.pk in department_descendants(department))
    ):
        raise ValidationError({"parent": _("A department cannot sit inside itself or one of its own sub-departments.")})


def _check_unique_name(department: Department) -> None:
    # The model's constraint lets NULLs differ, so two top-level departments could share a name.
    siblings = Department.objects.for_organisation(department.organisation).filter(
        parent=department.parent, name=department.name
    )
    if siblings.exclude(pk=department.pk).exists():
        raise ValidationError({"name": _("There is already a department with this name at this place.")})


def create_department(*, organisation: Organisation, name: str, code: str = "", parent=None) -> Department:
    department = Department(organisation=organisation, name=name, code=code, parent=parent)
    _check_parent(department)
    _check_unique_name(department)
    department.full_clean()
    department.save()
    return department


def update_department(*, department: Department, name: str, code: str = "", parent=None) -> Department:
    department.name, department.code, department.parent = name, code, parent
    _check_parent(department)
    _check_unique_name(department)
    department.full_clean()
    department.save()
    return department


def delete_department(*, department: Department) -> None:
    """Delete an unused department; one that still holds positions or sub-departments is refused."""
    positions = department.positions.count()
    if positions:
        raise StructureError(
            ngettext(
                "«%(name)s» cannot be deleted: %(count)d position still belongs to it.",
                "«%(name)s» cannot be deleted: %(count)d positions still belong to it.",
                positions,
            )
            % {"name": department.name, "count": positions}
        )
    children = department.children.count()
    if children:
        raise StructureError(
            ngettext(
                "«%(name)s» cannot be deleted: it still has %(count)d sub-department.",
                "«%(name)s» cannot be deleted: it still has %(count)d sub-departments.",
                children,
            )
            % {"name": department.name, "count": children}
        )
    try:
        department.delete()
    except ProtectedError as error:
        raise StructureError(_("«%(name)s» is still in use.") % {"name": department.name}) from error


def position_subordinates(position: Position) -> set[int]:
    """Ids of the positions reporting to `position`, directly or through others."""
    positions = Position.objects.for_organisation(position.organisation_id)
    return _below(positions.values_list("pk", "reports_to"), position.pk)


def _apply_position(position: Position, *, overrides, **fields) -> Position:
    for name, value in fields.items():
        setattr(position, name, value)
    organisation, reports_to = position.organisation, position.reports_to
    _own(organisation, position.department, "department", _("Choose a department of your organisation."))
    _own(organisation, reports_to, "reports_to", _("Choose a position of your organisation."))
    if (
        reports_to is not None
        and position.pk
        and (reports_to.pk == position.pk or reports_to.pk in position_subordinates(position))
    ):
        raise ValidationError({"reports_to": _("A position cannot report to itself or to one of its subordinates.")})
    # The model's constraint lets NULLs differ, so two positions without a department could share a title.
    namesakes = Position.objects.for_organisation(organisation).filter(
        department=position.department, title=position.title
    )
    if namesakes.exclude(pk=position.pk).exists():
        raise ValidationError({"title": _("There is already a position with this title in this department.")})
    refresh_declensions(position)
    position.declension_overrides = _overrides(position, overrides or {})
    return save_position(position)


def _overrides(position: Position, overrides: dict) -> dict:
    """Keep the filled-in corrections; one equal to the computed form is dropped so it follows later title changes."""
    unknown = set(overrides) - set(OVERRIDABLE_CASES)
    if unknown:
        raise TypeError(f"Not a correctable case: {', '.join(sorted(unknown))}")
    kept = {}
    for case, text in overrides.items():
        text = " ".join((text or "").split())
        if text and text != position.declensions.get(case):
            kept[case] = text
    return kept


def create_position(
    *, organisation: Organisation, title: str, department=None, category=None, reports_to=None, overrides=None
) -> Position:
    """A new position with its case forms; `overrides` maps a case code to a form corrected by hand."""
    position = Position(organisation=organisation)
    if category:
        position.category = category
    return _apply_position(
        position,
        title=title,
        department=department,
        category=position.category,
        reports_to=reports_to,
        overrides=overrides,
    )


def update_position(
    *, position: Position, title: str, department=None, category=None, reports_to=None, overrides=None
) -> Position:
    """Change a position; its case forms are recomputed and the corrections in `overrides` replace the old ones."""
    return _apply_position(
        position,
        title=title,
        department=department,
        category=category or position.category,
        reports_to=reports_to,
        overrides=overrides,
    )


def delete_position(*, position: Position) -> None:
    """Delete a position nobody holds and no instruction describes; otherwise refuse."""
    holders = position.employees.count()
    if holders:
        raise StructureError(
            ngettext(
                "«%(title)s» cannot be deleted: %(count)d employee holds it.",
                "«%(title)s» cannot be deleted: %(count)d employees hold it.",
                holders,
            )
            % {"title": position.title, "count": holders}
        )
    if Position.objects.filter(pk=position.pk, instruction__isnull=False).exists():
        raise StructureError(_("«%(title)s» cannot be deleted: it has a job description.") % {"title": position.title})
    try:
        position.delete()
    except ProtectedError as error:
        raise StructureError(_("«%(title)s» is still in use.") % {"title": position.title}) from error


# The fields of an employee record HR edits; the login is never among them (see jobdesc/orgs/invitations.py).
EMPLOYEE_FIELDS = (
    "full_name",
    "personnel_number",
    "email",
    "position",
    "employment",
    "rate",
    "hire_date",
    "dismissal_date",
    "gender",
)


def _apply_employee(employee: Employee, **fields) -> Employee:
    unknown = set(fields) - set(EMPLOYEE_FIELDS)
    if unknown:
        raise TypeError(f"Not an employee field HR edits: {', '.join(sorted(unknown))}")
    for name, value in fields.items():
        setattr(employee, name, value)
    employee.full_name = " ".join(employee.full_name.split())
    employee.personnel_number = employee.personnel_number.strip()
    employee.email = employee.email.strip().lower()
    organisation = employee.organisation
    _own(organisation, employee.position, "position", _("Choose a position of your organisation."))
    if employee.hire_date and employee.dismissal_date and employee.dismissal_date < employee.hire_date:
        raise ValidationError({"dismissal_date": _("The dismissal date cannot be earlier than the hire date.")})
    if (
        employee.personnel_number
        and Employee.objects.for_organisation(organisation)
        .filter(personnel_number=employee.personnel_number)
        .exclude(pk=employee.pk)
        .exists()
    ):
        raise ValidationError({"personnel_number": _("Another employee record has this personnel number.")})
    employee.full_clean(validate_constraints=False)
    before = Employee.objects.filter(pk=employee.pk).values_list("position_id", flat=True).first()
    employee.save()
    # A new hire or a move to another position asks for the signature of that position's instruction.
    moved = before is not None and before != employee.position_id
    announce_employees_changed(
        organisation=organisation, employees=[employee], transfers=[employee.pk] if moved else []
    )
    return employee


def create_employee(*, organisation: Organisation, full_name: str, **fields) -> Employee:
    """A new employee record; an empty `gender` is told from the patronymic. The login comes by invitation."""
    return _apply_employee(Employee(organisation=organisation), full_name=full_name, **fields)


def update_employee(*, employee: Employee, **fields) -> Employee:
    """Change the named fields of an employee record (the others stay as they are)."""
    return _apply_employee(employee, **fields)
