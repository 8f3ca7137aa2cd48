"""The daily run of acknowledgement campaigns (a job of `manage.py run_periodic`): reminders, overdue, escalation.

Three days before a request's due date and on the day itself its employee is reminded (not while on
leave); the day after, the request is overdue, and each manager (the holder of the position the
employee reports to, else the head of the department; HR when there is neither) gets one e-mail
listing their overdue people. Every message is logged on the request it is about, and each step is
marked on the request, so running the job twice in a day sends nothing twice.
"""

import datetime
from collections import defaultdict

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from jobdesc.accounts.models import User
from jobdesc.accounts.roles import Role
from jobdesc.instructions.acknowledgements.services import _status_events, on_leave, send_reminders
from jobdesc.instructions.models import OPEN_ACK_STATUSES, AckEvent, Acknowledgement, AckStatus, EventKind, Status
from jobdesc.orgs.models import Employee, Position
from jobdesc.outbox import services as outbox

EARLY_DAYS = 3


def _open():
    """Open requests with a due date, of versions in force (a withdrawn one asks no one any more)."""
    return Acknowledgement.objects.filter(
        status__in=OPEN_ACK_STATUSES, due_date__isnull=False, version__status=Status.APPROVED
    ).select_related("employee__user", "employee__organisation", "version__instruction__position")


def _by_organisation(acks):
    groups = defaultdict(list)
    for ack in acks:
        groups[ack.employee.organisation].append(ack)
    return groups


def _remind(queryset, today, field, note) -> int:
    """Remind the employees of `queryset` not away today; `note()` says why, in each organisation's language."""
    acks = list(queryset.select_for_update(of=("self",)))
    away = on_leave({ack.employee_id for ack in acks}, today)
    due = [ack for ack in acks if ack.employee_id not in away]
    sent = 0
    for organisation, group in _by_organisation(due).items():
        with override(organisation.interface_language):
            sent += send_reminders(group, organisation=organisation, kind="signature_reminder_auto", note=note())
    Acknowledgement.objects.filter(pk__in=[ack.pk for ack in due]).update(**{field: timezone.now()})
    return sent


def managers_of(acks) -> dict:
    """{request: [users]}: who is told about each overdue request."""
    position_ids = {ack.employee.position_id for ack in acks if ack.employee.position_id}
    positions = Position.objects.in_bulk(position_ids)
    departments = {p.department_id for p in positions.values() if p.department_id}
    tops = defaultdict(set)  # department → its head positions (reporting to no one inside it)
    for p in Position.objects.filter(department_id__in=departments).select_related("reports_to"):
        if p.reports_to_id is None or p.reports_to.department_id != p.department_id:
            tops[p.department_id].add(p.pk)
    wanted = {p.reports_to_id for p in positions.values() if p.reports_to_id} | {pk for s in tops.values() for pk in s}
    holders = defaultdict(list)
    for employee in (
        Employee.objects.current().filter(position_id__in=wanted, user__isnull=False).select_related("user")
    ):
        if employee.user.is_active and employee.user.email:
            holders[employee.position_id].append(employee.user)
    hr = defaultdict(list)
    organisations = {ack.employee.organisation_id for ack in acks}
    for user in User.objects.filter(organisation_id__in=organisations, groups__name=Role.HR.value, is_active=True):
        hr[user.organisation_id].append(user)
    result = {}
    for ack in acks:
        position = positions.get(ack.employee.position_id)
        people = []
        if position and position.reports_to_id:
            people = holders.get(position.reports_to_id, [])
        if not people and position and position.department_id:
            heads = tops[position.department_id] - {position.pk}
            people = [user for pk in sorted(heads) for user in holders.get(pk, [])]
        people = [user for user in people if user.pk != ack.employee.user_id]
        result[ack] = people or hr[ack.employee.organisation_id]
    return result


def _escalation_body(acks):
    lines = [_("These employees have not signed their job description by the due date:"), ""]
    for ack in sorted(acks, key=lambda a: a.employee.full_name):
        lines.append(
            _("— %(name)s, «%(position)s», version %(number)s, due %(date)s")
            % {
                "name": ack.employee.full_name,
                "position": ack.version.instruction.position.title,
                "number": ack.version.number,
                "date": ack.due_date.strftime("%d.%m.%Y"),
            }
        )
    lines += ["", _("Please ask them to read and sign it.")]
    return "\n".join(lines)


def _escalate(acks) -> int:
    link = settings.SITE_URL.rstrip("/") + reverse("instructions:campaigns")
    letters = 0
    for organisation, group in _by_organisation(acks).items():
        with override(organisation.interface_language):
            per_manager = defaultdict(list)
            managers = managers_of(group)
            users = {}
            for ack, people in managers.items():
                for user in people:
                    users[user.pk] = user
                    per_manager[user.pk].append(ack)
            subject = _("Overdue signatures of job descriptions")
            messages = outbox.send_each(
                [outbox.Letter(users[pk], subject, _escalation_body(items), link) for pk, items in per_manager.items()],
                organisation=organisation,
                kind="signature_escalation",
            )
            by_recipient = {message.recipient_id: message for message in messages}
            AckEvent.objects.bulk_create(
                AckEvent(
                    acknowledgement=ack,
                    kind=EventKind.ESCALATION,
                    message=by_recipient[pk],
                    note=users[pk].display_name,
                )
                for pk, items in per_manager.items()
                if pk in by_recipient
                for ack in items
            )
            letters += len(messages)
    return letters


@transaction.atomic
def run_campaigns(now) -> str:
    """The daily step of every campaign: early and due-day reminders, overdue requests, managers told."""
    today = timezone.localdate(now)
    early = _remind(
        _open().filter(
            due_date__gt=today,
            due_date__lte=today + datetime.timedelta(days=EARLY_DAYS),
            early_reminder_at__isnull=True,
        ),
        today,
        "early_reminder_at",
        lambda: _("%(days)s days before the due date") % {"days": EARLY_DAYS},
    )
    on_the_day = _remind(
        _open().filter(due_date=today, due_reminder_at__isnull=True),
        today,
        "due_reminder_at",
        lambda: _("on the due date"),
    )
    late = list(
        Acknowledgement.objects.select_for_update()
        .filter(status__in=[AckStatus.PENDING, AckStatus.VIEWED], due_date__lt=today, version__status=Status.APPROVED)
        .values_list("pk", flat=True)
    )
    Acknowledgement.objects.filter(pk__in=late).update(status=AckStatus.OVERDUE, overdue_at=now)
    _status_events(late, AckStatus.OVERDUE, at=now)
    unescalated = list(
        _open()
        .filter(status=AckStatus.OVERDUE, escalated_at__isnull=True)
        .select_for_update(of=("self",))
        .exclude(Q(employee__dismissal_date__isnull=False))
    )
    told = _escalate(unescalated)
    Acknowledgement.objects.filter(pk__in=[ack.pk for ack in unescalated]).update(escalated_at=now)
    return (
        f"{early + on_the_day} reminders ({early} before the due date, {on_the_day} on it), "
        f"{len(late)} requests overdue, {told} managers told about {len(unescalated)} overdue requests"
    )
