"""Every operation of the REST API, called with a token of every role, of the other organisation, and with none.

The table names, for each operation of the OpenAPI schema, how to call it and the roles whose tokens get
through; every other role's token is answered 403 (or 404 where the object is one the role may not see),
no token 401. A token of the other organisation never reaches this organisation's objects (404) and
no list it gets names them. An operation without a row fails the first test.
"""

from dataclasses import dataclass, field

import pytest
from django.test import Client

from jobdesc.api.api import api
from jobdesc.api.tokens import create_token

HR, AGREEING, APPROVER, EMPLOYEE, ADMIN = "hr", "agreeing", "approver", "employee", "admin"
ROLES = (HR, AGREEING, APPROVER, EMPLOYEE, ADMIN)
MEMBERS = {HR, AGREEING, APPROVER, EMPLOYEE}
OFFICIALS = {HR, AGREEING, APPROVER}
MARKERS = {"own": "Ромашк", "other": "Васил"}


@dataclass(frozen=True)
class Op:
    method: str
    path: object  # world -> path under /api/v1
    allowed: frozenset
    body: object = None  # world -> JSON body
    status: int = 200
    names_object: bool = True
    denied: tuple = (403, 404)
    extra: dict = field(default_factory=dict)


def get(path, allowed, names_object=True):
    return Op("get", path if callable(path) else (lambda w, p=path: p), frozenset(allowed), names_object=names_object)


def new_employee(w):
    return {"full_name": "Новикова Ольга Петровна", "rate": "0.5", "hire_date": "2024-03-01"}


TABLE = {
    "get_organisation": get("/organisation", {HR, ADMIN}, names_object=False),
    "list_departments": get("/departments", {HR}, names_object=False),
    "get_department": get(lambda w: f"/departments/{w.department.pk}", {HR}),
    "list_positions": get("/positions", OFFICIALS, names_object=False),
    "get_position": get(lambda w: f"/positions/{w.position.pk}", OFFICIALS),
    "list_employees": get("/employees", {HR, ADMIN}, names_object=False),
    "get_employee": get(lambda w: f"/employees/{w.employee_record.pk}", {HR, ADMIN}),
    "create_employee": Op("post", lambda w: "/employees", frozenset({HR}), new_employee, 201, names_object=False),
    "update_employee": Op(
        "patch", lambda w: f"/employees/{w.uninvited.pk}", frozenset({HR}), lambda w: {"rate": "0.75"}
    ),
    "put_employee": Op(
        "put",
        lambda w: "/employees/by-personnel-number/T-100",
        frozenset({HR}),
        lambda w: {"full_name": "Табельный Иван Иванович"},
        status=None,
        names_object=False,
    ),
    "list_instructions": get("/instructions", OFFICIALS, names_object=False),
    "get_instruction": get(lambda w: f"/instructions/{w.approved.instruction_id}", OFFICIALS),
    "list_versions": get("/versions", MEMBERS, names_object=False),
    "get_version": get(lambda w: f"/versions/{w.approved.pk}", MEMBERS),
    "get_version_structure": get(lambda w: f"/versions/{w.approved.pk}/structure", MEMBERS),
    "in_force_pdf": get(lambda w: f"/instructions/{w.approved.instruction_id}/in-force.pdf", MEMBERS),
    "in_force_docx": get(lambda w: f"/instructions/{w.approved.instruction_id}/in-force.docx", MEMBERS),
    "list_journal": get("/journal", {HR, APPROVER}, names_object=False),
    "list_acknowledgements": get("/acknowledgements", {HR}, names_object=False),
    "get_acknowledgement": get(lambda w: f"/acknowledgements/{w.acknowledgement.pk}", {HR}),
    "list_clauses": get("/clauses", {HR}, names_object=False),
    "get_clause": get(lambda w: f"/clauses/{w.clause.pk}", {HR}),
}


def operation_ids():
    schema = api.get_openapi_schema(path_prefix="/api/v1/")
    return sorted(operation["operationId"] for path in schema["paths"].values() for operation in path.values())


def call(secret, op, world, path=None):
    client = Client()
    headers = {"Authorization": f"Bearer {secret}"} if secret else {}
    url = "/api/v1" + (path or op.path(world))
    if op.method == "get":
        return client.get(url, headers=headers)
    return getattr(client, op.method)(url, op.body(world), content_type="application/json", headers=headers)


def text_of(response):
    if response.get("Content-Type", "").startswith(("application/json", "application/problem+json")):
        return response.content.decode()
    return ""


def tokens_of(world):
    return {role: create_token(user=getattr(world, role), name=f"matrix {role}")[1] for role in ROLES}


def test_every_api_operation_has_a_row_in_the_table():
    assert operation_ids() == sorted(TABLE), "add the new operation to TABLE with the roles that may call it"


@pytest.mark.parametrize("name", sorted(TABLE))
def test_each_api_operation_lets_in_only_the_tokens_of_its_row(name, world, other_world):
    op = TABLE[name]
    own, foreign = tokens_of(world), tokens_of(other_world)
    for role in ROLES:
        response = call(own[role], op, world)
        where = f"{op.method.upper()} {op.path(world)} as {role}: {response.status_code} {text_of(response)[:200]}"
        if role in op.allowed:
            assert response.status_code == op.status if op.status else response.status_code in (200, 201), where
        else:
            assert response.status_code in op.denied, where
            assert response["Content-Type"] == "application/problem+json", where
        assert MARKERS["other"] not in text_of(response), f"{where} shows the other organisation"
    response = call(None, op, world)
    assert response.status_code == 401, f"{name} without a token: {response.status_code}"
    assert response["WWW-Authenticate"].startswith("Bearer")
    for role in ROLES:
        # The other organisation's token, on this organisation's objects: they do not exist for it.
        response = call(foreign[role], op, world)
        assert MARKERS["own"] not in text_of(response), f"{name} as the other organisation's {role}"
        if op.names_object and role in op.allowed:
            assert response.status_code == 404, f"{name} as the other organisation's {role}: {response.status_code}"
        elif op.names_object:
            assert response.status_code in (403, 404), f"{name} as the other organisation's {role}"


def test_a_revoked_token_and_a_made_up_one_open_nothing(world):
    token, secret = create_token(user=world.hr, name="old")
    assert call(secret, TABLE["get_organisation"], world).status_code == 200
    from jobdesc.api.tokens import revoke_token

    revoke_token(user=world.hr, token_id=token.pk)
    assert call(secret, TABLE["get_organisation"], world).status_code == 401
    assert call("jd_" + "x" * 43, TABLE["get_organisation"], world).status_code == 401


def test_a_token_follows_its_owner_out_of_the_role_and_the_organisation(world, other_world):
    secret = create_token(user=world.hr, name="leaving")[1]
    world.hr.groups.clear()
    assert call(secret, TABLE["list_employees"], world).status_code == 403
    world.hr.organisation = other_world.organisation
    world.hr.save()
    assert call(secret, TABLE["get_organisation"], world).status_code == 401
