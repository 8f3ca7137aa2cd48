"""Employees read and sign the instruction of their position: requests, their statuses, due dates and signatures.

Approval of a version opens a campaign: every current employee of the position is asked, with the
organisation's default due date (working days), in a few bulk inserts; their e-mails are queued in
one insert too, so an approval for a thousand people stays a short request. A hire is asked with
their first day as the due date, a transfer with the day of the move; a newer version cancels the
requests of the one it replaces. Each change of a request's status is a row of AckEvent. Signing is
a simple electronic signature: the password re-entered, recorded with the time, the IP address,
the browser and the SHA-256 of the exact stored PDF.
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, F, Q
from django.db.models.expressions import RawSQL
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from jobdesc.instructions.acknowledgements.calendar import add_working_days, working_days_between
from jobdesc.instructions.errors import WorkflowError
from jobdesc.instructions.models import (
    OPEN_ACK_STATUSES,
    SIGNED_ACK_STATUSES,
    AckEvent,
    Acknowledgement,
    AckStatus,
    Campaign,
    EventKind,
    Instruction,
    Leave,
    Status,
    Version,
)
from jobdesc.instructions.workflow import notifications
from jobdesc.orgs.invitations import is_own_record
from jobdesc.orgs.models import Department, Employee, Position
from jobdesc.outbox import services as outbox
from jobdesc.queries import AmongKeys, by_kind


def default_due_date(organisation, start: datetime.date | None = None) -> datetime.date:
    """The organisation's default: its number of working days after `start` (today)."""
    return add_working_days(start or timezone.localdate(), organisation.ack_due_working_days)


def _status_events(acks, status, *, by=None, at=None, note=""):
    """One history row per request for a change of status, in one insert."""
    at = at or timezone.now()
    AckEvent.objects.bulk_create(
        (
            AckEvent(
                acknowledgement_id=getattr(ack, "pk", ack),
                kind=EventKind.STATUS,
                status=status,
                by=by,
                at=at,
                note=note,
            )
            for ack in acks
        ),
        batch_size=1000,
    )


def _cancel(open_requests, now) -> None:
    """Cancel open requests (a newer version or another position replaces them); `closed_at` is the time of it."""
    open_requests.update(status=AckStatus.CLOSED, closed_at=now)


def _log_messages(acks, messages, kind, *, by=None, note="") -> None:
    """Log on each request the e-mail sent about it: the one to its employee's login with its subject."""
    sent = {(message.recipient_id, message.subject): message for message in messages}
    rows = []
    for ack, subject in acks:
        message = sent.get((ack.employee.user_id, outbox.single_line(subject)))
        if message is not None:
            rows.append(
                AckEvent(acknowledgement=ack, kind=kind, message=message, at=message.created_at, by=by, note=note)
            )
    AckEvent.objects.bulk_create(rows, batch_size=1000)


def request_for_version(version) -> int:
    """On approval: open the campaign, cancel older versions' requests and ask every current employee of the position.

    Bulk inserts only, whatever the number of employees: the requests and their first history rows. The
    e-mails are written by one background task after the commit (`request_signatures`), which the
    worker fans out into delivery tasks.
    """
    now = timezone.now()
    instruction = version.instruction
    organisation = instruction.organisation
    _cancel(
        Acknowledgement.objects.filter(version__instruction=instruction, status__in=OPEN_ACK_STATUSES).exclude(
            version=version
        ),
        now,
    )
    campaign, _created = Campaign.objects.get_or_create(
        version=version, defaults={"due_date": default_due_date(organisation), "created_at": now}
    )
    employees = Employee.objects.current().filter(position_id=instruction.position_id).values_list("pk", flat=True)
    existing = set(Acknowledgement.objects.filter(version=version).values_list("employee_id", flat=True))
    created = Acknowledgement.objects.bulk_create(
        (
            Acknowledgement(version=version, employee_id=pk, campaign=campaign, due_date=campaign.due_date)
            for pk in employees
            if pk not in existing
        ),
        batch_size=1000,
    )
    # The first and the last step of a request are its `requested_at` and `closed_at`; AckEvent holds the rest.
    if created:
        # Imported here: the tasks module imports this one.
        from jobdesc.instructions.acknowledgements.tasks import request_signatures

        transaction.on_commit(
            lambda: request_signatures.enqueue(organisation_id=organisation.pk, version_id=version.pk), robust=True
        )
    return len(created)


