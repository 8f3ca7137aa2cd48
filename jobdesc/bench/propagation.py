"""The library-change stage of `bench`: one clause used by 200 instructions in force, previewed and applied.

The instructions are born in force with bulk inserts, as the journal's are in `data`; the change then
goes through the product's own code: the revision, the preview HR reads and the one confirmation that
starts a new edition of every instruction. The trivial logged-in page is timed beside it for the ratio.
"""

import statistics
import time

from django.contrib.auth.models import Group
from django.db import transaction
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from jobdesc.accounts.models import User
from jobdesc.accounts.roles import Role
from jobdesc.instructions.models import Instruction, Item, Section, Status, Version
from jobdesc.instructions.propagation import services as propagation
from jobdesc.library.models import Clause, SectionKind
from jobdesc.orgs.models import Category, Organisation, Position

from . import measure

INSTRUCTIONS = 200
OLD = "Несёт материальную ответственность за сохранность вверенных ему ценностей."
NEW = "Несёт полную материальную ответственность за сохранность вверенных ему товарно-материальных ценностей."
# Each instruction's other clauses: a realistic length, a dozen per section kind below.
SECTIONS = {
    "general": ["{position} относится к категории специалистов.", "Назначается на должность приказом директора."],
    "qualification": ["Среднее профессиональное образование и стаж работы не менее одного года."],
    "knowledge": [f"Правила и нормы охраны труда, часть {n}." for n in range(1, 5)],
    "subordination": ["{position} подчиняется непосредственно {manager:datv}."],
    "duties": [f"Ведёт учёт товаров на участке, раздел {n} инструкции." for n in range(1, 9)],
    "rights": ["Запрашивать сведения, необходимые для работы."],
    "responsibility": ["За ненадлежащее исполнение своих обязанностей."],
}
REFERENCE_RUNS = 9


def _people(organisation):
    people = {}
    for name, role in (("hr", Role.HR), ("director", Role.APPROVER)):
        user = User.objects.create_user(username=f"change-{name}", organisation=organisation, last_name=name)
        user.groups.add(Group.objects.get(name=role.value))
        people[name] = user
    return people


@transaction.atomic
def build(count: int):
    """An organisation with `count` instructions in force, each carrying the organisation's clause `OLD`."""
    organisation = Organisation.objects.create(
        full_name="Общество с ограниченной ответственностью «Склады»", short_name="ООО «Склады»"
    )
    people = _people(organisation)
    kinds = {kind.code: kind for kind in SectionKind.objects.all()}
    clause = Clause.objects.create(organisation=organisation, section=kinds["duties"], text=OLD)
    chief = Position.objects.create(organisation=organisation, title="Начальник склада", category=Category.MANAGERS)
    positions = Position.objects.bulk_create(
        Position(
            organisation=organisation,
            title=f"Кладовщик участка {n}",
            category=Category.SPECIALISTS,
            reports_to=chief,
            declensions={"datv": f"кладовщику участка {n}", "gent": f"кладовщика участка {n}"},
        )
        for n in range(1, count + 1)
    )
    instructions = Instruction.objects.bulk_create(
        Instruction(organisation=organisation, position=position) for position in positions
    )
    now = timezone.now()
    # bulk_create skips Version.save(): these rows are born in force, which is what they are meant to be.
    versions = Version.objects.bulk_create(
        Version(
            instruction=instruction,
            number=1,
            status=Status.APPROVED,
            agreement_round=1,
            created_by=people["hr"],
            approved_by=people["director"],
            approved_at=now,
            effective_date=now.date(),
            pdf_sha256="0" * 64,
        )
        for instruction in instructions
    )
    sections = Section.objects.bulk_create(
        Section(version=version, kind=kinds[code], order=kinds[code].order) for version in versions for code in SECTIONS
    )
    items = []
    for section in sections:
        texts = SECTIONS[section.kind.code]
        items += [Item(section=section, order=n, text=text) for n, text in enumerate(texts, start=1)]
        if section.kind.code == "duties":
            items.append(Item(section=section, order=len(texts) + 1, text=OLD, clause=clause))
    Item.objects.bulk_create(items, batch_size=1000)
    return organisation, people["hr"], clause


def _reference_ms(hr) -> list[float]:
    # Imported here: stages loads the PDF engine and the other stages' tools, needed only for the reference page.
    from .stages import BENCH_URLCONF

    client = Client()
    client.force_login(hr)
    with override_settings(ROOT_URLCONF=BENCH_URLCONF):
        url = reverse("bench_reference")
        for _ in range(2):
            measure.fetch(client, url)
        return [measure.timed(lambda: measure.fetch(client, url))[0] for _ in range(REFERENCE_RUNS)]


def run(count: int = INSTRUCTIONS) -> dict:
    """Edit the clause, then time HR's preview and the one confirmation that starts `count` new editions."""
    organisation, hr, clause = build(count)
    hr = User.objects.select_related("organisation").get(pk=hr.pk)
    clause.text = NEW
    clause.save()
    revision = propagation.record_revision(clause=clause, origin=clause, old_text=OLD, user=hr)
    started = time.perf_counter()
    targets = propagation.preview(revision, organisation)
    preview_ms = (time.perf_counter() - started) * 1000
    confirmed = {target.instruction.pk: target.fingerprint for target in targets if target.applicable}
    started = time.perf_counter()
    outcome = propagation.apply(revision=revision, user=hr, confirmed=confirmed)
    apply_ms = (time.perf_counter() - started) * 1000
    drafts = Version.objects.filter(instruction__organisation=organisation, status=Status.DRAFT)
    changed = Item.objects.filter(section__version__in=drafts, text=NEW).count()
    if len(outcome.editions) != count or changed != count:
        raise RuntimeError(f"{len(outcome.editions)} editions, {changed} changed clauses for {count} instructions")
    reference = _reference_ms(hr)
    return {
        "instructions": count,
        "items_per_instruction": sum(len(texts) for texts in SECTIONS.values()) + 1,
        "preview_ms": round(preview_ms, 1),
        "apply_ms": round(apply_ms, 1),
        "reference_ms": round(statistics.median(reference), 2),
        "editions": len(outcome.editions),
    }
