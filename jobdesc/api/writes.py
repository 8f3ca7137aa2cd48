"""Writes through the API: the HR pages' forms and services do the work, each change is recorded with its token.

An employee record is validated by the same `EmployeeForm` as on the HR page and saved by the same
service. An update changes only the fields sent, as the staff import changes only the columns a file
has; `upsert_employee` matches a record by personnel number, as the import does.
"""

import hashlib
import json

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.forms.models import model_to_dict
from django.http import HttpResponse
from django.utils.translation import gettext as _

from jobdesc.orgs.forms import EmployeeForm, add_service_errors
from jobdesc.orgs.models import Employee
from jobdesc.orgs.services import EMPLOYEE_FIELDS, create_employee, update_employee

from .models import ApiWrite, IdempotentRequest
from .problems import ApiProblem, invalid

# The API's names of the form's fields where they differ.
API_NAMES = {"position": "position_id"}


def _form_value(value):
    if value is None:
        return ""
    return str(value)


def _validated(organisation, *, instance, changes: dict) -> dict:
    """The form's cleaned data for `instance` (or a new record) with `changes` applied; 422 if it refuses."""
    current = model_to_dict(instance, fields=EMPLOYEE_FIELDS) if instance is not None else {}
    if instance is None:
        blank = Employee()
        current = {"employment": blank.employment, "rate": blank.rate}
    data = {name: _form_value(current.get(name)) for name in EMPLOYEE_FIELDS}
    for api_name, value in changes.items():
        name = {v: k for k, v in API_NAMES.items()}.get(api_name, api_name)
        data[name] = _form_value(value)
    form = EmployeeForm(data, instance=instance, organisation=organisation)
    if not form.is_valid():
        raise invalid(_api_errors(form.errors))
    return form


def _api_errors(errors) -> dict:
    return {API_NAMES.get(field, field): list(messages) for field, messages in errors.items()}


def _save(form, service, **arguments):
    try:
        employee = service(**arguments, **form.cleaned_data)
    except ValidationError as error:
        add_service_errors(form, error)
        raise invalid(_api_errors(form.errors)) from error
    # The answer shows what is stored (rates as 0.50), not what was sent.
    employee.refresh_from_db()
    return employee


def _record(request, action: str, employee: Employee, fields) -> None:
    token = request.auth
    ApiWrite.objects.create(
        organisation=token.organisation,
        token=token,
        user=token.user,
        action=action,
        object_type="employee",
        object_id=employee.pk,
        summary=", ".join(API_NAMES.get(name, name) for name in fields)[:500],
    )


def add_employee(request, changes: dict) -> Employee:
    organisation = request.auth.organisation
    form = _validated(organisation, instance=None, changes=changes)
    employee = _save(form, create_employee, organisation=organisation)
    _record(request, "create", employee, changes)
    return employee


def change_employee(request, employee: Employee, changes: dict) -> Employee:
    form = _validated(employee.organisation, instance=employee, changes=changes)
    employee = _save(form, update_employee, employee=employee)
    _record(request, "update", employee, changes)
    return employee


def upsert_employee(request, personnel_number: str, changes: dict) -> tuple[Employee, bool]:
    """Update the record with this personnel number, or create it; returns it and whether it is new."""
    organisation = request.auth.organisation
    changes = {**changes, "personnel_number": personnel_number}
    existing = (
        Employee.objects.for_organisation(organisation)
        .select_for_update()
        .filter(personnel_number=personnel_number)
        .first()
    )
    if existing is None:
        return add_employee(request, changes), True
    return change_employee(request, existing, changes), False


def fingerprint(request) -> str:
    return hashlib.sha256(request.method.encode() + b" " + request.path.encode() + b"\n" + request.body).hexdigest()


def replayed(request, key: str | None) -> HttpResponse | None:
    """The stored answer to an earlier create with this Idempotency-Key, or None if the key is new."""
    if not key:
        return None
    earlier = IdempotentRequest.objects.filter(token=request.auth, key=key).first()
    if earlier is None:
        return None
    if earlier.fingerprint != fingerprint(request):
        raise ApiProblem(
            422,
            _("Idempotency key reused"),
            _("This Idempotency-Key was used for a different request; use a new key for a new request."),
        )
    response = HttpResponse(bytes(earlier.body), status=earlier.status, content_type="application/json; charset=utf-8")
    if earlier.location:
        response["Location"] = earlier.location
    response["Idempotent-Replayed"] = "true"
    return response


def remember(request, key: str | None, response: HttpResponse) -> None:
    """Keep a successful create's answer for its key; a simultaneous second request with the key gets 409."""
    if not key:
        return
    try:
        with transaction.atomic():
            IdempotentRequest.objects.create(
                token=request.auth,
                key=key,
                fingerprint=fingerprint(request),
                status=response.status_code,
                body=response.content,
                location=response.get("Location", ""),
            )
    except IntegrityError as error:
        raise ApiProblem(
            409, _("Request in progress"), _("Another request with this Idempotency-Key is being processed.")
        ) from error


def body_of(schema) -> dict:
    """The fields the client sent (not the defaults of the ones it left out)."""
    return json.loads(schema.model_dump_json(exclude_unset=True))
