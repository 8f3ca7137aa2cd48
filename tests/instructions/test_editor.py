"""The editor: every action as a plain form post and as htmx, for the HR officer, the wrong role and an outsider."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import resolve, reverse

from jobdesc.instructions.drafting.services import start_draft
from jobdesc.instructions.models import Item
from jobdesc.instructions.selectors import outline
from jobdesc.library.models import Clause, SectionKind
from jobdesc.orgs.models import Position
from tests.conftest import login


@pytest.fixture
def draft(position, hr):
    return start_draft(
        position=position,
        user=hr,
        sections=[
            ("general", "", ["{position} относится к категории специалистов."]),
            ("duties", "", ["Консультирует клиентов.", "Ведёт базу клиентов.", "Готовит отчёты."]),
        ],
    )


def texts(version, code):
    return list(
        Item.objects.filter(section__version=version, section__kind__code=code, parent=None)
        .order_by("order")
        .values_list("text", flat=True)
    )


def section_id(version, code):
    return version.sections.get(kind__code=code).pk


def item(version, text):
    return Item.objects.get(section__version=version, text=text)


def test_the_editor_shows_every_section_and_the_checks(hr_client, draft):
    page = hr_client.get(reverse("instructions:editor", args=[draft.pk])).content.decode()
    assert "Общие положения" in page
    assert "Консультирует клиентов." in page
    assert "Квалификационные требования" in page
    assert "обязательный раздел" in page.lower()


def test_the_wrong_role_and_an_outsider_cannot_open_the_editor(draft, lawyer, outsider_client):
    assert login(lawyer).get(reverse("instructions:editor", args=[draft.pk])).status_code == 403
    assert outsider_client.get(reverse("instructions:editor", args=[draft.pk])).status_code == 404


def test_it_adds_a_custom_clause_at_the_end_of_the_section(hr_client, draft):
    url = reverse("instructions:add_item", args=[draft.pk])
    response = hr_client.post(url, {"section": section_id(draft, "duties"), "text": "Проводит  переговоры."})
    assert response.status_code == 302
    assert texts(draft, "duties")[-1] == "Проводит переговоры."


def test_it_adds_a_library_clause_as_a_copy_of_its_text(hr_client, draft):
    clause = Clause.objects.create(section=SectionKind.objects.get(code="rights"), text="{position} имеет право: …")
    rights = draft.sections.create(kind=clause.section, order=clause.section.order)
    hr_client.post(reverse("instructions:add_item", args=[draft.pk]), {"section": rights.pk, "clause": clause.pk})
    added = Item.objects.get(section=rights)
    assert (added.text, added.clause_id) == (clause.text, clause.pk)
    clause.text = "Изменено в библиотеке."
    clause.save()
    assert Item.objects.get(pk=added.pk).text == "{position} имеет право: …"


def test_an_empty_clause_is_refused_and_the_section_is_unchanged(hr_client, draft):
    response = hr_client.post(
        reverse("instructions:add_item", args=[draft.pk]),
        {"section": section_id(draft, "duties"), "text": "   "},
        HTTP_HX_REQUEST="true",
    )
    # HR works in the organisation's language, Russian.
    assert "Пункт не может быть пустым." in response.content.decode()
    assert len(texts(draft, "duties")) == 3


def test_an_unknown_placeholder_is_refused_and_the_typed_text_is_kept(hr_client, draft):
    response = hr_client.post(
        reverse("instructions:add_item", args=[draft.pk]),
        {"section": section_id(draft, "duties"), "text": "Подчиняется {boss:datv}."},
        HTTP_HX_REQUEST="true",
    )
    assert "Подчиняется {boss:datv}." in response.content.decode()
    assert len(texts(draft, "duties")) == 3


def test_it_edits_a_clause_in_place(hr_client, draft):
    target = item(draft, "Готовит отчёты.")
    hr_client.post(
        reverse("instructions:edit_item", args=[draft.pk, target.pk]),
        {"text": "Готовит еженедельные отчёты.", "revision": target.revision},
    )
    target.refresh_from_db()
    assert (target.text, target.revision) == ("Готовит еженедельные отчёты.", 2)


def test_a_stale_edit_is_refused_shows_both_texts_and_keeps_mine(hr_client, draft, organisation):
    target = item(draft, "Готовит отчёты.")
    colleague = login(draft.created_by)
    colleague.post(
        reverse("instructions:edit_item", args=[draft.pk, target.pk]),
        {"text": "Готовит отчёты для руководителя.", "revision": target.revision},
    )
    response = hr_client.post(
        reverse("instructions:edit_item", args=[draft.pk, target.pk]),
        {"text": "Готовит отчёты по продажам.", "revision": target.revision},
    )
    page = response.content.decode()
    assert response.status_code == 409
    assert "Готовит отчёты для руководителя." in page
    assert "Готовит отчёты по продажам." in page
    assert Item.objects.get(pk=target.pk).text == "Готовит отчёты для руководителя."


def test_move_up_and_down_work_without_javascript(hr_client, draft):
    last = item(draft, "Готовит отчёты.")
    hr_client.post(reverse("instructions:item_action", args=[draft.pk, last.pk, "up"]))
    assert texts(draft, "duties") == ["Консультирует клиентов.", "Готовит отчёты.", "Ведёт базу клиентов."]
    first = item(draft, "Консультирует клиентов.")
    hr_client.post(reverse("instructions:item_action", args=[draft.pk, first.pk, "down"]))
    assert texts(draft, "duties") == ["Готовит отчёты.", "Консультирует клиентов.", "Ведёт базу клиентов."]


def test_drag_and_drop_order_is_saved(hr_client, draft):
    ids = list(
        Item.objects.filter(section__version=draft, section__kind__code="duties")
        .order_by("-order")
        .values_list("pk", flat=True)
    )
    hr_client.post(
        reverse("instructions:reorder", args=[draft.pk]), {"section": section_id(draft, "duties"), "item": ids}
    )
    assert texts(draft, "duties") == ["Готовит отчёты.", "Ведёт базу клиентов.", "Консультирует клиентов."]


def test_a_drag_and_drop_order_from_an_outdated_page_is_refused(hr_client, draft):
    ids = list(Item.objects.filter(section__version=draft, section__kind__code="duties").values_list("pk", flat=True))
    Item.objects.get(pk=ids[0]).delete()
    response = hr_client.post(
        reverse("instructions:reorder", args=[draft.pk]),
        {"section": section_id(draft, "duties"), "item": ids},
        HTTP_HX_REQUEST="true",
    )
    assert "Раздел изменился, пока вы переставляли пункты" in response.content.decode()


def test_numbering_is_computed_with_sub_items(hr_client, draft):
    second = item(draft, "Ведёт базу клиентов.")
    hr_client.post(reverse("instructions:item_action", args=[draft.pk, second.pk, "indent"]))
    numbers = {entry.item.text: entry.number for s in outline(draft) for entry in s.items}
    subs = {c.item.text: c.number for s in outline(draft) for e in s.items for c in e.children}
    assert numbers == {
        "{position} относится к категории специалистов.": "1.1",
        "Консультирует клиентов.": "2.1",
        "Готовит отчёты.": "2.2",
    }
    assert subs == {"Ведёт базу клиентов.": "2.1.1"}
    hr_client.post(reverse("instructions:item_action", args=[draft.pk, second.pk, "outdent"]))
    assert texts(draft, "duties") == ["Консультирует клиентов.", "Ведёт базу клиентов.", "Готовит отчёты."]


def test_it_deletes_a_clause_and_renumbers(hr_client, draft):
    hr_client.post(
        reverse("instructions:item_action", args=[draft.pk, item(draft, "Консультирует клиентов.").pk, "delete"])
    )
    assert texts(draft, "duties") == ["Ведёт базу клиентов.", "Готовит отчёты."]
    assert list(
        Item.objects.filter(section__kind__code="duties").values_list("order", flat=True).order_by("order")
    ) == [1, 2]


def test_optional_sections_are_added_and_removed_but_mandatory_ones_stay(hr_client, draft):
    hr_client.post(reverse("instructions:add_section", args=[draft.pk]), {"kind": "evaluation"})
    assert draft.sections.filter(kind__code="evaluation").exists()
    evaluation = draft.sections.get(kind__code="evaluation")
    hr_client.post(reverse("instructions:remove_section", args=[draft.pk, evaluation.pk]))
    assert not draft.sections.filter(kind__code="evaluation").exists()
    general = draft.sections.get(kind__code="general")
    hr_client.post(reverse("instructions:remove_section", args=[draft.pk, general.pk]))
    assert draft.sections.filter(kind__code="general").exists()


def test_an_approved_version_cannot_be_edited_through_the_editor(hr_client, approved_version):
    target = Item.objects.filter(section__version=approved_version).first()
    response = hr_client.post(
        reverse("instructions:edit_item", args=[approved_version.pk, target.pk]),
        {"text": "Подмена.", "revision": target.revision},
    )
    assert response.status_code == 409
    assert Item.objects.get(pk=target.pk).text == target.text


def test_an_item_on_agreement_cannot_be_edited_through_the_editor(hr_client, complete_draft, hr, lawyer):
    from jobdesc.instructions.workflow import services as workflow

    workflow.submit(version=complete_draft, user=hr, officials=[lawyer])
    target = Item.objects.filter(section__version=complete_draft).first()
    hr_client.post(reverse("instructions:item_action", args=[complete_draft.pk, target.pk, "delete"]))
    assert Item.objects.filter(pk=target.pk).exists()


def test_the_wrong_role_cannot_change_a_draft(draft, lawyer):
    target = item(draft, "Готовит отчёты.")
    response = login(lawyer).post(reverse("instructions:item_action", args=[draft.pk, target.pk, "delete"]))
    assert response.status_code == 403
    assert Item.objects.filter(pk=target.pk).exists()


def test_the_editor_renders_120_clauses_in_as_many_queries_as_10(hr_client, organisation, hr):
    counts = []
    for count in (10, 120):
        position = Position.objects.create(organisation=organisation, title=f"Должность на {count} пунктов")
        texts = [f"Обязанность номер {k}." for k in range(count)]
        version = start_draft(
            position=position,
            user=hr,
            sections=[("duties", "", texts[: count // 2]), ("rights", "", texts[count // 2 :])],
        )
        with CaptureQueriesContext(connection) as queries:
            response = hr_client.get(reverse("instructions:editor", args=[version.pk]))
        assert response.status_code == 200
        assert response.content.decode().count('class="item ') == count
        counts.append(len(queries))
    assert counts[0] == counts[1]


def action_urls(html: str) -> set[str]:
    return set(re.findall(r'action="(/instructions/version/\d+/items/\d+/[^"]+)"', html))


def test_every_clause_action_in_the_editor_and_in_a_refreshed_section_is_the_reversed_url(hr_client, draft):
    """The template builds the actions' URLs on views.items_url rather than reversing each one."""
    first = item(draft, "Ведёт базу клиентов.")
    expected = {
        reverse("instructions:item_action", args=[draft.pk, first.pk, action])
        for action in ("up", "down", "indent", "delete")
    }
    page = hr_client.get(reverse("instructions:editor", args=[draft.pk])).content.decode()
    assert expected <= action_urls(page)
    refreshed = hr_client.post(
        reverse("instructions:item_action", args=[draft.pk, item(draft, "Готовит отчёты.").pk, "up"]),
        HTTP_HX_REQUEST="true",
    ).content.decode()
    assert expected <= action_urls(refreshed)
    assert all(resolve(url).url_name == "item_action" for url in action_urls(page) | action_urls(refreshed))
