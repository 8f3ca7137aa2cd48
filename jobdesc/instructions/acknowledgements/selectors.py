"""What HR's campaign pages ask: campaigns with their totals, a campaign's departments and its filtered requests."""

from django.db.models import Count, Q

from jobdesc import input_rules
from jobdesc.instructions.models import OPEN_ACK_STATUSES, SIGNED_ACK_STATUSES, Acknowledgement, AckStatus, Campaign

NO_DEPARTMENT = "none"


def _totals(prefix=""):
    field, key = f"{prefix}status", f"{prefix}pk"
    return {
        "total": Count(key, filter=~Q(**{field: AckStatus.CLOSED})),
        "signed": Count(key, filter=Q(**{f"{field}__in": SIGNED_ACK_STATUSES})),
        "waiting": Count(key, filter=Q(**{f"{field}__in": OPEN_ACK_STATUSES})),
        "overdue": Count(key, filter=Q(**{field: AckStatus.OVERDUE})),
        "refused": Count(key, filter=Q(**{field: AckStatus.REFUSED})),
    }


def campaigns_of(organisation):
    """The organisation's campaigns, newest first, each with its totals."""
    return (
        Campaign.objects.filter(version__instruction__organisation=organisation)
        .select_related("version__instruction__position")
        .annotate(**_totals("requests__"))
        .order_by("-created_at", "-pk")
    )


def campaign_for(organisation, pk):
    return (
        Campaign.objects.filter(version__instruction__organisation=organisation, pk=pk)
        .select_related("version__instruction__position", "version__instruction__organisation")
        .first()
    )


def requests_of(campaign):
    return (
        Acknowledgement.objects.filter(campaign=campaign)
        .exclude(status=AckStatus.CLOSED)
        .select_related("employee__position__department", "employee__user", "version__instruction__position")
    )


def by_department(campaign):
    """Totals of the campaign per department of the employees' positions."""
    return list(
        requests_of(campaign)
        .order_by()
        .values("employee__position__department_id", "employee__position__department__name")
        .annotate(**_totals())
        .order_by("employee__position__department__name")
    )


def filtered(campaign, *, department="", status="", query=""):
    rows = requests_of(campaign)
    if department == NO_DEPARTMENT:
        rows = rows.filter(employee__position__department__isnull=True)
    elif (department_id := input_rules.as_id(department)) is not None:
        rows = rows.filter(employee__position__department_id=department_id)
    if status == "open":
        rows = rows.filter(status__in=OPEN_ACK_STATUSES)
    elif status in AckStatus.values:
        rows = rows.filter(status=status)
    if query.strip():
        rows = rows.filter(employee__full_name__icontains=query.strip()[:100])
    return rows.order_by("employee__full_name", "pk")
