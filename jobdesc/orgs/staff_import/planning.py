"""What a staff file would change: every row checked, and marked to create, update, leave alone, or refuse with why.

Nothing here writes. Only the columns a file has are compared, so a file without e-mails leaves the
stored e-mails alone; employee rows are matched to records by personnel number, positions by department
and title.
"""

import datetime
import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.translation import gettext as _

from jobdesc.grammar.people import split_full_name

from ..models import MAX_RATE, Category, Department, Employee, Employment, ImportKind, Position
from .reading import COLUMN_LABELS, FileError, Table, as_date, as_text

CREATE, UPDATE, SAME, ERROR = "create", "update", "same", "error"


@dataclass
class RowPlan:
    number: int
    label: str
    action: str = SAME
    errors: list = field(default_factory=list)
    changes: list = field(default_factory=list)  # (column label, old, new)
    values: dict = field(default_factory=dict)
    target: int | None = None  # the primary key of the record or position it updates
    transfer: bool = False

    def refuse(self, message):
        self.errors.append(message)
        self.action = ERROR


@dataclass
class Plan:
    kind: str
    rows: list
    new_departments: list = field(default_factory=list)  # (name, parent name) in creation order
    unknown_headers: list = field(default_factory=list)

    @property
    def counts(self) -> dict:
        counts = {CREATE: 0, UPDATE: 0, SAME: 0, ERROR: 0}
        for row in self.rows:
            counts[row.action] += 1
        counts["transfers"] = sum(1 for row in self.rows if row.transfer)
        counts["departments"] = len(self.new_departments)
        return counts

    @property
    def has_errors(self) -> bool:
        return any(row.action == ERROR for row in self.rows)

    @property
    def digest(self) -> str:
        """A fingerprint of what applying would do: a confirmation applies exactly the previewed plan."""
        payload = [[r.number, r.action, r.target, sorted(r.values.items(), key=str)] for r in self.rows]
        text = json.dumps([self.kind, payload, self.new_departments], default=str, ensure_ascii=False)
        return hashlib.sha256(text.encode()).hexdigest()


def _fold(text: str) -> str:
    return " ".join(str(text).casefold().replace("ё", "е").split())


def _rate(value, row, *, upper=MAX_RATE):
    try:
        rate = Decimal(as_text(value).replace(",", ".").replace(" ", ""))
    except InvalidOperation:
        row.refuse(_("the rate «%(value)s» is not a number") % {"value": as_text(value)})
        return None
    if not rate.is_finite() or rate <= 0 or rate > upper:
        row.refuse(_("the rate %(value)s is not between 0 and %(upper)s") % {"value": as_text(value), "upper": upper})
        return None
    return rate.quantize(Decimal("0.01"))


def _date(value, row, label, today):
    if value in (None, ""):
        return None
    try:
        date = as_date(value)
    except ValueError:
        row.refuse(_("the %(column)s «%(value)s» is not a date") % {"column": label, "value": as_text(value)})
        return None
    if date > today:
        row.refuse(_("the %(column)s %(date)s is in the future") % {"column": label, "date": f"{date:%d.%m.%Y}"})
    return date


EMPLOYMENT_WORDS = {"основн": Employment.MAIN, "main": Employment.MAIN, "совмест": Employment.PART_TIME}
CATEGORY_WORDS = {
    "руковод": Category.MANAGERS,
    "специал": Category.SPECIALISTS,
    "техн": Category.TECHNICAL,
    "служащ": Category.TECHNICAL,
    "рабоч": Category.WORKERS,
}


def _word_choice(value, words):
    folded = _fold(as_text(value))
    for stem, choice in words.items():
        if stem in folded:
            return choice
    return None


class _Structure:
    """The organisation's departments and positions, looked up by folded names without further queries."""

    def __init__(self, organisation):
        self.departments = defaultdict(list)
        for department in Department.objects.for_organisation(organisation).select_related("parent"):
            self.departments[_fold(department.name)].append(department)
        self.positions = {}
        self.titles = defaultdict(list)
        for position in Position.objects.for_organisation(organisation):
            self.positions[(position.department_id, _fold(position.title))] = position
            self.titles[_fold(position.title)].append(position)

    def by_pk(self) -> dict:
        return {position.pk: position for position in self.positions.values()}

    def department(self, name, row):
        found = self.departments.get(_fold(name), [])
        if not found:
            row.refuse(_("unknown department «%(name)s»") % {"name": name})
            return None
        if len(found) > 1:
            row.refuse(_("several departments are called «%(name)s»") % {"name": name})
            return None
        return found[0]

    def position(self, department, title, row):
        if department is not None:
            position = self.positions.get((department.pk, _fold(title)))
            if position is None:
                row.refuse(
                    _("no position «%(title)s» in «%(department)s»: import the staff list first")
                    % {"title": title, "department": department.name}
                )
            return position
        found = self.titles.get(_fold(title), [])
        if len(found) != 1:
            message = _("unknown position «%(title)s»") if not found else _("give the department of «%(title)s»")
            row.refuse(message % {"title": title})
            return None
        return found[0]


