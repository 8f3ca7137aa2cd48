"""The campaign's papers HR downloads: a department's sheet to sign in ink and the inspection export (PDF or XLSX).

Served in the instructions' URL namespace beside the campaign pages (jobdesc/documents/instruction_urls.py).
"""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404

from jobdesc import exports, input_rules
from jobdesc.accounts.access import organisation_of, role_required
from jobdesc.accounts.roles import Role
from jobdesc.instructions.acknowledgements import selectors as acknowledgements_selectors
from jobdesc.instructions.acknowledgements.campaign_views import campaign_filters, campaign_of
from jobdesc.orgs.models import Department

from .acknowledgement_papers import method_of, render_department_sheet, render_inspection_export, time_of, words


def _pdf(data, name):
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@role_required(Role.HR)
def campaign_sheet(request, pk):
    campaign = campaign_of(request, pk)
    department_id = request.GET.get("department", "")
    department = None
    if (number := input_rules.as_id(department_id)) is not None:
        department = get_object_or_404(Department, pk=number, organisation=organisation_of(request))
    elif department_id != acknowledgements_selectors.NO_DEPARTMENT:
        raise Http404
    rows = acknowledgements_selectors.filtered(campaign, department=department_id)
    return _pdf(render_department_sheet(campaign, rows, department), f"sheet-{campaign.pk}-{department_id}.pdf")


def _scans_by_request(campaign):
    scans = {}
    for scan in campaign.scans.prefetch_related("requests").order_by("uploaded_at"):
        for ack in scan.requests.all():
            scans[ack.pk] = scan
    return scans


@role_required(Role.HR)
def campaign_export(request, pk, fmt):
    if fmt not in ("pdf", "xlsx"):
        raise Http404
    campaign = campaign_of(request, pk)
    rows = acknowledgements_selectors.filtered(campaign, **campaign_filters(request)).select_related("refusal_act")
    scans = _scans_by_request(campaign)
    if fmt == "pdf":
        return _pdf(render_inspection_export(campaign, rows, scans), f"inspection-{campaign.pk}.pdf")
    w = words(campaign.version.language)
    header = [w["row"], w["employee"], w["position"], w["status"], w["time"], w["method"]]
    lines = (
        [
            number,
            ack.employee.full_name,
            ack.employee.position.title if ack.employee.position else "",
            ack.get_status_display(),
            time_of(ack),
            method_of(ack, w, scans),
        ]
        for number, ack in enumerate(rows, start=1)
    )
    return exports.xlsx_response(f"inspection-{campaign.pk}.xlsx", header, lines)
