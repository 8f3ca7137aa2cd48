"""The registry journal page and its exports (HR officers and the head)."""

from django.http import Http404
from django.shortcuts import render

from jobdesc import exports
from jobdesc.accounts.access import organisation_of, role_required
from jobdesc.accounts.roles import Role
from jobdesc.instructions.journal import services as journal
from jobdesc.instructions.models import Status
from jobdesc.lists import LOG_PAGE_SIZE, paginate
from jobdesc.orgs.models import Department


def _filters(request):
    return {key: request.GET.get(key, "").strip() for key in ("status", "department", "year", "q")}


@role_required(Role.HR, Role.APPROVER)
def journal_page(request):
    organisation = organisation_of(request)
    filters = _filters(request)
    entries = journal.entries(organisation, **filters)
    page = paginate(entries.values(*journal.JOURNAL_ROW), request.GET.get("page"), LOG_PAGE_SIZE, counted=entries)
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
    if fmt not in exports.FORMATS:
        raise Http404
    entries = journal.entries(organisation_of(request), **_filters(request))
    rows = (journal.row(entry) for entry in entries)
    return exports.response(fmt, f"journal.{fmt}", journal.columns(), rows, **journal.sheet_layout())
