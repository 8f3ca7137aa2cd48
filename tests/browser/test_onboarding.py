"""The first week of a new organisation, entirely in the browser, from a database with only a superuser:
the organisation and its administrator, the staff list, a 300-row employee file, every employee invited,
roles granted; then an invited employee sets a password and signs their instruction."""

import datetime
import io
import re

import pytest
from django.core import mail
from openpyxl import Workbook

from jobdesc.accounts.models import User
from jobdesc.documents.tasks import store_version_pdf
from jobdesc.instructions.drafting.services import start_draft
from jobdesc.instructions.models import Acknowledgement, AckStatus
from jobdesc.instructions.workflow import services as workflow
from jobdesc.orgs import invitations
from jobdesc.orgs.models import Employee, Invitation, Position
from tests.conftest import COMPLETE_SECTIONS
from tests.outbox.worker import run_tasks

from .conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("reference_data")]

STAFF_LIST = """Подразделение;Вышестоящее подразделение;Должность;Категория;Количество ставок
Администрация;;Генеральный директор;Руководители;1
Юридический отдел;Администрация;Юрисконсульт;Специалисты;2
Отдел продаж;Администрация;Менеджер по работе с клиентами;Специалисты;150
Склад;Администрация;Кладовщик;Рабочие;150
"""
POSTS = [
    ("Администрация", "Генеральный директор"),
    ("Юридический отдел", "Юрисконсульт"),
    *[("Отдел продаж", "Менеджер по работе с клиентами")] * 149,
    *[("Склад", "Кладовщик")] * 149,
]
SURNAMES = ["Иванов", "Петров", "Сидоров", "Кузнецов", "Смирнов", "Попов", "Васильев", "Соколов", "Михайлов", "Новиков"]
NAMES = ["Иван", "Пётр", "Сергей", "Андрей", "Олег", "Павел"]
PATRONYMICS = ["Иванович", "Петрович", "Сергеевич", "Андреевич", "Олегович", "Павлович"]
PASSWORD = "Весна-в-Лютике-2026"
# Without a manager to name, the subordination clause names the head directly.
SECTIONS = [
    (
        code,
        title,
        ["{position} подчиняется непосредственно генеральному директору."] if code == "subordination" else texts,
    )
    for code, title, texts in COMPLETE_SECTIONS
]