@transaction.atomic
def send_requests(version) -> int:
    """E-mail each employee asked to sign `version` who has not been e-mailed yet, and log it on the request.

    Run by the worker after the approval's commit; running it twice e-mails no one twice.
    """
    acks = list(
        Acknowledgement.objects.select_for_update(of=("self",))
        .filter(version=version, status__in=OPEN_ACK_STATUSES, employee__user__isnull=False)
        .exclude(events__kind=EventKind.REQUEST)
        .select_related("employee__user")
    )
    if not acks:
        return 0
    messages = notifications.signature_requested(
        version, [ack.employee.user for ack in acks], due_date=version.campaign.due_date
    )
    subject = notifications.signature_subject(version)
    _log_messages([(ack, subject) for ack in acks], messages, EventKind.REQUEST)
    return len(messages)


def _due_for_newcomer(employee, *, transfer: bool) -> datetime.date:
    """A hire reads before their first day (ТК ст. 68), a transfer by the day of the move (the day it is recorded)."""
    today = timezone.localdate()
    if not transfer and employee.hire_date and employee.hire_date >= today:
        return employee.hire_date
    if transfer:
        return today
    return default_due_date(employee.organisation, today)


def sync_employee(employee, *, transfer: bool | None = None) -> None:
    """After hiring, a move or a dismissal: the employee is asked to sign exactly their position's version in force.

    `transfer` says the employee moved from another position (a hire otherwise); left out, a move is an
    employee asked before for another version.
    """
    now = timezone.now()
    in_force = None
    if employee.position_id and employee.dismissal_date is None:
        in_force = Version.objects.filter(instruction__position_id=employee.position_id, status=Status.APPROVED).first()
    stale = Acknowledgement.objects.filter(employee=employee, status__in=OPEN_ACK_STATUSES)
    if in_force is not None:
        stale = stale.exclude(version=in_force)
    if transfer is None:
        transfer = Acknowledgement.objects.filter(employee=employee).exclude(version=in_force).exists()
    _cancel(stale, now)
    if in_force is None:
        return
    due = _due_for_newcomer(employee, transfer=transfer)
    campaign = Campaign.objects.filter(version=in_force).first()
    ack, created = Acknowledgement.objects.get_or_create(
        version=in_force, employee=employee, defaults={"campaign": campaign, "due_date": due}
    )
    if not created:
        return
    note = _("transfer") if transfer else _("new hire")
    messages = notifications.signature_requested(in_force, [employee.user], due_date=due) if employee.user_id else []
    if messages:
        _log_messages([(ack, notifications.signature_subject(in_force))], messages, EventKind.REQUEST, note=note)
    else:
        AckEvent.objects.create(acknowledgement=ack, kind=EventKind.REQUEST, at=now, note=note)


def sync_employees(sender=None, *, organisation, employees, transfers, **kwargs) -> None:
    """`sync_employee` for records HR created or changed (`orgs.signals.employees_changed`, connected in apps.py).

    A record whose position has no instruction in force and who waits for no signature has nothing to sign
    and nothing to close, so only the others go through the rule: a large staff import stays a few queries.
    """
    in_force = set(
        Version.objects.filter(status=Status.APPROVED, instruction__organisation=organisation).values_list(
            "instruction__position_id", flat=True
        )
    )
    waiting = set(
        Acknowledgement.objects.filter(employee__in=[record.pk for record in employees], status__in=OPEN_ACK_STATUSES)
        .values_list("employee_id", flat=True)
        .distinct()
    )
    for record in employees:
        if record.position_id in in_force or record.pk in waiting:
            sync_employee(record, transfer=record.pk in transfers)


def binds_record(sender=None, *, employee, other_than=None, **kwargs) -> bool:
    """Whether the record carries a signature under a login other than `other_than` (any login when None):
    it then stays with that login (`orgs.signals.signature_binds_record`, connected in apps.py)."""
    signed = Acknowledgement.objects.filter(employee=employee, status=AckStatus.SIGNED)
    if other_than is not None:
        signed = signed.exclude(signed_by=other_than)
    return signed.exists()


