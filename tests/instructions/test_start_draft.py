"""Starting a draft for a position: empty, from the library, as a copy, or from an imported file."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from jobdesc.instructions.drafting.services import start_draft
from jobdesc.instructions.models import Item, Version
from jobdesc.library.models import Clause, SectionKind
from jobdesc.orgs.models import Position
from tests.conftest import login


def start(client, position, **data):
    return client.post(reverse("instructions:start", args=[position.pk]), data)


def test_the_start_page_offers_the_four_ways(hr_client, position):
    page = hr_client.get(reverse("instructions:start", args=[position.pk])).content.decode()
    for value in ("library", "empty", "copy", "import"):
        assert f'value="{value}"' in page


def test_an_empty_draft_has_the_standard_skeleton_and_opens_the_editor(hr_client, position):
    response = start(hr_client, position, method="empty")
    version = Version.objects.get(instruction__position=position)
    assert response["Location"] == reverse("instructions:editor", args=[version.pk])
    assert version.sections.count() == 7
    assert not Item.objects.filter(section__version=version).exists()


def test_a_library_draft_takes_the_post_s_own_clauses_and_the_standard_ones(hr_client, position):
    kinds = {kind.code: kind for kind in SectionKind.objects.all()}
    own = Clause.objects.create(section=kinds["duties"], text="Консультирует клиентов.", profession=position.title)
    standard = Clause.objects.create(
        section=kinds["rights"], text="{position} имеет право запрашивать сведения.", standard=True
    )
    managers = Clause.objects.create(
        section=kinds["general"], text="{position} относится к категории руководителей.", standard=True
    )
    managers.categories = ["managers"]
    managers.save()
    foreign = Clause.objects.create(section=kinds["duties"], text="Принимает товар на склад.", profession="Кладовщик")
    start(hr_client, position, method="library")
    texts = set(Item.objects.filter(section__version__instruction__position=position).values_list("text", flat=True))
    assert {own.text, standard.text} <= texts
    # The position is a specialist: a clause for managers is left out, and so is another post's duty.
    assert managers.text not in texts
    assert foreign.text not in texts


def test_a_copy_takes_the_content_of_another_positions_instruction(hr_client, hr, position, organisation):
    source = Position.objects.create(organisation=organisation, title="Менеджер по продажам")
    start_draft(position=source, user=hr, sections=[("duties", "", ["Продаёт.", "Отчитывается."])])
    start(hr_client, position, method="copy", source_position=source.pk)
    copied = Item.objects.filter(section__version__instruction__position=position).order_by("order")
    assert list(copied.values_list("text", flat=True)) == ["Продаёт.", "Отчитывается."]


def test_a_copy_keeps_sub_items_headings_and_clause_links(hr_client, hr, position, organisation):
    source = Position.objects.create(organisation=organisation, title="Менеджер по продажам")
    kinds = {kind.code: kind for kind in SectionKind.objects.all()}
    lead_in = Clause.objects.create(section=kinds["duties"], text="Менеджер обязан:")
    version = start_draft(position=source, user=hr, sections=[("duties", "Обязанности менеджера", [])])
    section = version.sections.get()
    parent = Item.objects.create(section=section, order=1, text="Менеджер обязан:", clause=lead_in)
    child = Item.objects.create(section=section, parent=parent, order=1, text="продавать;")
    start(hr_client, position, method="copy", source_position=source.pk)
    copy = Version.objects.get(instruction__position=position)
    copied_section = copy.sections.get()
    assert copied_section.heading == "Обязанности менеджера"
    copied_parent = copied_section.items.get(parent=None)
    assert (copied_parent.text, copied_parent.clause, copied_parent.key) == ("Менеджер обязан:", lead_in, parent.key)
    copied_child = copied_parent.children.get()
    assert (copied_child.text, copied_child.key) == ("продавать;", child.key)


def test_a_copy_without_a_source_is_refused_with_a_message(hr_client, position):
    response = start(hr_client, position, method="copy")
    assert response.status_code == 200
    assert not Version.objects.filter(instruction__position=position).exists()


def test_an_oversized_import_is_refused_and_nothing_is_created(hr_client, position):
    big = SimpleUploadedFile("big.txt", b"x" * (2 * 1024 * 1024 + 1), content_type="text/plain")
    response = hr_client.post(reverse("instructions:start", args=[position.pk]), {"method": "import", "file": big})
    assert response.status_code == 200
    assert not Version.objects.filter(instruction__position=position).exists()


def test_a_second_draft_is_refused_with_a_message(hr_client, hr, position):
    start_draft(position=position, user=hr)
    response = start(hr_client, position, method="empty")
    assert response.status_code == 200
    assert Version.objects.filter(instruction__position=position).count() == 1


@pytest.mark.parametrize("who", ["lawyer", "approver", "employee_user"])
def test_other_roles_cannot_start_a_draft(who, request, position):
    client = login(request.getfixturevalue(who))
    assert start(client, position, method="empty").status_code == 403
    assert not Version.objects.filter(instruction__position=position).exists()


def test_an_outsider_cannot_start_a_draft_for_our_position(outsider_client, position):
    assert start(outsider_client, position, method="empty").status_code == 404


def test_an_imported_file_becomes_a_structured_draft(hr_client, position):
    from pathlib import Path

    path = Path(__file__).resolve().parent.parent / "fixtures_import" / "instruction.docx"
    upload = SimpleUploadedFile("instruction.docx", path.read_bytes())
    response = hr_client.post(reverse("instructions:start", args=[position.pk]), {"method": "import", "file": upload})
    version = Version.objects.get(instruction__position=position)
    assert response["Location"] == reverse("instructions:editor", args=[version.pk])
    kinds = set(version.sections.values_list("kind__code", flat=True))
    assert {"general", "duties", "rights", "responsibility"} <= kinds
    assert Item.objects.filter(section__version=version, section__kind__code="duties").count() >= 2


def test_an_empty_import_is_refused_with_the_importers_message(hr_client, position):
    upload = SimpleUploadedFile("empty.txt", b"", content_type="text/plain")
    response = hr_client.post(reverse("instructions:start", args=[position.pk]), {"method": "import", "file": upload})
    assert response.status_code == 200
    assert not Version.objects.filter(instruction__position=position).exists()
