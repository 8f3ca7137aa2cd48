"""The REST API object: token authentication, the conventions every operation follows, and its routers.

Conventions: a bearer token (`Authorization: Bearer jd_…`) on every operation, a per-token rate limit,
refusals as problem details, an ETag on every successful read (a matching `If-None-Match` answers 304),
pages with `limit` and `offset`. The schema is OpenAPI 3.1 at /api/v1/openapi.json.
"""

import hashlib

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponse, HttpResponseNotModified
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.renderers import JSONRenderer
from ninja.security import HttpBearer

from . import ratelimit, tokens
from .problems import PROBLEM_TYPE, ApiProblem, problem_response

# Media types of the operations that answer a file rather than JSON (operation id → media type).
BINARY_RESPONSES: dict[str, str] = {}


class TokenAuth(HttpBearer):
    openapi_description = gettext_lazy("A personal API token, made on your profile page: `Authorization: Bearer jd_…`.")

    def authenticate(self, request, token):
        found = tokens.authenticate(token)
        if found is None:
            return None
        # Keyed by the secret's hash, not the row id: ids are reused by a restored database, counts must not be.
        wait = ratelimit.hit(f"token:{found.key_hash[:32]}")
        if wait:
            raise ApiProblem(
                429,
                _("Too many requests"),
                _("This token has used up its requests for now; try again in %(seconds)d s.") % {"seconds": wait},
                headers={"Retry-After": str(wait)},
            )
        # The token's owner is the request's user: the history (django-simple-history) records them, and
        # the answers speak their language, as the pages do (accounts.middleware.UserLanguageMiddleware).
        request.user = found.user
        translation.activate(found.user.interface_language)
        request.LANGUAGE_CODE = found.user.interface_language
        request.api_token = found
        return found


def etag_for(content: bytes) -> str:
    return '"' + hashlib.sha256(content).hexdigest()[:32] + '"'


def conditional(request, response: HttpResponse, etag: str | None = None) -> HttpResponse:
    """Give a successful read its ETag; answer 304 when the client already holds that representation."""
    if request.method not in ("GET", "HEAD") or response.status_code != 200:
        return response
    etag = etag or etag_for(response.content)
    response["ETag"] = etag
    response["Cache-Control"] = "private, no-cache"
    response["Vary"] = "Authorization"
    held = [tag.strip().removeprefix("W/") for tag in request.headers.get("If-None-Match", "").split(",")]
    if etag in held or "*" in held:
        not_modified = HttpResponseNotModified()
        for header in ("ETag", "Cache-Control", "Vary"):
            not_modified[header] = response[header]
        return not_modified
    return response


class Renderer(JSONRenderer):
    # Cyrillic as it is, not as \u escapes: a person reading the answer sees the names.
    json_dumps_params = {"ensure_ascii": False}


class JobdescAPI(NinjaAPI):
    def create_response(self, request, data, *, status=None, temporal_response=None):
        response = super().create_response(request, data, status=status, temporal_response=temporal_response)
        return conditional(request, response)

    def get_openapi_operation_id(self, operation):
        return operation.view_func.__name__

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        for path in schema["paths"].values():
            for method, operation in path.items():
                responses = {str(code): response for code, response in operation.get("responses", {}).items()}
                operation["responses"] = responses
                for code, response in responses.items():
                    if int(code) >= 400 and "content" in response:
                        response["content"] = {PROBLEM_TYPE: response["content"]["application/json"]}
                binary = BINARY_RESPONSES.get(operation.get("operationId"))
                if binary and "200" in responses:
                    responses["200"]["content"] = {binary: {"schema": {"type": "string", "format": "binary"}}}
                if method == "get" and "200" in responses:
                    responses["304"] = {"description": "Not Modified: the `If-None-Match` ETag is current."}
        return schema


api = JobdescAPI(
    title="jobdesc API",
    version="1",
    description=(
        "Read the organisation's structure, instructions, journal, acknowledgements and library; create and "
        "update employee records. Authenticate with a personal token (profile page → API tokens)."
    ),
    auth=TokenAuth(),
    renderer=Renderer(),
    urls_namespace="api-v1",
    docs_url=None,
    openapi_url="/openapi.json",
)


def _rollback():
    # Requests are atomic (ATOMIC_REQUESTS): a refusal must not commit what happened before it.
    if transaction.get_connection().in_atomic_block:
        transaction.set_rollback(True)


@api.exception_handler(ApiProblem)
def _problem(request, exc: ApiProblem):
    _rollback()
    return problem_response(exc.status, exc.title, exc.detail, errors=exc.errors, headers=exc.headers)


def _location(loc) -> list:
    """Where a field error is, without the name of the view's body parameter: ["body", "rate"]."""
    loc = list(loc)
    if len(loc) > 1 and loc[0] == "body" and loc[1] == "payload":
        del loc[1]
    return loc


@api.exception_handler(ValidationError)
def _invalid(request, exc: ValidationError):
    _rollback()
    errors = [{"loc": _location(error.get("loc", ())), "msg": str(error.get("msg", ""))} for error in exc.errors]
    return problem_response(422, _("Invalid data"), _("The request does not match the schema."), errors=errors)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request, exc):
    return problem_response(
        401,
        _("Unauthorized"),
        _("Send a valid API token: Authorization: Bearer jd_…"),
        headers={"WWW-Authenticate": 'Bearer realm="jobdesc"'},
    )


@api.exception_handler(Http404)
def _missing(request, exc):
    _rollback()
    return problem_response(404, _("Not found"), _("There is no such object in your organisation."))


@api.exception_handler(PermissionDenied)
def _denied(request, exc):
    _rollback()
    return problem_response(403, _("Forbidden"), _("Your role does not allow this."))


@api.exception_handler(HttpError)
def _http_error(request, exc: HttpError):
    _rollback()
    return problem_response(exc.status_code, str(exc))


from . import instructions_api, library_api, orgs_api  # noqa: E402  (the routers register on `api`)

api.add_router("/", orgs_api.router)
api.add_router("/", instructions_api.router)
api.add_router("/", library_api.router)