def mark_viewed(ack, *, user) -> bool:
    """The employee opened the request's page: a request still «requested» (or overdue) becomes «viewed» once."""
    if ack.employee.user_id != user.pk or ack.viewed_at is not None or ack.status not in OPEN_ACK_STATUSES:
        return False
    now = timezone.now()
    changed = Acknowledgement.objects.filter(pk=ack.pk, viewed_at__isnull=True, status__in=OPEN_ACK_STATUSES)
    new_status = AckStatus.VIEWED if ack.status == AckStatus.PENDING else ack.status
    if not changed.update(viewed_at=now, status=new_status):
        return False
    ack.viewed_at, ack.status = now, new_status
    _status_events([ack], AckStatus.VIEWED, by=user, at=now)
    return True


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
    if ack.status in (AckStatus.SIGNED, AckStatus.PAPER):
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
    _status_events([ack], AckStatus.SIGNED, by=user, at=ack.signed_at)
    return ack


def reminder_letter(ack, *, link=None):
    """The reminder e-mail of one open request (the employee must have a login with an address)."""
    link = link or settings.SITE_URL.rstrip("/") + reverse("instructions:my_instructions")
    position = ack.version.instruction.position.title
    due = _(" by %(date)s") % {"date": ack.due_date.strftime("%d.%m.%Y")} if ack.due_date else ""
    return outbox.Letter(
        ack.employee.user,
        _("Please read and sign: %(position)s") % {"position": position},
        _("«%(position)s», version %(number)s, waits for your signature%(due)s (asked on %(date)s): %(link)s")
        % {
            "position": position,
            "number": ack.version.number,
            "due": due,
            "date": timezone.localtime(ack.requested_at).strftime("%d.%m.%Y"),
            "link": link,
        },
        link,
    )


def send_reminders(acks, *, organisation, kind="signature_reminder", note="", by=None) -> int:
    """E-mail each open request's employee, log it on the request and count it; returns how many went out."""
    acks = [ack for ack in acks if ack.employee.user_id and ack.employee.user.email]
    now = timezone.now()
    letters = [reminder_letter(ack) for ack in acks]
    messages = outbox.send_each(letters, organisation=organisation, kind=kind)
    _log_messages(
        [(ack, letter.subject) for ack, letter in zip(acks, letters, strict=True)],
        messages,
        EventKind.REMINDER,
        by=by,
        note=note,
    )
    Acknowledgement.objects.filter(pk__in=[ack.pk for ack in acks]).update(
        reminded_at=now, reminders=F("reminders") + 1
    )
    return len(acks)


def remind(*, organisation, acknowledgement_ids, by) -> int:
    """HR e-mails the employees of open requests; returns how many reminders went out."""
    if not by.is_hr or by.organisation_id != organisation.pk:
        raise WorkflowError(_("Only an HR officer sends reminders."))
    pending = Acknowledgement.objects.filter(
        pk__in=acknowledgement_ids, status__in=OPEN_ACK_STATUSES, employee__organisation=organisation
    ).select_related("employee__user", "version__instruction__position")
    return send_reminders(list(pending), organisation=organisation, by=by)


def previous_signed(ack):
    """The version of the same instruction this employee signed last before this one (for the diff)."""
    return (
        Acknowledgement.objects.filter(
            employee=ack.employee,
            status__in=SIGNED_ACK_STATUSES,
            version__instruction_id=ack.version.instruction_id,
            version__number__lt=ack.version.number,
        )
        .select_related("version")
        .order_by("-version__number")
        .first()
    )


# The columns of one dashboard row read from the requests, as the page shows them (`instruction_rows.ack_rows`)
# once `DashboardRows` has put in the names of the department and the instruction: no model per row.
DASHBOARD_ROW = (
    "pk",
    "status",
    "signed_at",
    "pdf_sha256",
    "paper_signed_on",
    "requested_at",
    "reminders",
    "reminded_at",
    "employee__full_name",
    "employee__position_id",
    "version_id",
)
INSTRUCTION_TOTAL = ("version__instruction__position__title", "version__instruction__position_id", "version__number")
DEPARTMENT_NAME = "employee__position__department__name"


