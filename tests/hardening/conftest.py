"""Fixtures of the hardening tests: two complete organisations, each with every kind of object a URL can name.

Alice's organisation (`organisation` from tests/conftest.py, «Ромашка») and the other one («Василёк»,
whose HR officer is `outsider`) get the same set of objects; the names of the other organisation's
objects all contain «Васил», so a page that shows any of them is caught by a plain text search.
Approving a version stores its PDF; here the stored file is a small stand-in, so building a world costs
no WeasyPrint render (the PDF itself is tested in tests/documents).
"""

import datetime
from dataclasses import dataclass

import pytest

from jobdesc.accounts.roles import Role
from jobdesc.documents import verification
from jobdesc.instructions.drafting.services import start_draft
from jobdesc.instructions.models import Acknowledgement, Item, Section
from jobdesc.library.models import Clause, SectionKind
from jobdesc.orgs import invitations
from jobdesc.orgs.models import Category, Department, Employee, Position
from jobdesc.orgs.staff_import import uploads
from tests.conftest import COMPLETE_SECTIONS, approve_through_workflow, make_user

STAND_IN_PDF = b"%PDF-1.7\n% stand-in for a rendered instruction\n%%EOF\n"


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "integration: starts real processes (app servers, an S3 server) on loopback; a few seconds"
    )


@dataclass
class World:
    """One organisation's people and one object of each kind, by the names the URL table uses."""

    organisation: object
    hr: object
    agreeing: object
    approver: object
    employee: object
    department: object
    position: object
    spare_position: object
    employee_record: object
    draft: object
    draft_item: object
    optional_section: object
    approved: object
    acknowledgement: object
    clause: object
    admin: object
    superuser: object
    uninvited: object
    invitation: object
    invitation_token: str
    staff_import: object

    @property
    def code(self) -> str:
        return verification.code_for(self.approved)


@pytest.fixture
def stand_in_pdf(monkeypatch):
    """Store a small fixed file instead of rendering the PDF when a version is approved."""
    monkeypatch.setattr("jobdesc.documents.pdf.render_pdf", lambda version, **options: STAND_IN_PDF)


def build_world(organisation, *, hr, agreeing, approver, employee, position, department, marker) -> World:
    """The objects every URL of the app can name, for one organisation; `marker` goes into each name."""
    employee_record = employee.employments.get()
    uninvited = Employee.objects.create(
        organisation=organisation, full_name=f"Новиков Ян {marker}", email=f"new@{organisation.inn}.example"
    )
    invited = Employee.objects.create(
        organisation=organisation, full_name=f"Приглашённая Вера {marker}", email=f"invited@{organisation.inn}.example"
    )
    invitation = invitations.invite(organisation=organisation, employee_ids=[invited.pk], by=hr).invitations[0]
    staff_import, _plan = uploads.upload(
        organisation=organisation,
        file_name=f"staff-{marker}.csv",
        content=f"Подразделение;Должность;Количество ставок\n{department.name};Курьер {marker};1\n".encode(),
        by=hr,
    )
    spare_position = Position.objects.create(
        organisation=organisation, title=f"Кладовщик {marker}", department=department, category=Category.WORKERS
    )
    drafted_position = Position.objects.create(
        organisation=organisation,
        title=f"Юрист {marker}",
        department=department,
        category=Category.SPECIALISTS,
        reports_to=position.reports_to,
    )
    approved = approve_through_workflow(
        start_draft(position=position, user=hr, sections=COMPLETE_SECTIONS), hr, [agreeing], approver
    )
    draft = start_draft(position=drafted_position, user=hr, sections=COMPLETE_SECTIONS)
    optional_section = Section.objects.create(
        version=draft, kind=SectionKind.objects.get(code="final"), order=SectionKind.objects.get(code="final").order
    )
    return World(
        organisation=organisation,
        hr=hr,
        agreeing=agreeing,
        approver=approver,
        employee=employee,
        department=department,
        position=position,
        spare_position=spare_position,
        employee_record=employee_record,
        draft=draft,
        draft_item=Item.objects.filter(section__version=draft).order_by("section__order", "order").first(),
        optional_section=optional_section,
        approved=approved,
        acknowledgement=Acknowledgement.objects.get(version=approved, employee=employee_record),
        clause=Clause.objects.create(
            organisation=organisation,
            section=SectionKind.objects.get(code="duties"),
            text=f"Ведёт учёт договоров {marker}.",
        ),
        admin=make_user(organisation, f"admin-{organisation.inn}", Role.ADMIN, f"Админов {marker}"),
        superuser=_superuser(),
        uninvited=uninvited,
        invitation=invitation,
        invitation_token=invitations.tokens.make_token(invitation),
        staff_import=staff_import,
    )


def _superuser():
    from jobdesc.accounts.models import User

    return User.objects.filter(username="root").first() or User.objects.create_superuser("root", "", "root-password")


@pytest.fixture
def world(stand_in_pdf, organisation, sales, position, hr, lawyer, approver, employee_user):
    """Alice's organisation («Ромашка»): the one whose URLs the table describes."""
    return build_world(
        organisation,
        hr=hr,
        agreeing=lawyer,
        approver=approver,
        employee=employee_user,
        position=position,
        department=sales,
        marker="Ромашки",
    )


@pytest.fixture
def other_world(stand_in_pdf, other_organisation, outsider):
    """The other organisation («Василёк»), built the same way: none of it may ever show for Alice's people."""
    department = Department.objects.create(organisation=other_organisation, name="Отдел Василька")
    chief = Position.objects.create(
        organisation=other_organisation,
        title="Начальник отдела Василька",
        department=department,
        category=Category.MANAGERS,
    )
    position = Position.objects.create(
        organisation=other_organisation,
        title="Менеджер Василька",
        department=department,
        category=Category.SPECIALISTS,
        reports_to=chief,
    )
    employee = make_user(other_organisation, "vasilek-employee", Role.EMPLOYEE, "Васильков Иван")
    Employee.objects.create(
        organisation=other_organisation,
        user=employee,
        full_name="Васильков Иван Иванович",
        position=position,
        hire_date=datetime.date(2025, 2, 1),
    )
    return build_world(
        other_organisation,
        hr=outsider,
        agreeing=make_user(other_organisation, "vasilek-lawyer", Role.AGREEING, "Васильева Анна"),
        approver=make_user(other_organisation, "vasilek-director", Role.APPROVER, "Васильев Пётр"),
        employee=employee,
        position=position,
        department=department,
        marker="Василька",
    )
