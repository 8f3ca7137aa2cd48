"""Pages of invitations: HR invites a selection, sees who has not accepted, resends and revokes; a person accepts."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.forms import SetPasswordForm
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from jobdesc import input_rules, redirects
from jobdesc.accounts.access import get_for_organisation, organisation_of, role_required
from jobdesc.accounts.roles import Role
from jobdesc.lists import paginate

from . import invitations as service
from .forms import ConfirmPasswordForm, InvitationFilterForm
from .models import Employee
from .selectors import employees_list, invitations_list


def _ids(request, name):
    return input_rules.as_ids(request.POST.getlist(name))


def _back(request, default):
    return redirects.back(request, default)


def _report(request, outcome):
    if outcome.invitations:
        messages.success(
            request,
            ngettext("%(count)d invitation sent.", "%(count)d invitations sent.", len(outcome.invitations))
            % {"count": len(outcome.invitations)},
        )
    for employee, reason in outcome.skipped[:20]:
        messages.warning(
            request, _("%(name)s is not invited: %(reason)s.") % {"name": employee.full_name, "reason": reason}
        )
    if len(outcome.skipped) > 20:
        messages.warning(request, _("…and %(count)d more not invited.") % {"count": len(outcome.skipped) - 20})


@require_POST
@role_required(Role.HR)
def invite(request):
    """Invite the ticked records, or with `everyone` all current records without a login that the filters show."""
    organisation = organisation_of(request)
    if request.POST.get("everyone"):
        everyone = employees_list(organisation, status="current").without_login().exclude(email="")
        ids = list(everyone.filter(invited=False).values_list("pk", flat=True))
    else:
        ids = _ids(request, "employee")
    if not ids:
        messages.error(request, _("Tick the employees to invite."))
        return _back(request, "orgs:employees")
    try:
        _report(request, service.invite(organisation=organisation, employee_ids=ids, by=request.user))
    except service.InvitationError as error:
        messages.error(request, str(error))
    return _back(request, "orgs:employees")


@role_required(Role.HR)
def invitation_list(request):
    organisation = organisation_of(request)
    filters = InvitationFilterForm(request.GET)
    found = invitations_list(organisation, state=filters.value("state", "waiting"), search=filters.value("q", ""))
    page = paginate(found, request.GET.get("page"))
    return render(request, "orgs/invitation_list.html", {"filter_form": filters, "page": page})


@require_POST
@role_required(Role.HR)
def invitation_action(request):
    organisation = organisation_of(request)
    ids, action = _ids(request, "invitation"), request.POST.get("action")
    if not ids or action not in ("resend", "revoke"):
        messages.error(request, _("Tick the invitations and choose what to do with them."))
        return _back(request, "orgs:invitations")
    try:
        if action == "resend":
            count = service.resend(organisation=organisation, invitation_ids=ids, by=request.user)
            messages.success(request, _("Invitations sent again: %(count)d.") % {"count": count})
        else:
            count = service.revoke(organisation=organisation, invitation_ids=ids, by=request.user)
            messages.success(request, _("Invitations revoked: %(count)d.") % {"count": count})
    except service.InvitationError as error:
        messages.error(request, str(error))
    return _back(request, "orgs:invitations")


@require_POST
@role_required(Role.HR)
def employee_unlink(request, pk):
    employee = get_for_organisation(Employee.objects.select_related("user"), request, pk=pk)
    try:
        service.unlink(employee=employee, by=request.user)
        messages.success(request, _("The login is taken off the record of %(name)s.") % {"name": employee.full_name})
    except service.InvitationError as error:
        messages.error(request, str(error))
    return redirect("orgs:employee_edit", pk=pk)


@require_http_methods(["GET", "POST"])
def accept(request, pk, token):
    """The link of an invitation e-mail: the person sets their own password (or confirms with it) and logs in."""
    invitation = service.find_for_token(pk, token)
    if invitation is None:
        return render(request, "registration/invitation_invalid.html", status=410)
    user = invitation.user
    form_class = ConfirmPasswordForm if user.is_active else SetPasswordForm
    form = form_class(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        password = form.cleaned_data.get("new_password1") or form.cleaned_data.get("password")
        try:
            user = service.accept(invitation_id=invitation.pk, token=token, password=password)
        except service.InvitationError as error:
            messages.error(request, str(error))
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Welcome! Your login is ready."))
            return redirect("home")
    records = invitation.employees.select_related("position__department").order_by("employment", "pk")
    return render(
        request,
        "registration/accept_invitation.html",
        {"invitation": invitation, "form": form, "records": records, "account": user},
        status=400 if request.method == "POST" else 200,
    )
