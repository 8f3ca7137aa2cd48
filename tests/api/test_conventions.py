"""The API's conventions: problem details, ETags and 304, pages and ordering, the rate limit, ISO 8601 dates."""

import datetime

from jobdesc.orgs.models import Department, Employee
from tests.api.conftest import ApiClient, bearer

PROBLEM = "application/problem+json"


def test_no_token_and_a_wrong_token_answer_401_as_problem_details(client, db):
    for headers in ({}, {"Authorization": "Bearer jd_not-a-token"}, {"Authorization": "Basic aHI6aHI="}):
        response = client.get("/api/v1/organisation", headers=headers)
        assert response.status_code == 401
        assert response["Content-Type"] == PROBLEM
        assert response["WWW-Authenticate"].startswith("Bearer")
        assert response.json()["status"] == 401 and response.json()["title"]


def test_a_logged_in_browser_session_is_not_a_token(hr_client):
    assert hr_client.get("/api/v1/organisation").status_code == 401


def test_a_read_has_an_etag_and_answers_304_while_nothing_changed(hr_api, organisation):
    first = hr_api.get("/api/v1/organisation")
    assert first.status_code == 200 and first["ETag"]
    again = hr_api.get("/api/v1/organisation", headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304 and again["ETag"] == first["ETag"] and again.content == b""
    organisation.city = "Тверь"
    organisation.save()
    changed = hr_api.get("/api/v1/organisation", headers={"If-None-Match": first["ETag"]})
    assert changed.status_code == 200 and changed["ETag"] != first["ETag"]
    assert changed.json()["city"] == "Тверь"


def test_lists_page_with_limit_and_offset_and_order_by_the_named_field(hr_api, organisation):
    for name in ("Бухгалтерия", "Склад", "Архив"):
        Department.objects.create(organisation=organisation, name=name)
    page = hr_api.get("/api/v1/departments", {"limit": 2, "offset": 1, "ordering": "-name"}).json()
    assert page["count"] == 3 and page["limit"] == 2 and page["offset"] == 1
    assert [item["name"] for item in page["items"]] == ["Бухгалтерия", "Архив"]
    assert hr_api.get("/api/v1/departments", {"q": "скл"}).json()["count"] == 1


def test_a_bad_query_is_refused_with_the_place_of_the_error(hr_api):
    response = hr_api.get("/api/v1/departments", {"limit": 0, "ordering": "colour"})
    assert response.status_code == 422 and response["Content-Type"] == PROBLEM
    places = {tuple(error["loc"]) for error in response.json()["errors"]}
    assert ("query", "limit") in places and ("query", "ordering") in places


def test_dates_are_iso_8601(hr_api, employee_user):
    record = hr_api.get("/api/v1/employees").json()["items"][0]
    assert datetime.date.fromisoformat(record["hire_date"]) == Employee.objects.get(user=employee_user).hire_date


def test_a_token_over_its_limit_is_answered_429_and_another_token_is_not(settings, hr, organisation):
    settings.API_RATE_LIMIT = (3, 60)
    busy, calm = ApiClient(bearer(hr, "busy")), ApiClient(bearer(hr, "calm"))
    assert [busy.get("/api/v1/organisation").status_code for _ in range(3)] == [200, 200, 200]
    refused = busy.get("/api/v1/organisation")
    assert refused.status_code == 429 and refused["Content-Type"] == PROBLEM
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert calm.get("/api/v1/organisation").status_code == 200


def test_the_schema_and_its_documentation_are_public_and_the_page_loads_nothing_from_elsewhere(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["openapi"].startswith("3.") and "/api/v1/employees" in schema["paths"]
    assert schema["components"]["securitySchemes"]["TokenAuth"]["scheme"] == "bearer"
    page = client.get("/api/v1/docs/")
    html = page.content.decode()
    assert page.status_code == 200 and "Content-Security-Policy" in page
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in html and "/static/js/api-docs.js" in html
    assert "//cdn" not in html and "unpkg" not in html and "<script>" not in html
    assert client.get("/static/vendor/swagger-ui/swagger-ui-bundle.js").status_code == 200


def _queries(api, path):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert api.get(path).status_code == 200
    return len(captured)


def test_a_longer_list_costs_no_more_queries(hr_api, organisation, position):
    from jobdesc.library.models import Clause, SectionKind
    from jobdesc.orgs.models import Position

    duties = SectionKind.objects.get(code="duties")

    def grow(count):
        for index in range(count):
            Employee.objects.create(organisation=organisation, full_name=f"Иванов{index} Иван", position=position)
            Position.objects.create(organisation=organisation, title=f"Должность {Position.objects.count()}")
            Clause.objects.create(organisation=organisation, section=duties, text=f"Пункт {Clause.objects.count()}.")

    paths = ["/api/v1/employees", "/api/v1/positions", "/api/v1/clauses", "/api/v1/departments"]
    grow(2)
    hr_api.get("/api/v1/organisation")  # the token's first use of the minute writes its «last used»
    few = [_queries(hr_api, path) for path in paths]
    grow(10)
    assert [_queries(hr_api, path) for path in paths] == few
