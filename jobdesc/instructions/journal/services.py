"""The registry journal of approved instructions: its rows, filters and CSV/XLSX exports."""

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from jobdesc import spreadsheets
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
    if department.isdigit():
        rows = rows.filter(version__instruction__position__department_id=int(department))
    if year.isdigit() and 1 <= int(year) <= 9999:
        rows = rows.filter(registered_on__year=int(year))
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
        version.approved_by.get_full_name() or version.approved_by.username,
        version.effective_date,
        version.get_status_display(),
        ended.date() if ended else None,
    ]


def as_csv(rows) -> bytes:
    return spreadsheets.csv_file(columns(), ([_format(value) for value in row(entry)] for entry in rows))


def _format(value):
    if value is None:
        return ""
    if hasattr(value, "strftime"):
        return value.strftime("%d.%m.%Y")
    return value


def as_xlsx(rows) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Registry journal")[:31]
    spreadsheets.append(sheet, columns())
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for entry in rows:
        spreadsheets.append(sheet, row(entry))
    for column, width in zip("ABCDEFGHI", [6, 12, 45, 30, 8, 25, 14, 16, 18], strict=True):
        sheet.column_dimensions[column].width = width
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:
            if hasattr(cell.value, "year"):
                cell.number_format = "DD.MM.YYYY"
    return spreadsheets.xlsx_bytes(workbook)
