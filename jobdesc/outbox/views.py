"""Pages of the outbox: HR's mail problems with «retry», and the superusers' outbox of every e-mail."""

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jobdesc import input_rules
from jobdesc.accounts.access import organisation_of, role_required
from jobdesc.accounts.roles import Role
from jobdesc.accounts.session_expiry import login_required
from jobdesc.lists import LOG_PAGE_SIZE, paginate

from . import selectors, services
from .errors import OutboxError
from .models import Message, MessageStatus
from .tasks import failed_tasks


def superuser_required(view):
    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_superuser:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


@role_required(Role.HR)
def problems(request):
    organisation = organisation_of(request)
    page = paginate(selectors.mail_problems(organisation), request.GET.get("page"), LOG_PAGE_SIZE)
    return render(
        request,
        "outbox/problems.html",
        {
            "page": page,
            "tasks": selectors.task_problems(organisation),
            "health": selectors.worker_health(),
            "late_minutes": settings.OUTBOX_LATE_MINUTES,
        },
    )


@require_POST
@role_required(Role.HR)
def retry_messages(request):
    organisation = organisation_of(request)
    if request.POST.get("all"):
        ids = list(
            Message.objects.filter(organisation=organisation, status=MessageStatus.FAILED).values_list("pk", flat=True)
        )
    else:
        ids = input_rules.as_ids(request.POST.getlist("message"))
    if not ids:
        messages.error(request, _("Tick the e-mails to send again."))
        return redirect("outbox:problems")
    try:
        count = services.retry_messages(organisation=organisation, message_ids=ids, by=request.user)
    except OutboxError as error:
        messages.error(request, str(error))
    else:
        if count:
            messages.success(request, _("E-mails queued to be sent again: %(count)s.") % {"count": count})
        else:
            messages.warning(request, _("None of these e-mails can be sent again: check the addresses."))
    return redirect("outbox:problems")


@require_POST
@role_required(Role.HR)
def retry_task(request, pk):
    organisation = organisation_of(request)
    # Another organisation's task, or one already run again: not found.
    result = get_object_or_404(failed_tasks(organisation), pk=pk)
    try:
        services.retry_task(organisation=organisation, task_id=result.pk, by=request.user)
    except OutboxError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The task is queued to run again."))
    return redirect("outbox:problems")


@superuser_required
def outbox(request):
    status, query = request.GET.get("status", ""), request.GET.get("q", "").replace("\x00", "").strip()[:200]
    page = paginate(selectors.outbox(status=status, query=query), request.GET.get("page"), LOG_PAGE_SIZE)
    return render(
        request,
        "outbox/outbox.html",
        {
            "page": page,
            "status": status,
            "query": query,
            "statuses": MessageStatus.choices,
            "counts": selectors.status_counts(),
            "health": selectors.worker_health(),
        },
    )


@superuser_required
def message(request, pk):
    return render(
        request,
        "outbox/message.html",
        {"message": get_object_or_404(Message.objects.select_related("recipient", "organisation"), pk=pk)},
    )
