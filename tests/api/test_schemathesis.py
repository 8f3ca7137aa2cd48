"""Schemathesis against the app's own OpenAPI schema, loaded through WSGI: no server error, no answer outside it.

Every operation gets a bounded number of generated requests (SCHEMATHESIS_MAX_EXAMPLES, 15 by default),
sent with an HR officer's token (the role that may call every operation) to an organisation with an
approved, registered instruction, an employee who must sign it, and a clause of its own.
"""

import os

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from jobdesc.api.api import api
from jobdesc.library.models import Clause, SectionKind
from jobdesc.wsgi import application
from tests.api.conftest import bearer

MAX_EXAMPLES = int(os.environ.get("SCHEMATHESIS_MAX_EXAMPLES", "15"))
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
STAND_IN_PDF = b"%PDF-1.7\n% stand-in for a rendered instruction\n%%EOF\n"


@pytest.fixture
def wsgi_in_test_transaction():
    """Keep the test's database connection open across WSGI requests, as Django's test client does."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def api_schema(db, settings, monkeypatch, wsgi_in_test_transaction):
    settings.API_RATE_LIMIT = (100_000, 60)
    # The PDF itself is tested in tests/documents; here its bytes only have to be stored and served.
    monkeypatch.setattr("jobdesc.documents.pdf.render_pdf", lambda version: STAND_IN_PDF)
    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@pytest.fixture
def token(api_schema, approved_version, employee_user, hr, organisation):
    Clause.objects.create(
        organisation=organisation, section=SectionKind.objects.get(code="duties"), text="Ведёт учёт договоров."
    )
    return bearer(hr)


def operation_ids():
    openapi = api.get_openapi_schema(path_prefix="/api/v1/")
    return sorted(operation["operationId"] for path in openapi["paths"].values() for operation in path.values())


@pytest.mark.parametrize("operation_id", operation_ids())
def test_the_api_answers_every_generated_request_within_its_schema(operation_id, api_schema, token):
    operation = api_schema.find_operation_by_id(operation_id)
    headers = {"Authorization": f"Bearer {token}"}

    @given(case=operation.as_strategy())
    @settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large],
    )
    def answers_within_the_schema(case):
        response = case.call(headers=headers)
        case.validate_response(response, checks=CHECKS, headers=headers)

    answers_within_the_schema()