def dashboard(organisation, *, department=None, position=None, state=""):
    """Requests of the versions in force, one row per employee (`DashboardRows`); totals per instruction
    (requests, signed, waiting) and per department (signed, waiting)."""
    requests = dashboard_requests(organisation, department=department, position=position, state=state)
    totals, by_department, names = dashboard_totals(requests)
    return DashboardRows(requests, totals, names), totals, by_department


def dashboard_choices(organisation) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """The dashboard's filters: the organisation's departments and the posts with an instruction, each as
    (primary key, name) in the order of the names, from one query (two of the ORM's cost as much again)."""
    name = connection.ops.quote_name
    department, post, instruction = (model._meta.db_table for model in (Department, Position, Instruction))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT 0, id, name FROM {name(department)} WHERE organisation_id = %s "
            f"UNION ALL SELECT 1, post.id, post.title FROM {name(post)} post WHERE post.organisation_id = %s "
            f"AND EXISTS (SELECT 1 FROM {name(instruction)} made WHERE made.position_id = post.id) "
            "ORDER BY 1, 3",
            [organisation.pk, organisation.pk],
        )
        return by_kind(cursor.fetchall(), 2)


def dashboard_requests(organisation, *, department=None, position=None, state=""):
    """The dashboard's requests (its rows and its exports), filtered, oldest open ones first."""
    # Written out: the ORM built this subquery again in each query of the page (the totals, the rows), at a
    # cost of 2.6 M of the page's 42.8 M instructions.
    versions = connection.ops.quote_name(Version._meta.db_table)
    in_force = RawSQL(f"SELECT id FROM {versions} WHERE status = %s", [Status.APPROVED])
    rows = (
        Acknowledgement.objects.filter(AmongKeys(F("version_id"), in_force), employee__organisation=organisation)
        .exclude(status=AckStatus.CLOSED)
        .select_related("employee__position__department", "version__instruction__position", "version")
        # The primary key last: requests of one campaign share their time, and namesakes their name.
        .order_by("status", "requested_at", "employee__full_name", "pk")
    )
    if department:
        rows = rows.filter(employee__position__department_id=department)
    if position:
        rows = rows.filter(version__instruction__position_id=position)
    if state == AckStatus.PENDING:
        rows = rows.filter(status__in=OPEN_ACK_STATUSES)
    elif state == AckStatus.SIGNED:
        rows = rows.filter(status__in=SIGNED_ACK_STATUSES)
    elif state in AckStatus.values:
        rows = rows.filter(status=state)
    return rows


@dataclass
class DashboardNames:
    """The names a dashboard row shows: each version's instruction (title, number), each post's department."""

    versions: dict[int, tuple[str, int]] = field(default_factory=dict)
    departments: dict[int | None, str | None] = field(default_factory=lambda: {None: None})


