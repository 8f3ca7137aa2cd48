"""Staff import: 1С:ЗУП columns in any order, a preview with each bad row's reason, one transaction on confirmation."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from openpyxl import Workbook

from jobdesc.instructions.models import Acknowledgement, AckStatus
from jobdesc.orgs.models import Department, Employee, Employment, ImportStatus, Position, StaffImport
from jobdesc.orgs.staff_import import reading, uploads
from tests.conftest import login

IMPORT = reverse("orgs:import")

STAFF_LIST = """Подразделение;Вышестоящее подразделение;Должность;Категория;Количество ставок
Администрация;;Генеральный директор;Руководители;1
Отдел продаж;Администрация;Начальник отдела продаж;Руководители;1
Отдел продаж;Администрация;Менеджер по работе с клиентами;Специалисты;3
Отдел продаж;Администрация;Менеджер по работе с клиентами;Специалисты;1,5
Склад;Администрация;Кладовщик;Рабочие;2
"""

# 1С puts the report's title above the table; the columns come in its own order, not the template's.
EMPLOYEES = [
    ["Список сотрудников ООО «Ромашка»"],
    ["на 01.12.2026"],
    [],
    ["ФИО", "Дата приёма", "Должность", "Табельный номер", "Подразделение", "Ставка", "E-mail", "Вид занятости"],
    ["Петров Сергей Николаевич", datetime.date(2020, 3, 1), "Генеральный директор", "0001", "Администрация", 1,
     "petrov@romashka.example", "Основное место работы"],
    ["Иванова Анна Сергеевна", "15.01.2024", "Менеджер по работе с клиентами", "0002", "Отдел продаж", "1",
     "ivanova@romashka.example", "Основное место работы"],
    ["Иванова Анна Сергеевна", "01.06.2024", "Кладовщик", "0003", "Склад", "0,5",
     "ivanova@romashka.example", "Внутреннее совместительство"],
    ["Орлов Олег Олегович", "2023-09-01", "Кладовщик", "0004", "Склад", 1, "", ""],
]  # fmt: skip


def xlsx(rows) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(client, name, content):
    return client.post(IMPORT, {"file": SimpleUploadedFile(name, content)})


def preview_of(response):
    assert response.status_code == 302, response.content.decode()[:2000]
    return StaffImport.objects.get(pk=response["Location"].rstrip("/").split("/")[-1])


def confirm(client, staff_import):
    response = client.post(reverse("orgs:import_apply", args=[staff_import.pk]))
    return b"".join(response.streaming_content).decode()


@pytest.fixture
def structure(hr_client, organisation):
    staff_import = preview_of(upload(hr_client, "штатное.csv", STAFF_LIST.encode("cp1251")))
    confirm(hr_client, staff_import)
    return staff_import


def test_the_staff_list_is_previewed_and_nothing_is_written_before_confirmation(hr_client, organisation):
    staff_import = preview_of(upload(hr_client, "штатное.csv", STAFF_LIST.encode("cp1251")))
    preview = hr_client.get(reverse("orgs:import_preview", args=[staff_import.pk]))
    counts = preview.context["counts"]
    assert (counts["create"], counts["error"], counts["departments"]) == (4, 0, 3)
    assert not Department.objects.filter(organisation=organisation).exists()
    assert not Position.objects.filter(organisation=organisation).exists()
    assert 'id="confirm-import"' in preview.content.decode()


def test_a_confirmed_staff_list_creates_departments_positions_and_staff_units(hr_client, organisation, structure):
    sales = Department.objects.get(organisation=organisation, name="Отдел продаж")
    assert sales.parent.name == "Администрация"
    manager = Position.objects.get(organisation=organisation, title="Менеджер по работе с клиентами")
    assert (manager.department, str(manager.rates), manager.category) == (sales, "4.50", "specialists")
    assert manager.form("gent") == "менеджера по работе с клиентами"
    assert StaffImport.objects.get().status == ImportStatus.APPLIED


def test_employees_are_matched_by_header_names_in_any_order(hr_client, organisation, structure):
    staff_import = preview_of(upload(hr_client, "сотрудники.xlsx", xlsx(EMPLOYEES)))
    page = confirm(hr_client, staff_import)
    assert 'id="import-done"' in page and "<progress" in page
    ivanova = Employee.objects.filter(organisation=organisation, full_name="Иванова Анна Сергеевна").order_by(
        "personnel_number"
    )
    main, part = ivanova
    assert (main.personnel_number, main.position.title, main.hire_date) == (
        "0002",
        "Менеджер по работе с клиентами",
        datetime.date(2024, 1, 15),
    )
    assert (part.employment, str(part.rate), part.position.title) == (Employment.PART_TIME, "0.50", "Кладовщик")
    assert Employee.objects.get(personnel_number="0004").email == ""
    assert Employee.objects.filter(organisation=organisation).count() == 4
    assert not Employee.objects.filter(user__isnull=False, organisation=organisation).exists()


def test_a_bad_file_is_refused_with_every_rows_reason_and_writes_nothing(hr_client, organisation, structure):
    rows = [
        EMPLOYEES[3],
        ["Петров Сергей Николаевич", "01.03.2020", "Генеральный директор", "0001", "Бухгалтерия", 1, "", ""],
        ["Иванова Анна Сергеевна", "15.01.2024", "Кладовщик", "0002", "Склад", 1, "ivanova@", ""],
        ["Орлов Олег Олегович", "01.01.2099", "Кладовщик", "0003", "Склад", 1, "", ""],
        ["Сидоров Пётр Ильич", "01.01.2020", "Кладовщик", "0003", "Склад", 1, "", ""],
        ["Козлов Илья Ильич", "01.01.2020", "Кладовщик", "0005", "Склад", "три", "", ""],
        ["Новиков Ян Янович", "01.01.2020", "Кладовщик", "0006", "Склад", 1, "", ""],
    ]
    staff_import = preview_of(upload(hr_client, "плохой.xlsx", xlsx(rows)))
    preview = hr_client.get(reverse("orgs:import_preview", args=[staff_import.pk]))
    page = preview.content.decode()
    reasons = {row.number: " ".join(row.errors) for row in preview.context["plan"].rows if row.errors}
    assert "Бухгалтерия" in reasons[2]
    assert "ivanova@" in reasons[3]
    assert "2099" in reasons[4]
    assert "0003" in reasons[5] and "4" in reasons[5]
    assert "три" in reasons[6]
    assert 7 not in reasons
    assert 'id="refused"' in page and 'id="confirm-import"' not in page
    outcome = confirm(hr_client, staff_import)
    assert "alert-danger" in outcome
    assert not Employee.objects.filter(organisation=organisation).exists()


def test_re_importing_the_same_file_changes_nothing(hr_client, organisation, structure):
    content = xlsx(EMPLOYEES)
    confirm(hr_client, preview_of(upload(hr_client, "сотрудники.xlsx", content)))
    before = list(Employee.objects.filter(organisation=organisation).order_by("pk").values())
    again = preview_of(upload(hr_client, "сотрудники.xlsx", content))
    preview = hr_client.get(reverse("orgs:import_preview", args=[again.pk]))
    assert preview.context["counts"]["same"] == 4
    assert preview.context["counts"]["create"] == preview.context["counts"]["update"] == 0
    assert 'id="nothing-to-do"' in preview.content.decode()
    assert list(Employee.objects.filter(organisation=organisation).order_by("pk").values()) == before
    staff_again = preview_of(upload(hr_client, "штатное.csv", STAFF_LIST.encode("cp1251")))
    assert staff_again.summary["same"] == 4 and staff_again.summary["create"] == 0


def test_a_newer_file_transfers_a_person_who_is_asked_to_sign_the_new_instruction(
    hr, lawyer, approver, hr_client, organisation, structure
):
    from jobdesc.instructions.drafting.services import start_draft
    from tests.conftest import COMPLETE_SECTIONS, approve_through_workflow

    confirm(hr_client, preview_of(upload(hr_client, "сотрудники.xlsx", xlsx(EMPLOYEES))))
    chief = Position.objects.get(organisation=organisation, title="Начальник отдела продаж")
    director = Position.objects.get(organisation=organisation, title="Генеральный директор")
    Position.objects.filter(pk=chief.pk).update(reports_to=director)
    approved = approve_through_workflow(
        start_draft(position=chief, user=hr, sections=COMPLETE_SECTIONS), hr, [lawyer], approver
    )
    newer = [list(row) for row in EMPLOYEES]
    newer[5][2], newer[5][4] = "Начальник отдела продаж", "Отдел продаж"
    staff_import = preview_of(upload(hr_client, "сотрудники-декабрь.xlsx", xlsx(newer)))
    assert staff_import.summary["transfers"] == 1 and staff_import.summary["update"] == 1
    confirm(hr_client, staff_import)
    moved = Employee.objects.get(organisation=organisation, personnel_number="0002")
    assert moved.position == chief
    assert Acknowledgement.objects.get(employee=moved, version=approved).status == AckStatus.PENDING


def test_a_file_changed_underneath_the_preview_is_not_applied(hr_client, organisation, structure):
    staff_import = preview_of(upload(hr_client, "сотрудники.xlsx", xlsx(EMPLOYEES)))
    Employee.objects.create(organisation=organisation, full_name="Петров Сергей Николаевич", personnel_number="0001")
    outcome = confirm(hr_client, staff_import)
    assert "alert-danger" in outcome
    assert Employee.objects.filter(organisation=organisation).count() == 1


def test_a_file_is_applied_once(hr_client, organisation, structure):
    staff_import = preview_of(upload(hr_client, "сотрудники.xlsx", xlsx(EMPLOYEES)))
    confirm(hr_client, staff_import)
    assert "alert-danger" in confirm(hr_client, staff_import)
    assert Employee.objects.filter(organisation=organisation).count() == 4


def test_a_file_that_is_no_table_is_refused_with_a_message(hr_client):
    response = upload(hr_client, "фото.xlsx", b"PK\x03\x04 not really a workbook")
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    response = upload(hr_client, "письмо.csv", "Здравствуйте!\nКак дела?\n".encode())
    assert "file" in response.context["form"].errors
    assert not StaffImport.objects.exists()


@pytest.mark.parametrize("kind", ["staff_list", "employees"])
@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_the_templates_download_and_read_back_with_every_column_known(hr_client, kind, fmt):
    response = hr_client.get(reverse("orgs:import_template", args=[kind, fmt]))
    assert response.status_code == 200
    table = reading.read(response.content, f"template.{fmt}")
    assert len(table.rows) == 3 and table.unknown_headers == []
    assert len(table.columns) == len(reading.TEMPLATE_COLUMNS[kind])


def test_the_command_checks_and_imports_a_file(hr, organisation, structure, tmp_path, capsys):
    path = tmp_path / "сотрудники.xlsx"
    path.write_bytes(xlsx(EMPLOYEES))
    call_command("import_staff", str(path), "--by", "hr")
    assert "4 to create" in capsys.readouterr().out
    assert not Employee.objects.filter(organisation=organisation).exists()
    call_command("import_staff", str(path), "--by", "hr", "--apply")
    assert Employee.objects.filter(organisation=organisation).count() == 4


def test_the_command_lists_bad_rows_and_exits_with_1(hr, organisation, tmp_path, capsys):
    path = tmp_path / "плохой.csv"
    path.write_text("ФИО;Табельный номер;Подразделение;Должность\nИванов Иван;1;Нет такого;Никто\n")
    with pytest.raises(SystemExit) as exit_info:
        call_command("import_staff", str(path), "--by", "hr")
    assert exit_info.value.code == 1
    assert "row 2" in capsys.readouterr().out


def test_only_hr_imports_and_an_outsider_sees_no_preview(lawyer, outsider_client, hr, organisation):
    staff_import, _plan = uploads.upload(
        organisation=organisation, file_name="s.csv", content=STAFF_LIST.encode(), by=hr
    )
    client = login(lawyer)
    assert client.get(IMPORT).status_code == 403
    assert client.post(reverse("orgs:import_apply", args=[staff_import.pk])).status_code == 403
    assert outsider_client.get(reverse("orgs:import_preview", args=[staff_import.pk])).status_code == 404
    assert outsider_client.post(reverse("orgs:import_apply", args=[staff_import.pk])).status_code == 404
    assert not Position.objects.filter(organisation=organisation).exists()


def test_a_dismissal_in_a_newer_file_closes_the_persons_request(
    hr_client, organisation, employee_user, approved_version
):
    record = employee_user.employments.get()
    Employee.objects.filter(pk=record.pk).update(personnel_number="0777")
    content = (
        "Табельный номер;ФИО;Подразделение;Должность;Дата приема;Дата увольнения\n"
        f"0777;{record.full_name};Отдел продаж;Менеджер по работе с клиентами;15.01.2025;30.06.2025\n"
    ).encode()
    confirm(hr_client, preview_of(upload(hr_client, "увольнение.csv", content)))
    record.refresh_from_db()
    assert record.dismissal_date == datetime.date(2025, 6, 30)
    assert record.user == employee_user, "the import never touches a login"
    assert Acknowledgement.objects.get(employee=record).status == AckStatus.CLOSED


def test_a_second_post_of_a_person_without_the_column_is_part_time(hr_client, organisation, structure):
    content = (
        "Табельный номер;ФИО;Подразделение;Должность;E-mail\n"
        "0010;Зайцева Ольга Ивановна;Отдел продаж;Менеджер по работе с клиентами;zaitseva@romashka.example\n"
        "0011;Зайцева Ольга Ивановна;Склад;Кладовщик;zaitseva@romashka.example\n"
    ).encode()
    confirm(hr_client, preview_of(upload(hr_client, "два поста.csv", content)))
    kinds = dict(Employee.objects.filter(organisation=organisation).values_list("personnel_number", "employment"))
    assert kinds == {"0010": Employment.MAIN, "0011": Employment.PART_TIME}
