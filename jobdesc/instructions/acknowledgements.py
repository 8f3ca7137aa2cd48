"""Employees read and sign the instruction of their position: requests, signatures and reminders.

Requests are made when a version is approved (for everyone in the position) and when an employee
joins a position later; a newer version closes the requests of the one it replaces. Signing is a
simple electronic signature: the password re-entered, recorded with the time, the IP address,
the browser and the SHA-256 of the exact stored PDF.
"""

from django.conf import settings
from django.db import transaction
from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from jobdesc.orgs.invitations import is_own_record
from jobdesc.orgs.models import Employee
from jobdesc.outbox import services as outbox

from . import notifications
from .errors import WorkflowError
from .models import Acknowledgement, AckStatus, Status, Version


def request_for_version(version) -> int:
    """On approval: close the requests of older versions and ask every current employee of the position."""
    now = timezone.now()
    instruction = version.instruction
    Acknowledgement.objects.filter(version__instruction=instruction, status=AckStatus.PENDING).exclude(
        version=version
    ).update(status=AckStatus.CLOSED, closed_at=now)
    employees = Employee.objects.current().filter(position_id=instruction.position_id).select_related("user")
    existing = set(Acknowledgement.objects.filter(version=version).values_list("employee_id", flat=True))
    asked = [employee for employee in employees if employee.pk not in existing]
    created = Acknowledgement.objects.bulk_create(Acknowledgement(version=version, employee=e) for e in asked)
    notifications.signature_requested(version, [employee.user for employee in asked if employee.user_id])
    return len(created)


def sync_employee(employee) -> None:
    """After hiring, a move or a dismissal: the employee is asked to sign exactly their position's version in force."""
    now = timezone.now()
    in_force = None
    if employee.position_id and employee.dismissal_date is None:
        in_force = Version.objects.filter(instruction__position_id=employee.position_id, status=Status.APPROVED).first()
    stale = Acknowledgement.objects.filter(employee=employee, status=AckStatus.PENDING)
    if in_force is not None:
        stale = stale.exclude(version=in_force)
    stale.update(status=AckStatus.CLOSED, closed_at=now)
    if in_force is not None:
        _ack, created = Acknowledgement.objects.get_or_create(version=in_force, employee=employee)
        if created and employee.user_id:
            notifications.signature_requested(in_force, [employee.user])


def check_own_record(user, employee) -> None:
    """An office login (HR, official, approver, administrator) signs for its own person's record only."""
    if not is_own_record(user, employee):
        raise WorkflowError(
            _("This record is %(name)s's, not yours: a login with an office role signs only for its own person.")
            % {"name": employee.full_name}
        )


@transaction.atomic
def sign(*, acknowledgement_id, user, password, ip_address=None, user_agent="") -> Acknowledgement:
    ack = (
        Acknowledgement.objects.select_for_update(of=("self",))
        .select_related("employee__user", "employee__position", "version")
        .filter(pk=acknowledgement_id)
        .first()
    )
    if ack is None or ack.employee.user_id != user.pk:
        raise WorkflowError(_("You can sign only your own instruction."))
    check_own_record(user, ack.employee)
    if ack.status == AckStatus.SIGNED:
        raise WorkflowError(_("You have already signed this instruction."))
    if ack.status == AckStatus.CLOSED or ack.version.status != Status.APPROVED:
        raise WorkflowError(_("This version is no longer in force: sign the current one instead."))
    if not user.check_password(password or ""):
        raise WorkflowError(_("The password is not correct; nothing is signed."))
    if not ack.version.pdf_sha256:
        raise WorkflowError(_("The document of this version is not stored yet; ask HR to try again later."))
    ack.status = AckStatus.SIGNED
    ack.signed_at = timezone.now()
    ack.signed_by = user
    ack.ip_address = ip_address or None
    ack.user_agent = (user_agent or "")[:500]
    ack.pdf_sha256 = ack.version.pdf_sha256
    ack.capture_signer()
    ack.save()
    return ack


def remind(*, organisation, acknowledgement_ids, by) -> int:
    """E-mail the employees of pending requests; returns how many reminders went out."""
    if not by.is_hr:
        raise WorkflowError(_("Only an HR officer sends reminders."))
    pending = Acknowledgement.objects.filter(
        pk__in=acknowledgement_ids, status=AckStatus.PENDING, employee__organisation=organisation
    ).select_related("employee__user", "version__instruction__position")
    now, letters = timezone.now(), []
    link = settings.SITE_URL.rstrip("/") + reverse("instructions:my_instructions")
    for ack in pending:
        email = ack.employee.user.email if ack.employee.user else ""
        if email:
            letters.append(
                outbox.Letter(
                    ack.employee.user,
                    _("Please read and sign: %(position)s") % {"position": ack.version.instruction.position.title},
                    _("«%(position)s», version %(number)s, waits for your signature since %(date)s: %(link)s")
                    % {
                        "position": ack.version.instruction.position.title,
                        "number": ack.version.number,
                        "date": timezone.localtime(ack.requested_at).strftime("%d.%m.%Y"),
                        "link": link,
                    },
                    link,
                )
            )
    pending.update(reminded_at=now, reminders=F("reminders") + 1)
    outbox.send_each(letters, organisation=organisation, kind="signature_reminder")
    return len(letters)


def previous_signed(ack):
    """The version of the same instruction this employee signed last before this one (for the diff)."""
    return (
        Acknowledgement.objects.filter(
            employee=ack.employee,
            status=AckStatus.SIGNED,
            version__instruction_id=ack.version.instruction_id,
            version__number__lt=ack.version.number,
        )
        .select_related("version")
        .order_by("-version__number")
        .first()
    )


def dashboard(organisation, *, department=None, position=None, state=""):
    """Requests of the versions in force, one row per employee, and totals per instruction and department."""
    rows = (
        Acknowledgement.objects.filter(employee__organisation=organisation, version__status=Status.APPROVED)
        .exclude(status=AckStatus.CLOSED)
        .select_related("employee__position__department", "version__instruction__position", "version")
        .order_by("status", "requested_at", "employee__full_name")
    )
    if department:
        rows = rows.filter(employee__position__department_id=department)
    if position:
        rows = rows.filter(version__instruction__position_id=position)
    if state in (AckStatus.PENDING, AckStatus.SIGNED):
        rows = rows.filter(status=state)
    totals = (
        rows.order_by()
        .values("version__instruction__position__title", "version__instruction__position_id", "version__number")
        .annotate(
            signed=Count("pk", filter=Q(status=AckStatus.SIGNED)),
            pending=Count("pk", filter=Q(status=AckStatus.PENDING)),
        )
        .order_by("version__instruction__position__title")
    )
    by_department = (
        rows.order_by()
        .values("employee__position__department__name")
        .annotate(
            signed=Count("pk", filter=Q(status=AckStatus.SIGNED)),
            pending=Count("pk", filter=Q(status=AckStatus.PENDING)),
        )
        .order_by("employee__position__department__name")
    )
    return rows, list(totals), list(by_department)
