"""Data sets of the benchmarks: an organisation filled to a given size, built fast with bulk inserts.

Everything is written to the throwaway database `bench` creates. Row texts come from the seeded clause
library, so searching, placeholders and page layout behave as with real instructions.
"""

import datetime
import itertools
from dataclasses import asdict, dataclass

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from jobdesc.accounts.models import User
from jobdesc.accounts.roles import Role
from jobdesc.instructions.drafting.services import start_draft
from jobdesc.instructions.models import (
    Acknowledgement,
    AckStatus,
    Instruction,
    Item,
    JournalEntry,
    Status,
    Version,
)
from jobdesc.instructions.workflow import services as workflow
from jobdesc.library.models import Clause, SectionKind
from jobdesc.library.sections import MANDATORY_CODES
from jobdesc.orgs.models import Category, Department, Employee, Organisation, Position
from jobdesc.orgs.services import save_position

BATCH = 1000
# Versions per position in the journal: a long history on a few dozen positions, as in a real registry.
VERSIONS_PER_POSITION = 100
SIGNED_SHARE = 3  # every third acknowledgement is signed


@dataclass(frozen=True)
class Sizes:
    editor_items: int
    clauses: int
    journal_versions: int
    employees: int


# The figures of the issue, and a small organisation whose pages must need exactly as many queries.
LARGE = Sizes(editor_items=120, clauses=10_000, journal_versions=5_000, employees=1_000)
SMALL = Sizes(editor_items=12, clauses=10, journal_versions=20, employees=30)


@dataclass
class Built:
    """What the benchmarks and the load test open: primary keys and logins."""

    organisation: int
    editor_version: int
    agreement_version: int
    approved_version: int
    sizes: dict


def _library_texts(code=None):
    clauses = Clause.objects.filter(organisation__isnull=True, language="ru").order_by("pk")
    if code:
        clauses = clauses.filter(section__code=code)
    return list(clauses.values_list("text", flat=True)) or ["{position} выполняет поручения руководителя."]


def make_people(organisation, password, prefix):
    """An HR officer, two agreeing officials and an approver for an organisation without logins."""
    people = {}
    for name, role, surname in [
        ("hr", Role.HR, "Кадрова"),
        ("lawyer", Role.AGREEING, "Юристов"),
        ("head", Role.AGREEING, "Продажин"),
        ("director", Role.APPROVER, "Директоров"),
    ]:
        user = User.objects.create_user(
            username=f"{prefix}{name}", password=password, organisation=organisation, last_name=surname
        )
        user.groups.add(Group.objects.get(name=role.value))
        people[name] = user
    return people


def _position(organisation, title, department=None, reports_to=None, category=Category.SPECIALISTS):
    position = Position(
        organisation=organisation, title=title, department=department, reports_to=reports_to, category=category
    )
    return save_position(position)


@transaction.atomic
def build(organisation: Organisation, people: dict, sizes: Sizes) -> Built:
    """Fill `organisation` to `sizes`; `people` maps hr, lawyer, head, director to its users."""
    hr, director = people["hr"], people["director"]
    department = Department.objects.create(organisation=organisation, name="Отдел сопровождения")
    chief = _position(organisation, "Руководитель отдела сопровождения", department, category=Category.MANAGERS)
    editor = _editor_draft(organisation, department, chief, hr, sizes.editor_items)
    agreement = _draft_on_agreement(organisation, department, chief, hr, [people["lawyer"], people["head"]])
    _own_clauses(organisation, sizes.clauses)
    approved = _journal(organisation, department, chief, director, sizes.journal_versions)
    _employees(organisation, approved, sizes.employees)
    return Built(
        organisation=organisation.pk,
        editor_version=editor.pk,
        agreement_version=agreement.pk,
        approved_version=approved[0].pk,
        sizes=asdict(sizes),
    )


