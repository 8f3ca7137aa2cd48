"""The staff-import stage of `bench`: a 10 000-row employee file from 1С:ЗУП, checked, applied, re-imported."""

import datetime
import time

from openpyxl import Workbook

from jobdesc import exports
from jobdesc.accounts.models import User
from jobdesc.accounts.roles import Role
from jobdesc.accounts.services import grant_role
from jobdesc.orgs.models import Employee, Organisation
from jobdesc.orgs.staff_import import applying, uploads

ROWS = 10_000
DEPARTMENTS = 20
POSITIONS_PER_DEPARTMENT = 5
TRANSFERS = 1_000
SURNAMES = ["Иванов", "Петров", "Сидоров", "Кузнецов", "Смирнов", "Попов", "Васильев", "Соколов", "Михайлов", "Новиков"]
NAMES = ["Иван", "Пётр", "Сергей", "Андрей", "Олег", "Павел", "Илья", "Роман"]
PATRONYMICS = ["Иванович", "Петрович", "Сергеевич", "Андреевич", "Олегович", "Павлович"]


def _posts():
    return [
        (f"Подразделение {d:02}", f"Специалист {p} категории {d:02}")
        for d in range(1, DEPARTMENTS + 1)
        for p in range(1, POSITIONS_PER_DEPARTMENT + 1)
    ]


def staff_list() -> bytes:
    lines = ["Подразделение;Должность;Количество ставок"]
    lines += [f"{department};{position};{ROWS // len(_posts()) + 5}" for department, position in _posts()]
    return "\n".join(lines).encode()


def employee_file(shift: int = 0) -> bytes:
    """ROWS employees in 1С's columns; `shift` moves the first TRANSFERS people to the next post."""
    posts = _posts()
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    exports.append(
        sheet, ["Табельный номер", "ФИО", "Подразделение", "Должность", "Количество ставок", "Дата приема", "E-mail"]
    )
    for n in range(ROWS):
        department, position = posts[(n + (shift if n < TRANSFERS else 0)) % len(posts)]
        name = f"{SURNAMES[n % 10]} {NAMES[(n // 10) % 8]} {PATRONYMICS[(n // 80) % 6]}"
        hired = datetime.date(2015, 1, 1) + datetime.timedelta(days=n % 3000)
        exports.append(sheet, [f"{n:06}", name, department, position, 1, hired, f"person{n}@bench.example"])
    return exports.xlsx_bytes(workbook)


def _timed(function, *args, **kwargs):
    started = time.perf_counter()
    result = function(*args, **kwargs)
    return result, (time.perf_counter() - started) * 1000


def run() -> dict:
    """Each step once, as HR does it: check the file (the preview), apply it, check it again, apply a newer one."""
    organisation = Organisation.objects.create(
        full_name="Общество с ограниченной ответственностью «Большой штат»", short_name="ООО «Большой штат»"
    )
    hr = User.objects.create_user(username="import-hr", organisation=organisation, last_name="Кадрова")
    grant_role(user=hr, role=Role.HR)
    staff, _ms = _timed(uploads.upload, organisation=organisation, file_name="staff.csv", content=staff_list(), by=hr)
    applying.apply(staff_import_id=staff[0].pk, by=hr)
    content, build_ms = _timed(employee_file)
    (first, plan), check_ms = _timed(
        uploads.upload, organisation=organisation, file_name="employees.xlsx", content=content, by=hr
    )
    assert not plan.has_errors, [row.errors for row in plan.rows if row.errors][:3]
    counts, apply_ms = _timed(applying.apply, staff_import_id=first.pk, by=hr)
    assert Employee.objects.filter(organisation=organisation).count() == ROWS
    (again, replan), recheck_ms = _timed(
        uploads.upload, organisation=organisation, file_name="employees.xlsx", content=content, by=hr
    )
    newer = employee_file(shift=1)
    (moved, moved_plan), moved_check_ms = _timed(
        uploads.upload, organisation=organisation, file_name="employees-newer.xlsx", content=newer, by=hr
    )
    moved_counts, moved_apply_ms = _timed(applying.apply, staff_import_id=moved.pk, by=hr)
    return {
        "rows": ROWS,
        "file_kb": round(len(content) / 1024),
        "build_ms": build_ms,
        "check_ms": check_ms,
        "apply_ms": apply_ms,
        "created": counts["create"],
        "recheck_ms": recheck_ms,
        "reimport_same": replan.counts["same"],
        "reimport_changes": replan.counts["create"] + replan.counts["update"],
        "transfers": moved_plan.counts["transfers"],
        "transfer_check_ms": moved_check_ms,
        "transfer_apply_ms": moved_apply_ms,
        "transferred": moved_counts["update"],
    }
