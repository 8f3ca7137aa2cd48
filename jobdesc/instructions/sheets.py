"""A spreadsheet download of rows for HR: bold header, sensible widths, text that a spreadsheet never runs
(the cells are written through `jobdesc.spreadsheets`, which makes formula-like texts inert)."""

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Font

from jobdesc import spreadsheets

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_bytes(title: str, header: list, rows) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    spreadsheets.append(sheet, header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        spreadsheets.append(sheet, row)
    for column in sheet.columns:
        width = max(len(str(cell.value or "")) for cell in column)
        sheet.column_dimensions[column[0].column_letter].width = min(60, max(10, width + 2))
    return spreadsheets.xlsx_bytes(workbook)


def xlsx_response(title: str, header: list, rows, filename: str) -> HttpResponse:
    response = HttpResponse(xlsx_bytes(title, header, rows), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
