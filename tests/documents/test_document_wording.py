"""The printed instruction reads well: its title, the responsibility lead-in, final provisions, every case form."""

from django.core.management import call_command
from django.urls import reverse

from jobdesc.documents.context import build
from jobdesc.instructions.drafting.services import start_draft
from jobdesc.instructions.selectors import version_with_context
from jobdesc.orgs.models import Category, Department, Position
from jobdesc.orgs.services import save_position, update_position


def storekeeper(organisation, department_name):
    department = Department.objects.create(organisation=organisation, name=department_name)
    return save_position(
        Position(organisation=organisation, title="Кладовщик", department=department, category=Category.WORKERS)
    )


def document(position, hr, sections=(("duties", "", ["Принимает товар."]),)):
    version = start_draft(position=position, user=hr, sections=list(sections))
    return build(version_with_context().get(pk=version.pk))


def test_the_title_names_the_department_when_two_posts_share_a_name(organisation, hr):
    store = storekeeper(organisation, "Склад")
    doc = document(store, hr)
    assert doc.title_genitive == "кладовщика"
    storekeeper(organisation, "Склад готовой продукции")
    doc = build(version_with_context().get(pk=doc.version.pk))
    assert doc.title_genitive == "кладовщика склада"
    assert doc.title == "Должностная инструкция кладовщика склада"
    assert doc.acknowledgement_of == "с должностной инструкцией кладовщика склада"


def test_the_prepositional_case_is_computed_correctable_and_filled(organisation, hr):
    store = storekeeper(organisation, "Склад")
    assert store.form("loct") == "кладовщике"
    doc = document(store, hr, [("general", "", ["Положение о {position:loct} утверждает директор."])])
    assert doc.sections[0].items[0].text == "Положение о кладовщике утверждает директор."
    update_position(
        position=store, title="Кладовщик", department=store.department, overrides={"loct": "кладовщике склада"}
    )
    store.refresh_from_db()
    assert store.form("loct") == "кладовщике склада"


def test_a_library_draft_prints_the_responsibility_lead_in_and_ends_with_final_provisions(organisation, hr, hr_client):
    call_command("loaddata", "clauses", verbosity=0)
    manager = save_position(Position(organisation=organisation, title="Заведующий складом", category=Category.MANAGERS))
    store = storekeeper(organisation, "Склад")
    store.reports_to = manager
    store.save()
    hr_client.post(reverse("instructions:start", args=[store.pk]), {"method": "library"})
    version = store.instruction.versions.get()
    doc = build(version_with_context().get(pk=version.pk))
    responsibility = next(section for section in doc.sections if section.code == "responsibility")
    lead_in = responsibility.items[0]
    assert lead_in.text == "Кладовщик несёт ответственность за:"
    assert lead_in.number == f"{responsibility.number}.1"
    assert [child.number for child in lead_in.children][:2] == [
        f"{responsibility.number}.1.1",
        f"{responsibility.number}.1.2",
    ]
    assert doc.sections[-1].code == "final" and doc.sections[-1].items
    page = hr_client.get(reverse("instructions:preview", args=[version.pk])).content.decode()
    assert f"{responsibility.number}.1. Кладовщик несёт ответственность за:" in page
    assert "Заключительные положения" in page
