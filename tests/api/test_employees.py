"""Employee records through the API: the HR page's validation, the staff import's matching, the record of each write."""

import pytest

from jobdesc.api.models import ApiWrite
from jobdesc.instructions.models import Acknowledgement
from jobdesc.orgs.models import Employee, Position

PROBLEM = "application/problem+json"


def messages_of(response):
    return {error["loc"][-1]: error["msg"] for error in response.json()["errors"]}


def test_hr_adds_a_record_and_the_write_is_recorded_with_the_token_owner(hr_api, hr, position):
    response = hr_api.post(
        "/api/v1/employees",
        {"full_name": "Сидоров  Пётр Ильич", "personnel_number": "0042", "position_id": position.pk, "rate": 0.5},
    )
    assert response.status_code == 201, response.content
    record = Employee.objects.get(personnel_number="0042")
    assert response["Location"] == f"/api/v1/employees/{record.pk}"
    assert response.json()["full_name"] == "Сидоров Пётр Ильич" == record.full_name
    assert response.json()["rate"] == "0.50"
    write = ApiWrite.objects.get()
    assert (write.user, write.action, write.object_id, write.token.user) == (hr, "create", record.pk, hr)


def test_the_hr_pages_rules_refuse_a_record_and_nothing_is_saved(hr_api, position, other_organisation):
    other = Position.objects.create(organisation=other_organisation, title="Чужая должность")
    before = Employee.objects.count()
    response = hr_api.post(
        "/api/v1/employees",
        {
            "full_name": "Сидоров Пётр",
            "position_id": other.pk,
            "hire_date": "2025-02-01",
            "dismissal_date": "2025-01-01",
            "email": "not-an-address",
        },
    )
    assert response.status_code == 422 and response["Content-Type"] == PROBLEM
    assert set(messages_of(response)) >= {"position_id", "dismissal_date", "email"}
    assert "раньше даты приёма" in messages_of(response)["dismissal_date"], "the HR form's own message"
    assert Employee.objects.count() == before and not ApiWrite.objects.exists()


def test_a_second_record_with_the_same_personnel_number_is_refused(hr_api):
    assert hr_api.post("/api/v1/employees", {"full_name": "Сидоров Пётр", "personnel_number": "7"}).status_code == 201
    again = hr_api.post("/api/v1/employees", {"full_name": "Петров Иван", "personnel_number": "7"})
    assert again.status_code == 422 and "personnel_number" in messages_of(again)


def test_an_update_changes_only_the_fields_sent(hr_api, employee_user):
    record = Employee.objects.get(user=employee_user)
    before = {field: getattr(record, field) for field in ("full_name", "position_id", "hire_date", "rate")}
    response = hr_api.patch(f"/api/v1/employees/{record.pk}", {"email": "Ivanov@Example.org"})
    assert response.status_code == 200, response.content
    record.refresh_from_db()
    assert record.email == "ivanov@example.org"
    assert {field: getattr(record, field) for field in before} == before
    assert ApiWrite.objects.get().summary == "email"


def test_a_transfer_through_the_api_asks_for_the_new_instruction_to_be_signed(hr_api, approved_version, organisation):
    newcomer = Employee.objects.create(organisation=organisation, full_name="Новикова Ольга Петровна")
    response = hr_api.patch(
        f"/api/v1/employees/{newcomer.pk}", {"position_id": approved_version.instruction.position_id}
    )
    assert response.status_code == 200
    assert Acknowledgement.objects.filter(employee=newcomer, version=approved_version).exists()


def test_put_by_personnel_number_creates_then_updates_like_the_staff_import(hr_api):
    created = hr_api.put("/api/v1/employees/by-personnel-number/0001", {"full_name": "Орлова Мария Ивановна"})
    assert created.status_code == 201
    updated = hr_api.put("/api/v1/employees/by-personnel-number/0001", {"rate": "0.25"})
    assert updated.status_code == 200 and updated.json()["id"] == created.json()["id"]
    record = Employee.objects.get(personnel_number="0001")
    assert (record.full_name, str(record.rate)) == ("Орлова Мария Ивановна", "0.25")
    missing_name = hr_api.put("/api/v1/employees/by-personnel-number/0002", {"rate": "1"})
    assert missing_name.status_code == 422 and "full_name" in messages_of(missing_name)
    assert [write.action for write in ApiWrite.objects.order_by("pk")] == ["create", "update"]


def test_an_idempotency_key_replays_the_first_answer_and_refuses_another_body(hr_api):
    body = {"full_name": "Сидоров Пётр Ильич"}
    first = hr_api.post("/api/v1/employees", body, headers={"Idempotency-Key": "import-2026-03-01-17"})
    again = hr_api.post("/api/v1/employees", body, headers={"Idempotency-Key": "import-2026-03-01-17"})
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json() and again["Idempotent-Replayed"] == "true"
    assert again["Location"] == first["Location"]
    assert Employee.objects.filter(full_name="Сидоров Пётр Ильич").count() == 1
    other = hr_api.post(
        "/api/v1/employees", {"full_name": "Петров Иван"}, headers={"Idempotency-Key": "import-2026-03-01-17"}
    )
    assert other.status_code == 422 and not Employee.objects.filter(full_name="Петров Иван").exists()
    without_key = hr_api.post("/api/v1/employees", body)
    assert without_key.status_code == 201
    assert Employee.objects.filter(full_name="Сидоров Пётр Ильич").count() == 2


def test_unknown_fields_are_refused(hr_api, employee_user):
    record = Employee.objects.get(user=employee_user)
    response = hr_api.patch(f"/api/v1/employees/{record.pk}", {"user_id": 1, "organisation_id": 2})
    assert response.status_code == 422
    assert Employee.objects.get(pk=record.pk).user_id == employee_user.pk


@pytest.mark.parametrize("method", ["post", "patch", "put"])
def test_an_approver_cannot_write_employee_records(method, approver, employee_user):
    from tests.api.conftest import ApiClient, bearer

    api = ApiClient(bearer(approver))
    record = Employee.objects.get(user=employee_user)
    path = {
        "post": "/api/v1/employees",
        "patch": f"/api/v1/employees/{record.pk}",
        "put": "/api/v1/employees/by-personnel-number/9",
    }[method]
    response = getattr(api, method)(path, {"full_name": "Сидоров Пётр"})
    assert response.status_code == 403 and not ApiWrite.objects.exists()
