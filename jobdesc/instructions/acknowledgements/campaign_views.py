"""HR's campaign pages: totals per department, the filtered list, bulk actions, paper, refusals.

The printed papers (a department's sheet, the inspection export) are the documents':
jobdesc/documents/acknowledgement_views.py.
"""

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jobdesc import input_rules
from jobdesc.accounts.access import organisation_of, role_required
from jobdesc.accounts.roles import Role
from jobdesc.instructions.acknowledgements import paper as acknowledgements_paper
from jobdesc.instructions.acknowledgements import selectors as acknowledgements_selectors
from jobdesc.instructions.acknowledgements import services as acknowledgements
from jobdesc.instructions.acknowledgements.forms import BulkForm, DueDateForm, LeaveForm, RefusalForm, ScanForm
from jobdesc.instructions.errors import WorkflowError
from jobdesc.instructions.models import OPEN_ACK_STATUSES, Acknowledgement, AckStatus, PaperScan, RefusalAct
from jobdesc.lists import TICK_PAGE_SIZE, paginate


def campaign_of(request, pk):
    campaign = acknowledgements_selectors.campaign_for(organisation_of(request), pk)
    if campaign is None:
        raise Http404
    return campaign


def campaign_filters(request):
    return {
        "department": request.GET.get("department", "")[:20],
        "status": request.GET.get("status", "")[:20],
        "query": request.GET.get("q", "")[:100],
    }


def _ticked(request):
    return input_rules.as_ids(request.POST.getlist("ack"))[:5000]


@role_required(Role.HR)
def campaigns(request):
    return render(
        request,
        "instructions/acknowledgements/campaigns.html",
        {"campaigns": acknowledgements_selectors.campaigns_of(organisation_of(request))},
    )


def _campaign_page(request, campaign, *, status=200, **forms):
    filters = campaign_filters(request)
    rows = acknowledgements_selectors.filtered(campaign, **filters)
    page = paginate(rows, request.GET.get("page"), TICK_PAGE_SIZE)
    departments = acknowledgements_selectors.by_department(campaign)
    return render(
        request,
        "instructions/acknowledgements/campaign.html",
        {
            "campaign": campaign,
            "version": campaign.version,
            "departments": departments,
            "totals": {
                key: sum(d[key] for d in departments) for key in ("total", "signed", "waiting", "overdue", "refused")
            },
            "page": page,
            "filters": filters,
            "statuses": [("open", _("waiting (any)")), *AckStatus.choices],
            "no_department": acknowledgements_selectors.NO_DEPARTMENT,
            "due_form": forms.get("due_form") or DueDateForm(initial={"due_date": campaign.due_date}),
            "bulk_form": forms.get("bulk_form") or BulkForm(),
            "scan_form": forms.get("scan_form") or ScanForm(),
            "ticked": set(_ticked(request)) if request.method == "POST" else set(),
            "scans": campaign.scans.select_related("uploaded_by").prefetch_related("requests__employee"),
            "open_statuses": OPEN_ACK_STATUSES,
        },
        status=status,
    )


@role_required(Role.HR)
def campaign(request, pk):
    return _campaign_page(request, campaign_of(request, pk))


def _back(request, campaign):
    url = reverse("instructions:campaign", args=[campaign.pk])
    query = request.POST.get("query", "")
    return redirect(f"{url}?{query}" if query and "\n" not in query else url)


@require_POST
@role_required(Role.HR)
def campaign_due_date(request, pk):
    campaign = campaign_of(request, pk)
    form = DueDateForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give a valid due date."))
        return _campaign_page(request, campaign, status=400, due_form=form)
    try:
        moved = acknowledgements.change_campaign_due_date(
            campaign=campaign, due_date=form.cleaned_data["due_date"], by=request.user
        )
    except WorkflowError as error:
        messages.error(request, str(error))
        return _campaign_page(request, campaign, status=400, due_form=form)
    messages.success(request, _("The due date is changed; %(count)s requests follow it.") % {"count": moved})
    return _back(request, campaign)


