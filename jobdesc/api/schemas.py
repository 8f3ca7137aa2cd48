"""The shapes the API reads and answers; field names follow the models, dates are ISO 8601."""

import datetime
from decimal import Decimal
from typing import Annotated, Literal

from ninja import Field, Schema
from pydantic import ConfigDict, StringConstraints

from jobdesc.instructions.models import Status
from jobdesc.orgs.models import Category, Employment

# Query and body text: bounded, and without NUL, which no database column can hold.
Text = Annotated[str, StringConstraints(max_length=200, pattern=r"^[^\x00]*$")]
Id = Annotated[int, Field(ge=1, le=2_147_483_647)]
MAX_PAGE = 200


class Paging(Schema):
    limit: int = Field(50, ge=1, le=MAX_PAGE, description="How many items to return.")
    offset: int = Field(0, ge=0, le=1_000_000, description="How many items to skip.")


def paged(item_schema, name: str):
    """A page of `item_schema`: the items, how many match in all, and the page's limit and offset."""
    return type(
        name,
        (Schema,),
        {"__annotations__": {"count": int, "limit": int, "offset": int, "items": list[item_schema]}},
    )


def page(rows, paging: Paging) -> dict:
    count = rows.count() if hasattr(rows, "count") and not isinstance(rows, list) else len(rows)
    return {
        "count": count,
        "limit": paging.limit,
        "offset": paging.offset,
        "items": list(rows[paging.offset : paging.offset + paging.limit]),
    }


class OrganisationOut(Schema):
    id: int
    short_name: str
    full_name: str
    inn: str
    kpp: str
    ogrn: str
    address: str
    city: str
    phone: str
    email: str
    head_position: str
    head_name: str
    language: str


class DepartmentOut(Schema):
    id: int
    name: str
    code: str
    parent_id: int | None


class PositionOut(Schema):
    id: int
    title: str
    department_id: int | None
    category: Literal[tuple(Category.values)]  # type: ignore[valid-type]
    reports_to_id: int | None
    rates: Decimal | None
    forms: dict[str, str] = Field(description="The title in the grammatical cases (pymorphy codes).")

    @staticmethod
    def resolve_forms(position):
        return {case: position.form(case) for case in ("nomn", "gent", "datv", "accs", "ablt", "loct")}


class EmployeeOut(Schema):
    id: int
    full_name: str
    personnel_number: str
    email: str
    position_id: int | None
    employment: Literal[tuple(Employment.values)]  # type: ignore[valid-type]
    rate: Decimal
    hire_date: datetime.date | None
    dismissal_date: datetime.date | None
    gender: Literal["m", "f", ""]
    has_login: bool

    @staticmethod
    def resolve_has_login(employee):
        return employee.user_id is not None


# Two words at least (surname and first name), each starting with a letter, as the HR page requires.
FullName = Annotated[
    str, StringConstraints(max_length=300, pattern=r"^\s*[^\W\d_][\w'’.-]*(\s+[^\W\d_][\w'’.-]*)+\s*$")
]
Email = Annotated[str, Field(max_length=254, json_schema_extra={"format": "email"})]


class EmployeeFields(Schema):
    model_config = ConfigDict(extra="forbid")

    personnel_number: Annotated[str, StringConstraints(max_length=30, pattern=r"^[^\x00]*$")] | None = None
    email: Email | None = None
    position_id: Id | None = None
    employment: Literal[tuple(Employment.values)] | None = None  # type: ignore[valid-type]
    rate: Annotated[Decimal, Field(gt=0, le=2, max_digits=4, decimal_places=2)] | None = None
    hire_date: datetime.date | None = None
    dismissal_date: datetime.date | None = None
    gender: Literal["m", "f", ""] | None = Field(None, description="Empty: told from the patronymic.")


class EmployeeCreate(EmployeeFields):
    """A new employee record, validated as on the HR page; the login comes later, by invitation."""

    full_name: FullName = Field(description="Фамилия Имя Отчество, as in the passport.")


class EmployeeUpdate(EmployeeFields):
    """The fields to change; the others stay as they are (as with the staff import). `null` empties a field."""

    full_name: FullName | None = None


class PositionBrief(Schema):
    id: int
    title: str
    department_id: int | None
    department: str | None

    @staticmethod
    def resolve_department(position):
        return position.department.name if position.department_id else None


VersionStatus = Literal[tuple(Status.values)]  # type: ignore[valid-type]


class VersionOut(Schema):
    id: int
    instruction_id: int
    number: int
    status: VersionStatus
    language: str
    created_at: datetime.datetime
    submitted_at: datetime.datetime | None
    approved_at: datetime.datetime | None
    approved_by: str | None
    effective_date: datetime.date | None
    superseded_at: datetime.datetime | None
    withdrawn_at: datetime.datetime | None
    registration_number: int | None
    registered_on: datetime.date | None
    pdf_sha256: str

    @staticmethod
    def resolve_approved_by(version):
        return version.approved_by.display_name if version.approved_by_id else None

    @staticmethod
    def resolve_registration_number(version):
        entry = getattr(version, "journal_entry", None)
        return entry.number if entry else None

    @staticmethod
    def resolve_registered_on(version):
        entry = getattr(version, "journal_entry", None)
        return entry.registered_on if entry else None


class InstructionOut(Schema):
    id: int
    position: PositionBrief
    created_at: datetime.datetime
    in_force_version_id: int | None = Field(description="The approved version, if one is in force.")
    versions: int

    @staticmethod
    def resolve_in_force_version_id(instruction):
        return getattr(instruction, "in_force_id", None)

    @staticmethod
    def resolve_versions(instruction):
        return getattr(instruction, "version_count", 0)


class ItemOut(Schema):
    text: str
    number: str
    children: list["ItemOut"]


class SectionOut(Schema):
    kind: str
    heading: str
    clauses: list[str]
    items: list[ItemOut]


class StructureOut(Schema):
    """A version's text in the form `import_instruction --format json` prints, so it can be imported again."""

    title: str
    language: str
    sections: list[SectionOut]


class JournalEntryOut(Schema):
    number: int
    registered_on: datetime.date
    version_id: int
    instruction_id: int
    position: str
    department: str | None
    version_number: int
    approved_by: str
    effective_date: datetime.date | None
    status: VersionStatus
    ended_on: datetime.date | None


class AcknowledgementOut(Schema):
    id: int
    version_id: int
    instruction_id: int
    employee_id: int
    employee: str
    personnel_number: str
    status: str = Field(description="pending, signed, closed (and any later state of a request).")
    requested_at: datetime.datetime
    signed_at: datetime.datetime | None
    closed_at: datetime.datetime | None
    reminders: int


class ClauseOut(Schema):
    id: int
    section: str
    language: str
    text: str
    tags: list[str]
    source: str
    profession: str
    is_active: bool
    standard: bool
    own: bool = Field(description="The organisation's own clause (otherwise the shared library's).")
    categories: list[str]
    uses: int = Field(description="How many items of the organisation's versions were taken from it.")