def _editor_draft(organisation, department, chief, hr, count):
    """A draft of `count` clauses spread over the mandatory sections, every fifth one a sub-item."""
    position = _position(organisation, "Специалист по сопровождению договоров", department, chief)
    per_section = -(-count // len(MANDATORY_CODES))
    sections, left = [], count
    for code in MANDATORY_CODES:
        texts = list(itertools.islice(itertools.cycle(_library_texts(code)), min(per_section, left)))
        left -= len(texts)
        sections.append((code, "", texts))
    version = start_draft(position=position, user=hr, sections=sections)
    items = list(Item.objects.filter(section__version=version).order_by("section__order", "order"))
    parent = None
    for index, item in enumerate(items):
        if index % 5 == 4 and parent is not None and parent.section_id == item.section_id:
            item.parent = parent
        else:
            parent = item
    Item.objects.bulk_update(items, ["parent"], batch_size=BATCH)
    return version


def _draft_on_agreement(organisation, department, chief, hr, officials):
    position = _position(organisation, "Специалист по претензионной работе", department, chief)
    sections = [(code, "", _library_texts(code)[:3]) for code in MANDATORY_CODES]
    version = start_draft(position=position, user=hr, sections=sections)
    return workflow.submit(version=version, user=hr, officials=officials)


def _own_clauses(organisation, count):
    """`count` clauses of the organisation's own, reworded from the shared library so each text is unique."""
    kinds = {kind.pk: kind for kind in SectionKind.objects.all()}
    shared = list(Clause.objects.filter(organisation__isnull=True, language="ru").values_list("section_id", "text"))
    if not shared:
        # Without the seeded library (a test database) every clause rewords one duty.
        duties = SectionKind.objects.get(code="duties")
        shared = [(duties.pk, "Консультирует клиентов по вопросам обслуживания.")]
    rows = (
        Clause(organisation=organisation, section=kinds[section_id], language="ru", text=f"{text} (ред. {n})")
        for n, (section_id, text) in zip(range(count), itertools.cycle(shared), strict=False)
    )
    Clause.objects.bulk_create(rows, batch_size=BATCH)


def _journal(organisation, department, chief, director, count):
    """`count` registered versions: a few dozen positions, each with a long line of superseded versions."""
    positions_needed = max(1, -(-count // VERSIONS_PER_POSITION))
    start = timezone.now() - datetime.timedelta(days=count)
    number = JournalEntry.objects.filter(organisation=organisation).count()
    in_force, versions = [], []
    for p in range(positions_needed):
        position = _position(organisation, f"Специалист по сопровождению, участок {p + 1}", department, chief)
        instruction = Instruction.objects.create(organisation=organisation, position=position)
        quota = min(VERSIONS_PER_POSITION, count - len(versions))
        for n in range(1, quota + 1):
            approved_at = start + datetime.timedelta(days=len(versions))
            last = n == quota
            versions.append(
                Version(
                    instruction=instruction,
                    number=n,
                    status=Status.APPROVED if last else Status.SUPERSEDED,
                    agreement_round=1,
                    created_by=director,
                    approved_by=director,
                    approved_at=approved_at,
                    effective_date=approved_at.date(),
                    superseded_at=None if last else approved_at + datetime.timedelta(days=1),
                    pdf_sha256="0" * 64,
                )
            )
    # bulk_create skips Version.save(): these rows are born frozen, which is what they are meant to be.
    Version.objects.bulk_create(versions, batch_size=BATCH)
    created = (
        Version.objects.filter(instruction__organisation=organisation, pdf_sha256="0" * 64)
        .select_related("instruction")
        .order_by("approved_at", "pk")
    )
    entries = []
    for offset, version in enumerate(created, start=1):
        entries.append(
            JournalEntry(
                organisation=organisation,
                number=number + offset,
                version=version,
                registered_on=version.approved_at.date(),
            )
        )
        if version.status == Status.APPROVED:
            in_force.append(version)
    JournalEntry.objects.bulk_create(entries, batch_size=BATCH)
    return in_force


def _employees(organisation, in_force, count):
    """`count` employees spread over the positions in force, each asked to sign; every third has signed."""
    signer = User.objects.filter(organisation=organisation).first()
    now = timezone.now()
    employees = Employee.objects.bulk_create(
        (
            Employee(
                organisation=organisation,
                full_name=f"Сотрудников{n} Иван Петрович",
                position_id=in_force[n % len(in_force)].instruction.position_id,
                hire_date=datetime.date(2024, 1, 1),
            )
            for n in range(count)
        ),
        batch_size=BATCH,
    )
    by_position = {version.instruction.position_id: version for version in in_force}
    acknowledgements = []
    for n, employee in enumerate(employees):
        signed = n % SIGNED_SHARE == 0
        acknowledgements.append(
            Acknowledgement(
                version=by_position[employee.position_id],
                employee=employee,
                status=AckStatus.SIGNED if signed else AckStatus.PENDING,
                signed_at=now if signed else None,
                signed_by=signer if signed else None,
                pdf_sha256="0" * 64 if signed else "",
            )
        )
    Acknowledgement.objects.bulk_create(acknowledgements, batch_size=BATCH)
