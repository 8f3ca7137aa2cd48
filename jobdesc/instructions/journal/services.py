"""The registry journal of approved instructions: its rows, filters and CSV/XLSX exports."""

from django.utils import timezone
from django.utils.translation import gettext as _

from jobdesc import input_rules
from jobdesc.instructions.models import JournalEntry, Status

# The columns of one row of the journal page (`instruction_rows.journal_rows`): no model per row.
JOURNAL_ROW = (
    "number",
    "registered_on",
    "version_id",
    "version__instruction__position__title",
    "version__instruction__position__department__name",
    "version__number",
    "version__approved_by__first_name",
    "version__approved_by__last_name",
    "version__approved_by__username",
    "version__effective_date",
    "version__status",
    "version__superseded_at",
    "version__withdrawn_at",
)


def entries(organisation, *, status="", department="", year="", q=""):
    rows = (
        JournalEntry.objects.filter(organisation=organisation)
        .select_related(
            "version__instruction__position__department", "version__approved_by", "version__instruction__position"
        )
        .order_by("-number")
    )
    if status in Status.values:
        rows = rows.filter(version__status=status)
    if (department_id := input_rules.as_id(department)) is not None:
        rows = rows.filter(version__instruction__position__department_id=department_id)
    if (number := input_rules.as_id(year)) is not None and number <= 9999:
        rows = rows.filter(registered_on__year=number)
    if q:
        rows = rows.filter(version__instruction__position__title__icontains=q)
    return rows


def columns():
    return [
        _("No."),
        _("Registered"),
        _("Position"),
        _("Department"),
        _("Version"),
        _("Approved by"),
        _("In force from"),
        _("Status"),
        _("Superseded or withdrawn"),
    ]


def row(entry):
    version = entry.version
    position = version.instruction.position
    ended = version.superseded_at or version.withdrawn_at
    return [
        entry.number,
        entry.registered_on,
        position.title,
        position.department.name if position.department else "",
        version.number,
        version.approved_by.display_name,
        version.effective_date,
        version.get_status_display(),
        timezone.localdate(ended) if ended else None,
    ]


def sheet_layout() -> dict:
    """How the journal's XLSX looks: its sheet's title, a bold header, a width per column, dates as printed."""
    return {
        "title": _("Registry journal"),
        "bold_header": True,
        "widths": [6, 12, 45, 30, 8, 25, 14, 16, 18],
        "date_format": "DD.MM.YYYY",
    }
