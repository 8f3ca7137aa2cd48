"""CSV and XLSX files the app writes, with every text cell made inert so a spreadsheet never runs it.

A cell that starts with `=`, `+`, `-` or `@` (or a tab or line break, which some programs skip before
looking) is read by Excel and LibreOffice as a formula, and openpyxl even stores such a string as a live
formula. A name, a position title or a comment typed into the app could then compute, fetch or link when HR
opens the export. Every writer goes through this module: such a text gets a leading apostrophe and is
written as text. Numbers and dates stay what they are.
"""

import csv
import io

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def inert(value):
    """The value itself, or for a text that a spreadsheet would read as a formula, the text behind an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_file(header, rows) -> bytes:
    """A semicolon-separated file with a byte-order mark, which Excel needs to read Cyrillic as UTF-8."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow([inert(value) for value in header])
    writer.writerows([inert(value) for value in row] for row in rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


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
