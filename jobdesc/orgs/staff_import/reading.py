"""Reading a staff file: the header row found by its names (1С:ЗУП's and common synonyms), then the rows."""

import csv
import datetime
import io
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from openpyxl import load_workbook

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20_000
# 1С puts the report's title and date above the table: the header is looked for in the first rows.
HEADER_SEARCH_ROWS = 20


class FileError(Exception):
    """A file that cannot be read as a staff list at all; the message is for the user."""


def _key(text) -> str:
    return re.sub(r"[^0-9a-zа-я]", "", str(text or "").casefold().replace("ё", "е"))


# Column → header names as 1С:ЗУП and spreadsheets write them (compared without case, spaces and punctuation).
COLUMNS = {
    "full_name": ["ФИО", "Сотрудник", "Работник", "Физическое лицо", "Фамилия Имя Отчество", "Full name"],
    "surname": ["Фамилия", "Surname"],
    "first_name": ["Имя", "First name"],
    "patronymic": ["Отчество", "Patronymic"],
    "personnel_number": ["Табельный номер", "Таб. номер", "Таб. №", "Табельный №", "Таб номер", "Personnel number"],
    "department": ["Подразделение", "Отдел", "Структурное подразделение", "Department"],
    "parent_department": ["Вышестоящее подразделение", "Родительское подразделение", "Parent department"],
    "position": ["Должность", "Должность (профессия)", "Position"],
    "rate": [
        "Количество ставок",
        "Кол-во ставок",
        "Ставка",
        "Ставок",
        "Количество штатных единиц",
        "Штатных единиц",
        "Количество единиц",
        "Rate",
    ],
    "hire_date": ["Дата приема", "Дата приёма", "Принят", "Дата поступления", "Hire date"],
    "dismissal_date": ["Дата увольнения", "Уволен", "Dismissal date"],
    "email": ["E-mail", "Email", "Электронная почта", "Адрес электронной почты", "Эл. почта", "Почта"],
    "employment": ["Вид занятости", "Employment"],
    "category": ["Категория", "Категория персонала", "Category"],
}
HEADERS = {_key(name): column for column, names in COLUMNS.items() for name in names}

# What the downloadable templates hold, in 1С:ЗУП's own words and order.
TEMPLATE_COLUMNS = {
    "staff_list": ["Подразделение", "Вышестоящее подразделение", "Должность", "Категория", "Количество ставок"],
    "employees": [
        "Табельный номер",
        "ФИО",
        "Подразделение",
        "Должность",
        "Вид занятости",
        "Количество ставок",
        "Дата приема",
        "E-mail",
    ],
}
COLUMN_LABELS = {
    "full_name": pgettext_lazy("person", "full name"),
    "personnel_number": gettext_lazy("personnel number"),
    "department": gettext_lazy("department"),
    "parent_department": gettext_lazy("parent department"),
    "position": gettext_lazy("position"),
    "rate": gettext_lazy("rate"),
    "hire_date": gettext_lazy("hire date"),
    "dismissal_date": gettext_lazy("dismissal date"),
    "email": gettext_lazy("e-mail"),
    "employment": gettext_lazy("employment"),
    "category": gettext_lazy("category"),
}


@dataclass
class Table:
    """The rows of a file by column name; `numbers` are the rows' line numbers as a spreadsheet shows them."""

    columns: list[str]
    rows: list[dict]
    numbers: list[int]
    unknown_headers: list[str]


def _cells_of_xlsx(content: bytes):

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a file that is not a workbook
        raise FileError(_("The file is not an Excel workbook (.xlsx) that can be read.")) from error
    try:
        sheet = workbook.worksheets[0]
        yield from sheet.iter_rows(values_only=True)
    finally:
        workbook.close()


def _cells_of_csv(content: bytes):
    for encoding in ("utf-8-sig", "cp1251"):
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise FileError(_("The file's text is neither UTF-8 nor Windows-1251."))
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=";,\t")
    except csv.Error:
        dialect = csv.excel
        dialect.delimiter = ";"
    yield from csv.reader(io.StringIO(text), dialect)


def cells(content: bytes, file_name: str):
    """Rows of cell values of the file's first sheet (XLSX) or of the text (CSV, `;` `,` or tab separated)."""
    if len(content) > MAX_BYTES:
        raise FileError(_("The file is larger than 5 MB."))
    if content[:2] == b"PK" or file_name.lower().endswith(".xlsx"):
        return _cells_of_xlsx(content)
    if file_name.lower().endswith((".csv", ".txt")):
        return _cells_of_csv(content)
    raise FileError(_("Upload the staff list as .xlsx or .csv."))


def read(content: bytes, file_name: str) -> Table:
    rows = iter(cells(content, file_name))
    header, header_number = None, 0
    for header_number, values in enumerate(rows, start=1):
        known = [HEADERS.get(_key(value)) for value in values or ()]
        if sum(1 for column in known if column) >= 2:
            header = known
            unknown = [str(v).strip() for v, column in zip(values, known, strict=False) if v and not column]
            break
        if header_number >= HEADER_SEARCH_ROWS:
            break
    if header is None:
        raise FileError(_("No header row found: the table needs columns such as «Подразделение», «Должность», «ФИО»."))
    table = Table(columns=sorted({c for c in header if c}), rows=[], numbers=[], unknown_headers=unknown)
    for number, values in enumerate(rows, start=header_number + 1):
        row = {}
        for column, value in zip(header, values or (), strict=False):
            if column and value not in (None, "") and not row.get(column):
                row[column] = value.strip() if isinstance(value, str) else value
        if not row:
            continue
        if len(table.rows) >= MAX_ROWS:
            raise FileError(_("The file has more than %(count)d rows.") % {"count": MAX_ROWS})
        table.rows.append(row)
        table.numbers.append(number)
    return table


def as_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


DATE_FORMATS = ("%d.%m.%Y", "%Y-%m-%d", "%d.%m.%y", "%d/%m/%Y")
# Excel counts days from 30 December 1899; a serial number in this range is a date of 1954–2119.
EXCEL_EPOCH = datetime.date(1899, 12, 30)


def as_date(value) -> datetime.date | None:
    """A date from a cell: a real date, «05.06.2024», «2024-06-05», or Excel's day number; None if it is none."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, int | float) and 20_000 <= value <= 80_000:
        return EXCEL_EPOCH + datetime.timedelta(days=int(value))
    text = as_text(value).split(" ")[0]
    for date_format in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, date_format).date()
        except ValueError:
            continue
    raise ValueError(text)
