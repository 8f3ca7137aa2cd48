"""A draft started «from the library» fits its position: the category sets, the post's own clauses, nothing else."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from jobdesc.grammar import placeholders
from jobdesc.instructions.models import Item, Version
from jobdesc.instructions.record import placeholder_values
from jobdesc.instructions.selectors import outline
from jobdesc.library import text_checks as checks
from jobdesc.library.models import Clause
from jobdesc.orgs.models import Category, Department, Position
from jobdesc.orgs.services import save_position

# title, category, manager, department: posts the seed documents do not cover, and the words of the
# professions the seeds do cover that must not reach them.
UNCOVERED = [
    ("Кладовщик", Category.WORKERS, "Заведующий складом", "Склад"),
    ("Инженер по охране труда", Category.SPECIALISTS, "Главный инженер", ""),
    ("Водитель автомобиля", Category.WORKERS, "Начальник гаража", "Гараж"),
    ("Бухгалтер", Category.SPECIALISTS, "Главный бухгалтер", "Бухгалтерия"),
    ("Уборщик служебных помещений", Category.WORKERS, "Заведующий хозяйством", ""),
    ("Учитель", Category.SPECIALISTS, "Заместитель директора по учебной работе", ""),
]
OTHER_PROFESSIONS = [
    "клиент",
    "продаж",
    "стоа",
    "автосалон",
    "подбор персонала",
    "поиск сотрудников",
    "филиал",
    "сервисн",
]


@pytest.fixture
def library(db):
    call_command("loaddata", "clauses", verbosity=0)


def make_position(organisation, title, category, manager, department):
    dept = Department.objects.create(organisation=organisation, name=department) if department else None
    head = save_position(
        Position(organisation=organisation, title=manager, department=dept, category=Category.MANAGERS)
    )
    return save_position(
        Position(organisation=organisation, title=title, department=dept, category=category, reports_to=head)
    )


def start_from_library(client, position):
    response = client.post(reverse("instructions:start", args=[position.pk]), {"method": "library"})
    version = Version.objects.get(instruction__position=position)
    assert response["Location"] == reverse("instructions:editor", args=[version.pk])
    return version


@pytest.mark.parametrize(("title", "category", "manager", "department"), UNCOVERED)
def test_a_library_draft_for_a_post_the_library_does_not_cover_fits_the_post(
    library, organisation, hr_client, title, category, manager, department
):
    position = make_position(organisation, title, category, manager, department)
    version = start_from_library(hr_client, position)
    items = list(Item.objects.filter(section__version=version).select_related("clause", "section__kind"))
    assert items and all(item.clause_id for item in items)
    for item in items:
        assert item.clause.is_general, (item.clause.profession, item.text)
        assert item.clause.suits(category), item.text
    values = placeholder_values(position, organisation)
    printed = [placeholders.fill(item.text, values) for item in items]
    for text in printed:
        assert not any(word.lower() in text.lower() for word in OTHER_PROFESSIONS), text
    texts = [item.text for item in items]
    assert checks.category_conflicts(texts, category) == []
    assert checks.subordination_conflicts(texts, manager) == []
    assert not any(checks.unlawful(text, title=title) for text in texts)
    assert [t for t in texts if checks.category_statement(t)] == [checks.CATEGORY_STATEMENTS["ru"][category]]
    sections = {s.section.kind.code: s for s in outline(version)}
    for code, section in sections.items():
        section_texts = [entry.item.text for entry in section.items] + [
            child.item.text for entry in section.items for child in entry.children
        ]
        assert checks.duplicates(section_texts) == [], code
    for code in ("general", "subordination", "rights", "responsibility", "final"):
        assert sections[code].items, code
    # The post's own work is for HR to write: the sections are there, empty, and the editor says so.
    for code in ("qualification", "knowledge", "duties"):
        assert sections[code].items == [] and sections[code].needs_writing, code
    subordination = " ".join(placeholders.fill(e.item.text, values) for e in sections["subordination"].items)
    assert position.reports_to.form("datv").lower() in subordination.lower()


def test_the_responsibility_lead_in_holds_its_items_as_sub_clauses(library, organisation, hr_client):
    position = make_position(organisation, *UNCOVERED[0])
    version = start_from_library(hr_client, position)
    responsibility = {s.section.kind.code: s for s in outline(version)}["responsibility"]
    lead_in = responsibility.items[0]
    assert lead_in.item.text == "{position} несёт ответственность за:"
    assert len(lead_in.children) >= 3
    assert lead_in.children[0].number == f"{responsibility.number}.1.1"


def test_a_seed_profession_gets_its_own_duties_and_none_of_another_post(library, hr_client, position):
    version = start_from_library(hr_client, position)
    items = list(Item.objects.filter(section__version=version).select_related("clause", "section__kind"))
    duties = [item for item in items if item.section.kind.code == "duties"]
    assert duties
    for item in items:
        assert item.clause.is_general or position.title in item.clause.professions, item.text
    # The seed's client manager reports to a branch director; this one reports to the head of sales.
    texts = [item.text for item in items]
    assert checks.subordination_conflicts(texts, position.reports_to.title) == []
    assert "филиал" not in " ".join(texts).lower()


def test_the_editor_offers_the_nearest_clauses_of_an_empty_section_without_inserting_them(
    library, organisation, hr_client
):
    position = make_position(organisation, *UNCOVERED[0])
    version = start_from_library(hr_client, position)
    page = hr_client.get(reverse("instructions:editor", args=[version.pk])).content.decode()
    assert page.count('class="alert alert-info py-2 small needs-writing"') == 3
    panel = hr_client.get(reverse("instructions:library", args=[version.pk]), {"section": "duties"})
    offered = panel.context["results"]
    assert offered
    assert checks.category_conflicts([c.text for c in offered], Category.WORKERS) == []
    assert checks.subordination_conflicts([c.text for c in offered], position.reports_to.title) == []
    assert not Item.objects.filter(section__version=version, section__kind__code="duties").exists()
    # Taking one adds just that clause.
    section = version.sections.get(kind__code="duties")
    hr_client.post(
        reverse("instructions:add_item", args=[version.pk]), {"section": section.pk, "clause": offered[0].pk}
    )
    assert list(section.items.values_list("clause_id", flat=True)) == [offered[0].pk]
    assert Clause.objects.get(pk=offered[0].pk).section.code == "duties"
