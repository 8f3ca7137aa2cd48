"""Read queries about an organisation's structure that views share."""

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from .models import Department, Employee, Invitation, InvitationStatus, Position


def department_tree(organisation, search: str = "") -> list[Department]:
    """The organisation's departments in tree order, each with `depth`, `path` (its ancestors' names),
    `position_count` and `child_count`; `search` keeps the departments whose name or code contains it.

    One query: the tree is put together in Python, which also makes the search case-insensitive for Cyrillic.
    """
    departments = list(
        Department.objects.for_organisation(organisation)
        .annotate(position_count=Count("positions", distinct=True), child_count=Count("children", distinct=True))
        .order_by("name")
    )
    by_parent = {}
    for department in departments:
        by_parent.setdefault(department.parent_id, []).append(department)
    ordered, seen = [], set()

    def visit(department, depth, path):
        if department.pk in seen:
            return
        seen.add(department.pk)
        department.depth, department.path = depth, path
        ordered.append(department)
        for child in by_parent.get(department.pk, []):
            visit(child, depth + 1, [*path, department.name])

    for root in by_parent.get(None, []):
        visit(root, 0, [])
    # A parent cycle, which the forms never create, must not hide the departments caught in it.
    for department in departments:
        visit(department, 0, [])
    needle = search.strip().casefold()
    if needle:
        ordered = [d for d in ordered if needle in d.name.casefold() or needle in d.code.casefold()]
    return ordered


def positions_list(organisation, *, search: str = "", department=None, category: str = ""):
    """The organisation's positions for the list page, filtered, with their department and manager."""
    positions = Position.objects.for_organisation(organisation).select_related("department", "reports_to")
    if search:
        positions = positions.filter(title__icontains=search)
    if department is not None:
        positions = positions.filter(department=department)
    if category:
        positions = positions.filter(category=category)
    return positions


def employees_list(organisation, *, search: str = "", department=None, position=None, status: str = "current"):
    """The organisation's employees for the list page; `status` is current, dismissed or all."""
    pending = Invitation.objects.filter(employees=OuterRef("pk"), status=InvitationStatus.PENDING)
    employees = (
        Employee.objects.for_organisation(organisation)
        .select_related("position__department", "user")
        .annotate(
            invited=Exists(pending),
            invitation_expired=Exists(pending.filter(expires_at__lte=timezone.now())),
        )
    )
    if search:
        employees = employees.filter(
            Q(full_name__icontains=search) | Q(personnel_number=search) | Q(email__icontains=search)
        )
    if department is not None:
        employees = employees.filter(position__department=department)
    if position is not None:
        employees = employees.filter(position=position)
    if status == "current":
        employees = employees.current()
    elif status == "dismissed":
        employees = employees.filter(dismissal_date__isnull=False)
    return employees


def invitations_list(organisation, *, state: str = "waiting", search: str = ""):
    """Invitations for HR's list; `waiting` is everyone who has not accepted yet, expired links included."""
    invitations = (
        Invitation.objects.for_organisation(organisation)
        .select_related("user", "invited_by")
        .annotate(records=Count("employees"))
        .order_by("-sent_at", "-pk")
    )
    now = timezone.now()
    if state == "waiting":
        invitations = invitations.filter(status=InvitationStatus.PENDING)
    elif state == "expired":
        invitations = invitations.filter(status=InvitationStatus.PENDING, expires_at__lte=now)
    elif state in (InvitationStatus.ACCEPTED, InvitationStatus.REVOKED):
        invitations = invitations.filter(status=state)
    if search:
        invitations = invitations.filter(Q(email__icontains=search) | Q(user__last_name__icontains=search))
    return invitations
