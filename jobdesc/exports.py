"""The CSV and XLSX downloads of the app, with every text cell made inert so a spreadsheet never runs it.

A cell that starts with `=`, `+`, `-` or `@` (or a tab or line break, which some programs skip before
looking) is read by Excel and LibreOffice as a formula, and openpyxl even stores such a string as a live
formula. A name, a position title or a comment typed into the app could then compute, fetch or link when HR
opens the export. Every writer goes through this module: such a text gets a leading apostrophe and is
written as text. Numbers and dates stay what they are.

A view hands its header and rows to `response(fmt, …)` (or `csv_response`, `xlsx_response`); a file that is
not a download (a staff-import template, the benchmark's staff list) comes from `csv_file` or `xlsx_file`.
"""

import csv
import datetime
import io

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = ("csv", "xlsx")


def inert(value):
    """The value itself, or for a text that a spreadsheet would read as a formula, the text behind an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_file(header, rows) -> bytes:
    """A semicolon-separated file with a byte-order mark, which Excel needs to read Cyrillic as UTF-8.

    A date is written as the documents print it (31.12.2025), an empty value as an empty cell.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow([inert(value) for value in header])
    writer.writerows([inert(_csv_text(value)) for value in row] for row in rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _csv_text(value):
    if isinstance(value, datetime.datetime):
        return value.strftime("%d.%m.%Y %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%d.%m.%Y")
    return value


def xlsx_file(header, rows, *, title=None, bold_header=False, widths=None, date_format=None) -> bytes:
    """A workbook of one sheet: the header row, then the rows.

    `title` names the sheet (cut to the 31 characters XLSX allows); `widths` is a width per column, or a
    function of the longest text of a column giving its width; `date_format` is the number format of the
    date cells below the header (openpyxl's own otherwise).
    """
    workbook = Workbook()
    sheet = workbook.active
    if title is not None:
        sheet.title = title[:31]
    append(sheet, header)
    if bold_header:
        for cell in sheet[1]:
            cell.font = Font(bold=True)
    for row in rows:
        append(sheet, row)
    if callable(widths):
        for column in sheet.columns:
            longest = max(len(str(cell.value or "")) for cell in column)
            sheet.column_dimensions[column[0].column_letter].width = widths(longest)
    elif widths:
        for number, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(number)].width = width
    if date_format:
        for cells in sheet.iter_rows(min_row=2):
            for cell in cells:
                if isinstance(cell.value, datetime.date):
                    cell.number_format = date_format
    return xlsx_bytes(workbook)


def fit(minimum, maximum=None):
    """`widths` for `xlsx_file`: each column two characters wider than its longest text, within the bounds."""

    def width(longest):
        wide = max(minimum, longest + 2)
        return wide if maximum is None else min(maximum, wide)

    return width


def append(sheet, values) -> None:
    """One row of an openpyxl sheet, its texts inert and cleared of the control characters XLSX cannot hold."""
    sheet.append([_xlsx_text(inert(value)) for value in values])


def _xlsx_text(value):
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


def xlsx_bytes(workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def download(content: bytes, filename: str, content_type: str) -> HttpResponse:
    """The file as an attachment named `filename`."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_response(filename: str, header, rows) -> HttpResponse:
    return download(csv_file(header, rows), filename, CSV_TYPE)


def xlsx_response(filename: str, header, rows, **layout) -> HttpResponse:
    """The workbook of `xlsx_file` (with its `layout` keywords) as a download."""
    return download(xlsx_file(header, rows, **layout), filename, XLSX_TYPE)


def response(fmt: str, filename: str, header, rows, **layout) -> HttpResponse:
    """The rows as CSV or XLSX, as `fmt` says (one of `FORMATS`); `layout` shapes only the workbook."""
    if fmt == "csv":
        return csv_response(filename, header, rows)
    if fmt == "xlsx":
        return xlsx_response(filename, header, rows, **layout)
    raise ValueError(f"Unknown export format {fmt!r}")