def _full_name(values) -> str:
    if values.get("full_name"):
        return as_text(values["full_name"])
    return " ".join(as_text(values.get(part)) for part in ("surname", "first_name", "patronymic")).strip()


def plan_employees(organisation, table: Table, today: datetime.date | None = None) -> Plan:
    today = today or timezone.localdate()
    structure = _Structure(organisation)
    present = set(table.columns)
    existing = {
        employee.personnel_number: employee
        for employee in Employee.objects.for_organisation(organisation)
        .exclude(personnel_number="")
        .select_related("position__department")
    }
    names_by_email = defaultdict(set)
    mains_by_email = set()
    for employee in existing.values():
        if employee.email:
            names_by_email[employee.email].add(_fold(employee.full_name))
            if employee.employment == Employment.MAIN and employee.dismissal_date is None:
                mains_by_email.add(employee.email)
    seen_numbers, file_names_by_email = {}, {}
    plan = Plan(kind=ImportKind.EMPLOYEES, rows=[], unknown_headers=table.unknown_headers)
    for number, values in zip(table.numbers, table.rows, strict=True):
        full_name = _full_name(values)
        personnel_number = as_text(values.get("personnel_number"))
        row = RowPlan(number=number, label=" ".join(filter(None, [personnel_number, full_name])))
        plan.rows.append(row)
        surname, first_name, _patronymic = split_full_name(full_name)
        if not (surname and first_name):
            row.refuse(_("no surname and first name in «%(value)s»") % {"value": full_name})
        if not personnel_number:
            row.refuse(_("no personnel number"))
        elif personnel_number in seen_numbers:
            row.refuse(
                _("duplicate personnel number %(number)s (also in row %(row)s)")
                % {"number": personnel_number, "row": seen_numbers[personnel_number]}
            )
        else:
            seen_numbers[personnel_number] = number
        new = {"full_name": full_name}
        department = None
        if values.get("department"):
            department = structure.department(as_text(values["department"]), row)
        if values.get("position"):
            if department is not None or not values.get("department"):
                position = structure.position(department, as_text(values["position"]), row)
                new["position"] = position.pk if position else None
        elif "position" in present:
            row.refuse(_("no position"))
        if "rate" in present:
            new["rate"] = _rate(values.get("rate", 1), row) if values.get("rate") not in (None, "") else Decimal("1.00")
        if "hire_date" in present:
            new["hire_date"] = _date(values.get("hire_date"), row, COLUMN_LABELS["hire_date"], today)
        if "dismissal_date" in present:
            new["dismissal_date"] = _date(values.get("dismissal_date"), row, COLUMN_LABELS["dismissal_date"], today)
            if new["dismissal_date"] and new.get("hire_date") and new["dismissal_date"] < new["hire_date"]:
                row.refuse(_("dismissed before being hired"))
        if "email" in present:
            email = as_text(values.get("email")).lower()
            if email:
                try:
                    validate_email(email)
                except ValidationError:
                    row.refuse(_("invalid e-mail «%(value)s»") % {"value": email})
                else:
                    others = names_by_email.get(email, set()) - {_fold(full_name)}
                    current = existing.get(personnel_number)
                    if current is not None and current.email == email:
                        others.discard(_fold(current.full_name))
                    if others or file_names_by_email.get(email, _fold(full_name)) != _fold(full_name):
                        row.refuse(_("the e-mail %(email)s belongs to another person") % {"email": email})
                    file_names_by_email.setdefault(email, _fold(full_name))
            new["email"] = email
        if "employment" in present and values.get("employment"):
            employment = _word_choice(values["employment"], EMPLOYMENT_WORDS)
            if employment is None:
                row.refuse(_("unknown employment «%(value)s»") % {"value": as_text(values["employment"])})
            new["employment"] = employment
        if values.get("position"):
            row.label += " — " + ", ".join(
                filter(None, [as_text(values["position"]), as_text(values.get("department"))])
            )
        if row.action == ERROR:
            continue
        current = existing.get(personnel_number)
        if current is None:
            row.action = CREATE
            if "employment" not in new:
                email = new.get("email", "")
                new["employment"] = Employment.PART_TIME if email and email in mains_by_email else Employment.MAIN
            if new["employment"] == Employment.MAIN and new.get("email"):
                mains_by_email.add(new["email"])
            row.values = {**new, "personnel_number": personnel_number}
            continue
        row.target = current.pk
        old = {
            "full_name": current.full_name,
            "position": current.position_id,
            "rate": current.rate,
            "hire_date": current.hire_date,
            "dismissal_date": current.dismissal_date,
            "email": current.email,
            "employment": current.employment,
        }
        changed = {name: value for name, value in new.items() if value != old[name]}
        if changed:
            row.action = UPDATE
            row.values = changed
            row.transfer = "position" in changed and current.position_id is not None
            positions = structure.by_pk() if "position" in changed else {}
            for name, value in changed.items():
                row.changes.append((str(COLUMN_LABELS[name]), _shown(old[name], positions), _shown(value, positions)))
    return plan


