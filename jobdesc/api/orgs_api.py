"""API operations on the organisation's structure: the organisation, departments, positions, employee records."""

from typing import Annotated, Literal

from django.db.models import Q
from django.urls import reverse
from ninja import Header, Path, Query, Router
from pydantic import StringConstraints

from jobdesc.orgs.models import Category, Department, Employee, Position
from jobdesc.orgs.selectors import employees_list, positions_list

from . import writes
from .access import get_own, organisation, require
from .problems import WITH_INPUT, WITH_OBJECT, Problem
from .schemas import (
    DepartmentOut,
    EmployeeCreate,
    EmployeeOut,
    EmployeeUpdate,
    Id,
    OrganisationOut,
    Paging,
    PositionOut,
    Text,
    page,
    paged,
)

router = Router(tags=["organisation"])

IDEMPOTENCY_KEY = Header(None, alias="Idempotency-Key", description="A client-chosen key that makes a retry safe.")
PersonnelNumber = Annotated[str, StringConstraints(min_length=1, max_length=30, pattern=r"^[^\x00/]*\S[^\x00/]*$")]

DepartmentPage = paged(DepartmentOut, "DepartmentPage")
PositionPage = paged(PositionOut, "PositionPage")
EmployeePage = paged(EmployeeOut, "EmployeePage")

DEPARTMENT_ORDER = {
    "name": ("name", "pk"),
    "-name": ("-name", "-pk"),
    "code": ("code", "pk"),
    "-code": ("-code", "-pk"),
}
POSITION_ORDER = {"title": ("title", "pk"), "-title": ("-title", "-pk"), "id": ("pk",), "-id": ("-pk",)}
EMPLOYEE_ORDER = {
    "full_name": ("full_name", "pk"),
    "-full_name": ("-full_name", "-pk"),
    "hire_date": ("hire_date", "pk"),
    "-hire_date": ("-hire_date", "-pk"),
    "personnel_number": ("personnel_number", "pk"),
    "-personnel_number": ("-personnel_number", "-pk"),
    "id": ("pk",),
    "-id": ("-pk",),
}


@router.get("/organisation", response={200: OrganisationOut, **WITH_OBJECT}, summary="The token's organisation")
def get_organisation(request):
    require(request, perm="orgs.view_organisation")
    return organisation(request)


@router.get("/departments", response={200: DepartmentPage, **WITH_INPUT}, summary="Departments")
def list_departments(
    request,
    paging: Query[Paging],
    q: Text = "",
    parent_id: Id | None = None,
    ordering: Literal[tuple(DEPARTMENT_ORDER)] = "name",  # type: ignore[valid-type]
):
    require(request, perm="orgs.view_department")
    rows = Department.objects.for_organisation(organisation(request))
    if q:
        rows = rows.filter(Q(name__icontains=q) | Q(code__icontains=q))
    if parent_id is not None:
        rows = rows.filter(parent_id=parent_id)
    return page(rows.order_by(*DEPARTMENT_ORDER[ordering]), paging)


@router.get("/departments/{department_id}", response={200: DepartmentOut, **WITH_OBJECT}, summary="A department")
def get_department(request, department_id: Path[Id]):
    require(request, perm="orgs.view_department")
    return get_own(Department.objects.all(), request, department_id)


@router.get("/positions", response={200: PositionPage, **WITH_INPUT}, summary="Positions")
def list_positions(
    request,
    paging: Query[Paging],
    q: Text = "",
    department_id: Id | None = None,
    category: Literal[tuple(Category.values)] | None = None,  # type: ignore[valid-type]
    ordering: Literal[tuple(POSITION_ORDER)] = "title",  # type: ignore[valid-type]
):
    require(request, perm="orgs.view_position")
    rows = positions_list(organisation(request), search=q, department=department_id, category=category or "")
    return page(rows.order_by(*POSITION_ORDER[ordering]), paging)


@router.get("/positions/{position_id}", response={200: PositionOut, **WITH_OBJECT}, summary="A position")
def get_position(request, position_id: Path[Id]):
    require(request, perm="orgs.view_position")
    return get_own(Position.objects.all(), request, position_id)


@router.get("/employees", response={200: EmployeePage, **WITH_INPUT}, summary="Employee records")
def list_employees(
    request,
    paging: Query[Paging],
    q: Text = "",
    department_id: Id | None = None,
    position_id: Id | None = None,
    personnel_number: Text = "",
    status: Literal["current", "dismissed", "all"] = "current",
    ordering: Literal[tuple(EMPLOYEE_ORDER)] = "full_name",  # type: ignore[valid-type]
):
    require(request, perm="orgs.view_employee")
    rows = employees_list(
        organisation(request), search=q, department=department_id, position=position_id, status=status
    )
    if personnel_number:
        rows = rows.filter(personnel_number=personnel_number)
    return page(rows.order_by(*EMPLOYEE_ORDER[ordering]), paging)


@router.get("/employees/{employee_id}", response={200: EmployeeOut, **WITH_OBJECT}, summary="An employee record")
def get_employee(request, employee_id: Path[Id]):
    require(request, perm="orgs.view_employee")
    return get_own(Employee.objects.all(), request, employee_id)


def _employee_response(request, employee, status):
    # Imported here: api.py imports this router module at its end.
    from .api import api

    data = EmployeeOut.from_orm(employee).model_dump(mode="json")
    response = api.create_response(request, data, status=status)
    response["Location"] = reverse("api-v1:get_employee", kwargs={"employee_id": employee.pk})
    return response


@router.post(
    "/employees",
    response={201: EmployeeOut, 409: Problem, **WITH_INPUT},
    summary="Add an employee record",
    description=(
        "Validated as on the HR page. Send an `Idempotency-Key` header to make a retry safe: the same key "
        "with the same body answers the first response again (header `Idempotent-Replayed: true`)."
    ),
)
def create_employee(request, payload: EmployeeCreate, idempotency_key: Text | None = IDEMPOTENCY_KEY):
    require(request, perm="orgs.add_employee")
    earlier = writes.replayed(request, idempotency_key)
    if earlier is not None:
        return earlier
    employee = writes.add_employee(request, writes.body_of(payload))
    response = _employee_response(request, employee, 201)
    writes.remember(request, idempotency_key, response)
    return response


@router.patch(
    "/employees/{employee_id}",
    response={200: EmployeeOut, **WITH_OBJECT, **WITH_INPUT},
    summary="Change an employee record",
    description="Only the fields sent change, as with the staff import; `null` empties a field.",
)
def update_employee(request, employee_id: Path[Id], payload: EmployeeUpdate):
    require(request, perm="orgs.change_employee")
    employee = get_own(Employee.objects.select_for_update(), request, employee_id)
    return writes.change_employee(request, employee, writes.body_of(payload))


@router.put(
    "/employees/by-personnel-number/{personnel_number}",
    response={200: EmployeeOut, 201: EmployeeOut, **WITH_INPUT},
    summary="Create or update the record with this personnel number",
    description=(
        "The staff import's rule: a row is matched to a record by personnel number; a known one changes "
        "only in the fields sent, an unknown one is created (then `full_name` is required)."
    ),
)
def put_employee(request, personnel_number: Path[PersonnelNumber], payload: EmployeeUpdate):
    require(request, perm="orgs.add_employee")
    require(request, perm="orgs.change_employee")
    changes = writes.body_of(payload)
    changes.pop("personnel_number", None)
    employee, created = writes.upsert_employee(request, personnel_number.strip(), changes)
    return _employee_response(request, employee, 201 if created else 200)