def employee_file() -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Табельный номер", "ФИО", "Подразделение", "Должность", "Количество ставок", "Дата приема", "E-mail"])
    for n, (department, position) in enumerate(POSTS, start=1):
        name = f"{SURNAMES[n % 10]} {NAMES[n % 6]} {NAMES[(n // 6) % 6]}ович"
        sheet.append(
            [f"{n:05}", name, department, position, 1, datetime.date(2024, 1, 1 + n % 28), f"p{n}@lutik.example"]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def link_to(address) -> str:
    run_tasks()  # the worker sends what the outbox queued
    message = [m for m in mail.outbox if m.to == [address]][-1]
    return re.search(r"/invitation/\d+/\S+/", message.body).group(0)


def accept(page, address, password=PASSWORD):
    page.goto(link_to(address))
    page.fill("input[name=new_password1]", password)
    page.fill("input[name=new_password2]", password)
    page.click("#accept-form button[type=submit]")
    page.wait_for_selector("text=Добро пожаловать")


def test_a_new_organisation_gets_from_a_superuser_to_signed_instructions_in_the_browser(open_page, tmp_path):
    User.objects.create_superuser("root", "root@example.org", "root-password-123")

    # The superuser creates the organisation and invites its administrator, who is also its HR officer.
    root = open_page()
    root.goto("/accounts/login/")
    root.fill("input[name=username]", "root")
    root.fill("input[name=password]", "root-password-123")
    root.click("main button[type=submit]")
    root.wait_for_selector("#organisations")
    root.fill("input[name=full_name]", "Общество с ограниченной ответственностью «Лютик»")
    root.fill("input[name=short_name]", "ООО «Лютик»")
    root.fill("input[name=city]", "Тверь")
    root.fill("input[name=admin_name]", "Лютикова Ольга Ивановна")
    root.fill("input[name=admin_email]", "olga@lutik.example")
    screenshot(root, "setup-organisation")
    root.click("input[name=create]")
    root.wait_for_selector("#organisations >> text=ООО «Лютик»")

    # The administrator opens the e-mail's link and chooses a password.
    admin = open_page()
    admin.goto(link_to("olga@lutik.example"))
    admin.wait_for_selector("#accept-form")
    screenshot(admin, "accept-invitation")
    accept(admin, "olga@lutik.example")

    # The staff list, then the employee file of 300 rows, each checked, then imported.
    staff = tmp_path / "штатное расписание.csv"
    staff.write_bytes(STAFF_LIST.encode("cp1251"))
    people = tmp_path / "сотрудники.xlsx"
    people.write_bytes(employee_file())
    for path in (staff, people):
        admin.goto("/org/import/")
        admin.set_input_files("input[name=file]", str(path))
        admin.click("#upload-form button[type=submit]")
        admin.wait_for_selector("#confirm-import")
        if path is people:
            assert admin.locator("#counts").inner_text().startswith("300")
            screenshot(admin, "import-preview")
        admin.click("#confirm-import button[type=submit]")
        admin.wait_for_selector("#import-done", timeout=60_000)
    screenshot(admin, "import-done")
    assert Employee.objects.filter(organisation__short_name="ООО «Лютик»").count() == 300

    # Every employee is invited at once.
    admin.goto("/org/employees/")
    # 300 accounts, invitations and e-mails in one request: longer than a click's usual wait on a busy machine.
    admin.click("#invite-everyone", timeout=60_000)
    admin.wait_for_selector("text=Отправлено 300 приглашений", timeout=60_000)
    screenshot(admin, "employees-invited")
    assert Invitation.objects.filter(organisation__short_name="ООО «Лютик»", employees__isnull=False).count() == 300
    admin.goto("/org/invitations/")
    screenshot(admin, "invitations")

    # The administrator grants the director and the lawyer their roles, by their names.
    for address, role in [("p1@lutik.example", "Утверждающий"), ("p2@lutik.example", "Согласующий")]:
        account = User.objects.get(email=address)
        admin.goto(f"/accounts/people/{account.pk}/")
        admin.get_by_label(role).check()
        admin.click("input[name=save]")
        admin.wait_for_selector("text=сохранены")
    screenshot(admin, "person-roles")
    admin.goto("/accounts/people/")
    screenshot(admin, "people")

    # The director and the lawyer accept; the instruction of the managers is agreed and approved (services).
    director, lawyer = (open_page(), open_page())
    accept(director, "p1@lutik.example")
    accept(lawyer, "p2@lutik.example")
    olga, director_user, lawyer_user = (User.objects.get(email=f"{n}@lutik.example") for n in ("olga", "p1", "p2"))
    managers = Position.objects.get(organisation=olga.organisation, title="Менеджер по работе с клиентами")
    version = start_draft(position=managers, user=olga, sections=SECTIONS)
    workflow.submit(version=version, user=olga, officials=[lawyer_user])
    workflow.agree(version=version, user=lawyer_user)
    workflow.approve(version=version, user=director_user, password=PASSWORD)
    run_tasks(task_path=store_version_pdf.module_path)  # the worker stores the approved PDF

    # A manager opens their own invitation, sets a password and signs their instruction.
    manager = open_page()
    accept(manager, "p3@lutik.example")
    manager.click("nav >> text=Мои инструкции")
    manager.click("#pending a")
    manager.fill("#sign-form input[name=password]", PASSWORD)
    manager.click("#sign-form button[type=submit]")
    manager.wait_for_selector("#signed li")
    record = Employee.objects.get(email="p3@lutik.example")
    ack = Acknowledgement.objects.get(employee=record, version=version)
    assert ack.status == AckStatus.SIGNED and ack.signed_by == record.user
    version.refresh_from_db()
    assert ack.pdf_sha256 == version.pdf_sha256
    assert invitations.not_accepted(olga.organisation).count() == 297
