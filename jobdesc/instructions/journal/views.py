"""The registry journal page and its exports (HR officers and the head)."""

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render

from jobdesc.accounts.access import organisation_of, role_required
from jobdesc.accounts.roles import Role
from jobdesc.instructions.journal import services as journal
from jobdesc.instructions.models import Status
from jobdesc.orgs.models import Department


def _filters(request):
    return {key: request.GET.get(key, "").strip() for key in ("status", "department", "year", "q")}


@role_required(Role.HR, Role.APPROVER)
def journal_page(request):
    organisation = organisation_of(request)
    filters = _filters(request)
    rows = journal.entries(organisation, **filters).values(*journal.JOURNAL_ROW)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "instructions/journal.html",
        {
            "page": page,
            "filters": filters,
            "statuses": Status.choices,
            "departments": Department.objects.for_organisation(organisation).values_list("pk", "name"),
            "querystring": request.GET.urlencode(),
        },
    )


@role_required(Role.HR, Role.APPROVER)
def journal_export(request, fmt):
    if fmt not in ("csv", "xlsx"):
        raise Http404
    rows = journal.entries(organisation_of(request), **_filters(request))
    if fmt == "xlsx":
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        body = journal.as_xlsx(rows)
    else:
        content_type, body = "text/csv; charset=utf-8", journal.as_csv(rows)
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="journal.{fmt}"'
    return response