def dashboard_totals(requests) -> tuple[list[dict], list[dict], DashboardNames]:
    """Totals of `requests` per instruction (by position title) and per department (by name), from one query,
    and the names their rows show.

    The requests are counted per version and employee's post on the three tables that filter them, and
    only those groups are joined with the names: the one pass over the requests neither joins nor sorts
    their names. Both tables keep the database's order of the names (its collation, and where it puts an
    employee without a department): the groups come in the order of the titles, and each department
    brings its rank among the names. Django would group by a window function written in the same query,
    so the query is written around its grouped one.
    """
    groups = (
        requests.order_by()
        .values("version_id", "employee__position_id")
        .annotate(
            requests=Count("pk"),
            signed=Count("pk", filter=Q(status__in=SIGNED_ACK_STATUSES)),
            pending=Count("pk", filter=Q(status__in=OPEN_ACK_STATUSES)),
        )
    )
    sql, params = groups.query.sql_with_params()
    name = connection.ops.quote_name
    version, instruction = Version._meta.db_table, Instruction._meta.db_table
    post, department = Position._meta.db_table, Department._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT groups.{name('version_id')}, groups.{name('employee__position_id')}, groups.requests, "
            f"groups.signed, groups.pending, title.title, {name(instruction)}.position_id, {name(version)}.number, "
            f"{name(department)}.name, DENSE_RANK() OVER (ORDER BY {name(department)}.name) FROM ({sql}) AS groups "
            # The requests are of versions in force already; saying so lets the join read just those (by their
            # partial index) rather than hash every version.
            f"INNER JOIN {name(version)} ON groups.{name('version_id')} = {name(version)}.id "
            f"AND {name(version)}.status = %s "
            f"INNER JOIN {name(instruction)} ON {name(version)}.instruction_id = {name(instruction)}.id "
            f"INNER JOIN {name(post)} title ON {name(instruction)}.position_id = title.id "
            f"LEFT OUTER JOIN {name(post)} post ON groups.{name('employee__position_id')} = post.id "
            f"LEFT OUTER JOIN {name(department)} ON post.department_id = {name(department)}.id "
            f"ORDER BY title.title, {name(instruction)}.position_id, {name(version)}.number",
            (*params, Status.APPROVED),
        )
        found = cursor.fetchall()
    per_instruction, per_department, names = {}, {}, DashboardNames()
    for version_id, post_id, requests_, signed, pending, title, position_id, number, department_name, rank in found:
        names.versions[version_id] = (title, number)
        names.departments[post_id] = department_name
        total = per_instruction.setdefault(
            (title, position_id, number),
            dict(zip(INSTRUCTION_TOTAL, (title, position_id, number), strict=True), requests=0, signed=0, pending=0),
        )
        by = per_department.setdefault(rank, {DEPARTMENT_NAME: department_name, "signed": 0, "pending": 0})
        total["requests"] += requests_
        for counts in (total, by):
            counts["signed"] += signed
            counts["pending"] += pending
    return list(per_instruction.values()), [per_department[rank] for rank in sorted(per_department)], names


class DashboardRows(Sequence):
    """The dashboard's requests as rows of `DASHBOARD_ROW` with the names they show, counted by their totals:
    a page reads its rows from the three tables that filter them and takes the names from the totals."""

    def __init__(self, requests, totals, names: DashboardNames):
        self.requests = requests
        self.names = names
        self.total = sum(total["requests"] for total in totals)

    def __len__(self):
        return self.total

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        rows = list(self.requests.values(*DASHBOARD_ROW)[index])
        versions, departments = self.names.versions, self.names.departments
        # A request made since the totals were counted (another statement, on PostgreSQL another snapshot).
        if any(row["version_id"] not in versions or row["employee__position_id"] not in departments for row in rows):
            self._read_names(rows)
        for row in rows:
            row[DEPARTMENT_NAME] = departments[row.pop("employee__position_id")]
            row["version__instruction__position__title"], row["version__number"] = versions[row.pop("version_id")]
        return rows

    def _read_names(self, rows) -> None:
        versions = Version.objects.filter(pk__in={row["version_id"] for row in rows})
        for pk, title, number in versions.values_list("pk", "instruction__position__title", "number"):
            self.names.versions[pk] = (title, number)
        posts = Position.objects.filter(pk__in={row["employee__position_id"] for row in rows})
        self.names.departments.update(posts.values_list("pk", "department__name"))


def _require_hr(by, organisation):
    if not by.is_hr or by.organisation_id != organisation.pk:
        raise WorkflowError(_("Only an HR officer of the organisation does this."))


