"""Shared people and organisations for the tests.

Alice's organisation has an HR officer, a lawyer (agreeing official), a director (approver) and an
employee; `outsider` is the HR officer of another organisation and must never see any of it.
"""

import contextlib
import datetime

import pytest
from django.contrib.auth.models import Group
from django.test import Client, TestCase

from jobdesc.accounts.models import User
from jobdesc.accounts.roles import Role
from jobdesc.orgs.models import Category, Department, Employee, Organisation, Position

PASSWORD = "correct-horse-battery"


def _install_reference_data():
    from django.contrib.auth.models import Permission

    from jobdesc.accounts.roles import install_roles
    from jobdesc.library.models import SectionKind
    from jobdesc.library.sections import install_section_kinds

    install_section_kinds(SectionKind)
    install_roles(Group, Permission)


def _flushes_the_database(item) -> bool:
    marker = item.get_closest_marker("django_db")
    return bool(
        {"transactional_db", "live_server"} & set(item.fixturenames) or (marker and marker.kwargs.get("transaction"))
    )


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """A test on a flushed database (transaction=True, the live server) empties the role groups and section kinds
    the data migrations made; they go back once its teardown has flushed, so an ordinary test that runs next on
    the same worker (pytest-xdist does not keep the flushing tests for last) finds them.
    """
    yield
    # After the last test of a run the test database is gone with the session's fixtures: nothing follows.
    if nextitem is not None and _flushes_the_database(item):
        from django.db import connection
        from pytest_django.plugin import blocking_manager_key

        with item.config.stash[blocking_manager_key].unblock():
            # A test skipped before its database was set up leaves nothing to fill.
            if "library_sectionkind" in connection.introspection.table_names():
                _install_reference_data()


@pytest.fixture(autouse=True)
def english_outside_requests():
    """Code called directly (services, commands) speaks the source language; requests still get Russian."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def pdf_layout(request, monkeypatch):
    """WeasyPrint lays out the document only in tests marked `pdf`; the others get a stand-in (tests/pdf_double.py)."""
    if request.node.get_closest_marker("pdf") is None:
        from tests.pdf_double import StandInDocument

        monkeypatch.setattr("jobdesc.documents.pdf._layout", StandInDocument)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Stored PDFs and logos of each test go to a folder of its own."""
    settings.MEDIA_ROOT = tmp_path / "media"


def make_user(organisation, username, role=None, full_name=""):
    surname, first_name = (full_name.split() + ["", ""])[:2]
    user = User.objects.create_user(
        username=username, password=PASSWORD, organisation=organisation, first_name=first_name, last_name=surname
    )
    if role is not None:
        user.groups.add(Group.objects.get(name=role.value))
    return user


@pytest.fixture
def reference_data(transactional_db):
    """Role groups and section kinds for tests that flush the database (live server, threads)."""
    _install_reference_data()


def link_login(employee, user):
    """Test set-up only: the product links a login to a record when the person accepts their invitation."""
    Employee.objects.filter(pk=employee.pk).update(user=user)
    employee.user = user
    return employee


def login(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def organisation(db):
    return Organisation.objects.create(
        full_name="Общество с ограниченной ответственностью «Ромашка»",
        short_name="ООО «Ромашка»",
        inn="7701234567",
        city="Москва",
        head_position="Генеральный директор",
        head_name="Петров Сергей Николаевич",
    )


@pytest.fixture
def other_organisation(db):
    return Organisation.objects.create(
        full_name="Акционерное общество «Василёк»", short_name="АО «Василёк»", inn="7809876543", city="Санкт-Петербург"
    )


@pytest.fixture
def sales(organisation):
    return Department.objects.create(organisation=organisation, name="Отдел продаж")


@pytest.fixture
def head_of_sales(organisation, sales):
    return Position.objects.create(
        organisation=organisation, title="Начальник отдела продаж", department=sales, category=Category.MANAGERS
    )


@pytest.fixture
def position(organisation, sales, head_of_sales):
    return Position.objects.create(
        organisation=organisation,
        title="Менеджер по работе с клиентами",
        department=sales,
        category=Category.SPECIALISTS,
        reports_to=head_of_sales,
    )


@pytest.fixture
def hr(organisation):
    return make_user(organisation, "hr", Role.HR, "Смирнова Ольга")


@pytest.fixture
def lawyer(organisation):
    return make_user(organisation, "lawyer", Role.AGREEING, "Кузнецов Андрей")


@pytest.fixture
def approver(organisation):
    return make_user(organisation, "director", Role.APPROVER, "Петров Сергей")


@pytest.fixture
def employee_user(organisation, position):
    user = make_user(organisation, "manager", Role.EMPLOYEE, "Иванов Иван")
    Employee.objects.create(
        organisation=organisation,
        user=user,
        full_name="Иванов Иван Иванович",
        position=position,
        hire_date=datetime.date(2025, 1, 15),
    )
    return user


@pytest.fixture
def outsider(other_organisation):
    return make_user(other_organisation, "outsider", Role.HR, "Чужой Пётр")


@pytest.fixture
def hr_client(hr):
    return login(hr)


@pytest.fixture
def outsider_client(outsider):
    return login(outsider)


# A draft that passes the checks: every mandatory section has a clause.
COMPLETE_SECTIONS = [
    ("general", "", ["{position} относится к категории специалистов."]),
    ("qualification", "", ["Высшее образование без предъявления требований к стажу работы."]),
    ("knowledge", "", ["Основы маркетинга.", "Этику делового общения."]),
    ("subordination", "", ["{position} подчиняется непосредственно {manager:datv}."]),
    ("duties", "", ["Консультирует клиентов.", "Ведёт базу клиентов.", "Готовит отчёты."]),
    ("rights", "", ["Запрашивать информацию, необходимую для работы."]),
    ("responsibility", "", ["За ненадлежащее исполнение своих обязанностей."]),
]


@pytest.fixture
def complete_draft(position, hr):
    from jobdesc.instructions.drafting.services import start_draft

    return start_draft(position=position, user=hr, sections=COMPLETE_SECTIONS)


def approve_through_workflow(version, hr, officials, approver):
    """Take a version from draft to approved through the real steps, its PDF stored by the worker's task."""
    from jobdesc.instructions.workflow import services as workflow

    workflow.submit(version=version, user=hr, officials=officials)
    for official in officials:
        workflow.agree(version=version, user=official)
    with pdf_after_commit():
        approved = workflow.approve(version=version, user=approver, password=PASSWORD)
    approved.refresh_from_db()
    return approved


@contextlib.contextmanager
def pdf_after_commit():
    """Run the block as if it committed, then the worker's task that stores the approved PDF (only that one)."""
    from jobdesc.documents.tasks import store_version_pdf
    from tests.outbox.worker import run_tasks

    with TestCase.captureOnCommitCallbacks() as callbacks:
        yield
    # Only the PDF's enqueueing runs here; e-mail delivery stays as the test would otherwise see it.
    for callback in callbacks:
        if callback.__qualname__.startswith("store_after_commit."):
            callback()
    run_tasks(task_path=store_version_pdf.module_path)


@pytest.fixture
def approved_version(complete_draft, hr, lawyer, approver):
    return approve_through_workflow(complete_draft, hr, [lawyer], approver)
