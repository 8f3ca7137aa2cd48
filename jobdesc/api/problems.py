"""Errors of the API as RFC 9457 problem details (`application/problem+json`), answered in one place."""

import json

from django.http import HttpResponse
from django.utils.translation import gettext as _
from ninja import Schema

PROBLEM_TYPE = "application/problem+json"


class Problem(Schema):
    """What every refusal of the API answers: the HTTP status with a title a person can read."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str = ""
    # Field errors of a refused body or query: where (`loc`) and what is wrong (`msg`).
    errors: list[dict] | None = None


class ApiProblem(Exception):
    def __init__(self, status: int, title: str, detail: str = "", *, errors=None, headers=None):
        super().__init__(title)
        self.status, self.title, self.detail, self.errors = status, title, detail, errors
        self.headers = headers or {}


def problem_response(status: int, title: str, detail: str = "", *, errors=None, headers=None) -> HttpResponse:
    body = {"type": "about:blank", "title": str(title), "status": status, "detail": str(detail)}
    if errors is not None:
        body["errors"] = errors
    response = HttpResponse(json.dumps(body, ensure_ascii=False), status=status, content_type=PROBLEM_TYPE)
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def not_found(detail: str = "") -> ApiProblem:
    return ApiProblem(404, _("Not found"), detail or _("There is no such object in your organisation."))


def forbidden() -> ApiProblem:
    return ApiProblem(403, _("Forbidden"), _("Your role does not allow this."))


def invalid(errors: dict) -> ApiProblem:
    """A refused body: Django form or service errors by field, in the shape of the body's own validation errors."""
    listed = [
        {"loc": ["body", field] if field != "__all__" else ["body"], "msg": str(message)}
        for field, messages in errors.items()
        for message in messages
    ]
    return ApiProblem(422, _("Invalid data"), _("Nothing was saved: correct the listed fields."), errors=listed)


# The responses every authenticated operation may give besides its own.
COMMON = {401: Problem, 403: Problem, 429: Problem}
WITH_OBJECT = {**COMMON, 404: Problem, 422: Problem}
WITH_INPUT = {**COMMON, 422: Problem}
