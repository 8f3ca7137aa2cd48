"""Pages of acknowledgement: the employee's instructions and signature, and HR's overview with reminders."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jobdesc import exports, input_rules, redirects
from jobdesc.accounts.access import organisation_of, role_required
from jobdesc.accounts.roles import Role
from jobdesc.accounts.throttling import client_ip
from jobdesc.instructions.acknowledgements import services as acknowledgements
from jobdesc.instructions.acknowledgements.forms import SignForm
from jobdesc.instructions.diff.services import compare
from jobdesc.instructions.errors import WorkflowError
from jobdesc.instructions.models import Acknowledgement, AckStatus
from jobdesc.instructions.record import printed_names
from jobdesc.lists import TICK_PAGE_SIZE


def _own_employments(request):
    """The person's employee records (main place of work first); a login without one has nothing to sign."""
    employments = list(request.user.employments.select_related("position").order_by("employment", "pk"))
    if not employments:
        raise Http404
    return employments


@role_required()
def my_instructions(request):
    employments = _own_employments(request)
    acks = (
        Acknowledgement.objects.filter(employee__in=employments)
        .exclude(status=AckStatus.CLOSED)
        .select_related("version__instruction__position")
        .order_by("-requested_at")
    )
    return render(
        request,
        "instructions/my_instructions.html",
        {
            "employee": employments[0],
            "employments": employments,
            "pending": sorted((a for a in acks if a.is_open), key=lambda a: (a.due_date is None, a.due_date)),
            "signed": [a for a in acks if a.is_signed],
            "refused": [a for a in acks if a.status == AckStatus.REFUSED],
        },
    )


@role_required()
def read(request, pk, form=None):
    ack = get_object_or_404(
        Acknowledgement.objects.select_related("version__instruction__position", "employee"),
        pk=pk,
        employee__user=request.user,
    )
    if form is None:
        acknowledgements.mark_viewed(ack, user=request.user)
    previous = acknowledgements.previous_signed(ack)
    changes = compare(previous.version, ack.version) if previous else None
    _organisation, position = printed_names(ack.version)
    return render(
        request,
        "instructions/read_and_sign.html",
        {
            "ack": ack,
            "version": ack.version,
            "position": position,
            "previous": previous,
            "changes": [s for s in changes if s.changed] if changes else None,
            "form": form or SignForm(),
            "acquainted": ack.employee.acquainted_word,
        },
        status=400 if form is not None else 200,
    )


@require_POST
@role_required()
def sign(request, pk):
    form = SignForm(request.POST, request=request)
    if not form.is_valid():
        messages.error(request, _("Enter your password to sign."))
        return read(request, pk, form=form)
    try:
        acknowledgements.sign(
            acknowledgement_id=pk,
            user=request.user,
            password=form.cleaned_data["password"],
            ip_address=client_ip(request),
            user_agent=request.META.get("HTTP_USER_AGENT", ""),
        )
    except WorkflowError as error:
        messages.error(request, str(error))
        if not Acknowledgement.objects.filter(pk=pk, employee__user=request.user).exists():
            raise Http404 from error
        return read(request, pk, form=form)
    messages.success(request, _("Signed: you have read the instruction."))
    return redirect("instructions:my_instructions")


def _dashboard_filters(request):
    department = request.GET.get("department", "")
    position = request.GET.get("position", "")
    return {
        "department": input_rules.as_id(department),
        "position": input_rules.as_id(position),
        "state": request.GET.get("state", ""),
    }


@role_required(Role.HR)
def dashboard(request):
    organisation = organisation_of(request)
    filters = _dashboard_filters(request)
    rows, totals, by_department = acknowledgements.dashboard(organisation, **filters)
    # Every row is in one instruction's totals: their sum is the count, without asking the database again.
    page = Paginator(rows, TICK_PAGE_SIZE).get_page(request.GET.get("page"))
    departments, positions = acknowledgements.dashboard_choices(organisation)
    return render(
        request,
        "instructions/ack_dashboard.html",
        {
            "page": page,
            "totals": totals,
            "by_department": by_department,
            "filters": filters,
            "departments": departments,
            "positions": positions,
            "querystring": request.GET.urlencode(),
        },
    )


@require_POST
@role_required(Role.HR)
def remind(request):
    ids = input_rules.as_ids(request.POST.getlist("ack"))
    if not ids:
        messages.error(request, _("Tick the employees to remind."))
    else:
        sent = acknowledgements.remind(organisation=organisation_of(request), acknowledgement_ids=ids, by=request.user)
        messages.success(request, _("Reminders sent: %(count)s.") % {"count": sent})
    return redirects.back(request, "instructions:ack_dashboard")


def _sheet_rows(rows):
    for ack in rows:
        employee = ack.employee
        if ack.status == AckStatus.SIGNED:
            date = ack.signed_at.strftime("%d.%m.%Y %H:%M")
            mark = _("signed electronically, %(fingerprint)s") % {"fingerprint": ack.fingerprint}
        elif ack.status == AckStatus.PAPER:
            date, mark = ack.paper_signed_on.strftime("%d.%m.%Y"), _("signed on paper")
        else:
            date, mark = "", _("not signed")
        yield [employee.full_name, ack.version.instruction.position.title, employee.signature_name, date, mark]


@role_required(Role.HR)
def export_sheet(request, fmt):
    if fmt not in exports.FORMATS:
        raise Http404
    organisation = organisation_of(request)
    rows = acknowledgements.dashboard_requests(organisation, **_dashboard_filters(request))
    header = [_("Employee"), _("Position"), _("Name"), _("Date"), _("Signature")]
    return exports.response(fmt, f"acknowledgements.{fmt}", header, _sheet_rows(rows))