def _move_due_dates(moves, *, by, note, now=None) -> int:
    """Set new due dates {ack: date}: reminders start again, an overdue request waits again."""
    now = now or timezone.now()
    changed = []
    for ack, due in moves.items():
        if due == ack.due_date:
            continue
        was_overdue = ack.status == AckStatus.OVERDUE
        ack.due_date, ack.early_reminder_at, ack.due_reminder_at = due, None, None
        if was_overdue and due >= timezone.localdate():
            ack.status = AckStatus.VIEWED if ack.viewed_at else AckStatus.PENDING
            ack.overdue_at, ack.escalated_at = None, None
        changed.append((ack, was_overdue and ack.status != AckStatus.OVERDUE))
    Acknowledgement.objects.bulk_update(
        [ack for ack, _back in changed],
        ["due_date", "early_reminder_at", "due_reminder_at", "status", "overdue_at", "escalated_at"],
        batch_size=500,
    )
    AckEvent.objects.bulk_create(
        [
            AckEvent(
                acknowledgement=ack,
                kind=EventKind.DUE_MOVED,
                by=by,
                at=now,
                note=(note + " — " if note else "") + ack.due_date.strftime("%d.%m.%Y"),
            )
            for ack, _back in changed
        ],
        batch_size=1000,
    )
    AckEvent.objects.bulk_create(
        [
            AckEvent(acknowledgement=ack, kind=EventKind.STATUS, status=ack.status, by=by, at=now)
            for ack, back in changed
            if back
        ]
    )
    return len(changed)


@transaction.atomic
def change_campaign_due_date(*, campaign, due_date, by) -> int:
    """HR moves a campaign's due date; its open requests that kept the campaign's date move with it."""
    organisation = campaign.version.instruction.organisation
    _require_hr(by, organisation)
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if due_date < timezone.localdate(campaign.created_at):
        raise WorkflowError(_("The due date cannot be earlier than the day the campaign opened."))
    old = campaign.due_date
    campaign.due_date = due_date
    campaign.save(update_fields=["due_date"])
    followers = Acknowledgement.objects.select_for_update().filter(
        campaign=campaign, status__in=OPEN_ACK_STATUSES, due_date=old
    )
    return _move_due_dates(dict.fromkeys(followers, due_date), by=by, note=_("campaign due date changed"))


@transaction.atomic
def extend(*, organisation, acknowledgement_ids, due_date, by) -> int:
    """HR gives the chosen open requests a later due date; returns how many moved."""
    _require_hr(by, organisation)
    if due_date < timezone.localdate():
        raise WorkflowError(_("Choose a due date from today on."))
    acks = Acknowledgement.objects.select_for_update().filter(
        pk__in=acknowledgement_ids, status__in=OPEN_ACK_STATUSES, employee__organisation=organisation
    )
    return _move_due_dates(
        {ack: due_date for ack in acks if not ack.due_date or ack.due_date < due_date}, by=by, note=_("extended")
    )


def due_after_leave(due: datetime.date, leave) -> datetime.date:
    """A due date that falls on or after the leave's first day keeps its remaining working days after the leave."""
    if due < leave.starts_on:
        return due
    remaining = max(1, working_days_between(leave.starts_on, due))
    return add_working_days(leave.ends_on, remaining)


@transaction.atomic
def record_leave(*, employee, kind, starts_on, ends_on, by) -> Leave:
    """HR marks an employee away (отпуск, больничный); their open requests' due dates move past it."""
    _require_hr(by, employee.organisation)
    if ends_on < starts_on:
        raise WorkflowError(_("The leave cannot end before it starts."))
    if (ends_on - starts_on).days > 366:
        raise WorkflowError(_("A leave longer than a year is not recorded here."))
    if employee.leaves.filter(starts_on__lte=ends_on, ends_on__gte=starts_on).exists():
        raise WorkflowError(_("This employee already has a leave on some of these days."))
    leave = Leave.objects.create(employee=employee, kind=kind, starts_on=starts_on, ends_on=ends_on, recorded_by=by)
    acks = Acknowledgement.objects.select_for_update().filter(
        employee=employee, status__in=OPEN_ACK_STATUSES, due_date__isnull=False
    )
    note = _("%(kind)s %(start)s–%(end)s") % {
        "kind": leave.get_kind_display(),
        "start": starts_on.strftime("%d.%m.%Y"),
        "end": ends_on.strftime("%d.%m.%Y"),
    }
    _move_due_dates({ack: due_after_leave(ack.due_date, leave) for ack in acks}, by=by, note=note)
    return leave


def on_leave(employee_ids, day: datetime.date) -> set:
    """Of `employee_ids`, those away on `day`."""
    return set(
        Leave.objects.filter(employee_id__in=employee_ids, starts_on__lte=day, ends_on__gte=day).values_list(
            "employee_id", flat=True
        )
    )