@require_POST
@role_required(Role.HR)
def campaign_bulk(request, pk):
    campaign = campaign_of(request, pk)
    organisation = organisation_of(request)
    form = BulkForm(request.POST)
    ids = list(Acknowledgement.objects.filter(campaign=campaign, pk__in=_ticked(request)).values_list("pk", flat=True))
    if not form.is_valid() or not ids:
        messages.error(
            request, _("Tick the employees and choose what to do.") if form.is_valid() else _("Check the form.")
        )
        return _campaign_page(request, campaign, status=400, bulk_form=form)
    action, data = form.cleaned_data["action"], form.cleaned_data
    try:
        if action == BulkForm.REMIND:
            count = acknowledgements.remind(organisation=organisation, acknowledgement_ids=ids, by=request.user)
            messages.success(request, _("Reminders sent: %(count)s.") % {"count": count})
        elif action == BulkForm.EXTEND:
            count = acknowledgements.extend(
                organisation=organisation, acknowledgement_ids=ids, due_date=data["due_date"], by=request.user
            )
            messages.success(request, _("Due date moved for %(count)s requests.") % {"count": count})
        else:
            count = acknowledgements_paper.record_paper_signatures(
                organisation=organisation, acknowledgement_ids=ids, signed_on=data["signed_on"], by=request.user
            )
            messages.success(request, _("Paper signatures recorded: %(count)s.") % {"count": count})
    except WorkflowError as error:
        messages.error(request, str(error))
        return _campaign_page(request, campaign, status=400, bulk_form=form)
    return _back(request, campaign)


@require_POST
@role_required(Role.HR)
def campaign_scan(request, pk):
    campaign = campaign_of(request, pk)
    form = ScanForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose the file of the scan."))
        return _campaign_page(request, campaign, status=400, scan_form=form)
    try:
        scan = acknowledgements_paper.attach_scan(
            campaign=campaign, upload=form.cleaned_data["scan"], acknowledgement_ids=_ticked(request), by=request.user
        )
    except WorkflowError as error:
        messages.error(request, str(error))
        return _campaign_page(request, campaign, status=400, scan_form=form)
    messages.success(
        request,
        _("The scan is stored (SHA-256 %(hash)s) for %(count)s employees.")
        % {"hash": scan.sha256[:12], "count": scan.requests.count()},
    )
    return _back(request, campaign)


@role_required(Role.HR)
def scan_file(request, pk):
    scan = get_object_or_404(PaperScan, pk=pk, campaign__version__instruction__organisation=organisation_of(request))
    response = FileResponse(scan.file.open("rb"), content_type=scan.content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="scan-{scan.sha256[:12]}.{scan.file.name.rsplit(".", 1)[-1]}"'
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _request(request, pk):
    return get_object_or_404(
        Acknowledgement.objects.select_related(
            "employee__position__department", "version__instruction__position", "campaign", "recorded_by"
        ),
        pk=pk,
        employee__organisation=organisation_of(request),
    )


def _request_page(request, ack, *, status=200, **forms):
    return render(
        request,
        "instructions/acknowledgements/request.html",
        {
            "ack": ack,
            "events": ack.events.select_related("by", "message"),
            "act": RefusalAct.objects.filter(acknowledgement=ack).first(),
            "refusal_form": forms.get("refusal_form") or RefusalForm(),
            "leave_form": forms.get("leave_form") or LeaveForm(),
            "leaves": ack.employee.leaves.all(),
        },
        status=status,
    )


@role_required(Role.HR)
def request_page(request, pk):
    return _request_page(request, _request(request, pk))


@require_POST
@role_required(Role.HR)
def refuse(request, pk):
    ack = _request(request, pk)
    form = RefusalForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Check the form."))
        return _request_page(request, ack, status=400, refusal_form=form)
    try:
        acknowledgements_paper.record_refusal(acknowledgement=ack, by=request.user, **form.cleaned_data)
    except WorkflowError as error:
        messages.error(request, str(error))
        return _request_page(request, ack, status=400, refusal_form=form)
    messages.success(request, _("The refusal is recorded; print the act and have it signed."))
    return redirect("instructions:ack_request", pk=ack.pk)


@role_required(Role.HR)
def refusal_act(request, pk):
    act = get_object_or_404(
        RefusalAct, acknowledgement_id=pk, acknowledgement__employee__organisation=organisation_of(request)
    )
    response = FileResponse(act.pdf.open("rb"), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="refusal-act-{pk}.pdf"'
    return response


@require_POST
@role_required(Role.HR)
def leave(request, pk):
    ack = _request(request, pk)
    form = LeaveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Check the form."))
        return _request_page(request, ack, status=400, leave_form=form)
    try:
        acknowledgements.record_leave(employee=ack.employee, by=request.user, **form.cleaned_data)
    except WorkflowError as error:
        messages.error(request, str(error))
        return _request_page(request, ack, status=400, leave_form=form)
    messages.success(request, _("The absence is recorded; the due dates moved past it."))
    return redirect("instructions:ack_request", pk=ack.pk)