def _shown(value, positions) -> str:
    if isinstance(value, int) and value in positions:
        return str(positions[value])
    if isinstance(value, datetime.date):
        return f"{value:%d.%m.%Y}"
    if value is None:
        return "—"
    return str(Employment(value).label) if value in Employment.values else str(value)


STAFF_RATE_LIMIT = Decimal("99999.99")


def plan_staff_list(organisation, table: Table) -> Plan:
    structure = _Structure(organisation)
    plan = Plan(kind=ImportKind.STAFF_LIST, rows=[], unknown_headers=table.unknown_headers)
    present = set(table.columns)
    if "position" not in present:
        raise FileError(_("The staff list needs the column «Должность»."))
    known_departments = {name: found[0] for name, found in structure.departments.items() if len(found) == 1}
    new_departments = {}
    grouped = {}
    for number, values in zip(table.numbers, table.rows, strict=True):
        department_name = as_text(values.get("department"))
        title = as_text(values.get("position"))
        row = RowPlan(number=number, label=" — ".join(filter(None, [department_name, title])))
        if not title:
            row.refuse(_("no position"))
            plan.rows.append(row)
            continue
        folded = _fold(department_name)
        if folded and len(structure.departments.get(folded, [])) > 1:
            row.refuse(_("several departments are called «%(name)s»") % {"name": department_name})
        parent_name = as_text(values.get("parent_department"))
        if folded and folded not in known_departments and folded not in new_departments:
            parent_folded = _fold(parent_name)
            if parent_folded and parent_folded not in known_departments and parent_folded not in new_departments:
                row.refuse(_("unknown parent department «%(name)s»: list it in an earlier row") % {"name": parent_name})
            else:
                new_departments[folded] = (department_name, parent_name)
        rate = _rate(values["rate"], row, upper=STAFF_RATE_LIMIT) if values.get("rate") not in (None, "") else None
        category = None
        if values.get("category"):
            category = _word_choice(values["category"], CATEGORY_WORDS)
            if category is None:
                row.refuse(_("unknown category «%(value)s»") % {"value": as_text(values["category"])})
        key = (folded, _fold(title))
        if key in grouped and row.action != ERROR:
            # 1С lists a position once per salary: its lines add up to the position's staff units.
            first = grouped[key]
            if rate is not None:
                first.values["rates"] = (first.values.get("rates") or Decimal("0")) + rate
            first.label += " " + _("(also row %(row)s)") % {"row": number}
            continue
        plan.rows.append(row)
        if row.action == ERROR:
            continue
        grouped[key] = row
        row.values = {"department": department_name, "title": title, "rates": rate, "category": category}
    plan.new_departments = list(new_departments.values())
    for key, row in grouped.items():
        department = known_departments.get(key[0])
        position = None
        if department is not None or not key[0]:
            position = structure.positions.get((department.pk if department else None, key[1]))
        wanted = {"rates": row.values["rates"], "category": row.values["category"]}
        if position is None:
            row.action = CREATE
            continue
        row.target = position.pk
        changed = {
            name: value for name, value in wanted.items() if value is not None and value != getattr(position, name)
        }
        row.action = UPDATE if changed else SAME
        for name, value in changed.items():
            old = getattr(position, name)
            if name == "category":
                row.changes.append((str(COLUMN_LABELS["category"]), Category(old).label, Category(value).label))
            else:
                row.changes.append((_("staff units"), "—" if old is None else str(old), str(value)))
    return plan


def plan(organisation, table: Table) -> Plan:
    """The plan of a file: an employee list if it names people (ФИО), else a staff list."""
    if {"full_name", "surname"} & set(table.columns):
        return plan_employees(organisation, table)
    if "department" in table.columns or "position" in table.columns:
        return plan_staff_list(organisation, table)
    raise FileError(_("The columns are not those of a staff list or an employee list: see the template."))
