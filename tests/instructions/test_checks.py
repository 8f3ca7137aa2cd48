"""The checks panel reads the draft: repeats, contradictions, unlawful clauses, each with its reason, place and fix."""

import pytest
from django.urls import reverse

from jobdesc.instructions.drafting.services import start_draft
from jobdesc.instructions.editing.checks import review
from jobdesc.instructions.models import Item
from jobdesc.instructions.selectors import outline
from jobdesc.library import text_checks
from tests.conftest import login

CLEAN = [
    ("general", "", ["{position} относится к категории специалистов."]),
    ("qualification", "", ["Высшее образование без предъявления требований к стажу работы."]),
    ("knowledge", "", ["Основы маркетинга.", "Этику делового общения."]),
    ("subordination", "", ["{position} подчиняется непосредственно {manager:datv}."]),
    ("duties", "", ["Консультирует клиентов.", "Ведёт базу клиентов."]),
    ("rights", "", ["Запрашивать информацию, необходимую для работы."]),
    ("responsibility", "", ["{position} несёт ответственность за ненадлежащее исполнение своих обязанностей."]),
]


def draft_with(position, hr, **changes):
    sections = [(code, heading, changes.get(code, texts)) for code, heading, texts in CLEAN]
    return start_draft(position=position, user=hr, sections=sections)


def findings(version):
    return review(version, outline(version))


def item(version, text):
    return Item.objects.get(section__version=version, text=text)


def panel(client, version):
    return client.get(reverse("instructions:checks", args=[version.pk])).content.decode()


def fix(client, version, finding):
    data = {"action": finding.action, "text": finding.fix}
    if finding.item is not None:
        data |= {"item": finding.item.pk, "revision": finding.item.revision}
    if finding.section is not None:
        data["section"] = finding.section.pk
    return client.post(reverse("instructions:fix", args=[version.pk]), data)


def test_a_clean_draft_passes_all_checks(hr_client, hr, position):
    version = draft_with(position, hr)
    assert findings(version) == []
    assert "Проект прошёл все проверки." in panel(hr_client, version)


def test_a_repeated_clause_is_flagged_at_the_repeat_and_the_fix_deletes_it(hr_client, hr, position):
    version = draft_with(
        position, hr, duties=["Консультирует клиентов.", "Ведёт базу клиентов.", "Консультирует клиентов"]
    )
    [finding] = findings(version)
    repeat = Item.objects.get(section__version=version, text="Консультирует клиентов")
    assert finding.anchor == f"item-{repeat.pk}" and finding.action == "delete"
    assert "5.3" in finding.message
    page = panel(hr_client, version)
    assert f'href="#item-{repeat.pk}"' in page and "Проект прошёл все проверки" not in page
    response = fix(hr_client, version, finding)
    assert response.status_code == 302 and response["Location"].endswith("#item-" + str(repeat.pk))
    assert not Item.objects.filter(pk=repeat.pk).exists()
    assert item(version, "Консультирует клиентов.")


def test_a_category_other_than_the_position_s_is_flagged_and_replaced(hr_client, hr, position):
    version = draft_with(position, hr, general=["{position} относится к категории руководителей."])
    [finding] = findings(version)
    assert finding.action == "replace" and finding.fix == text_checks.CATEGORY_STATEMENTS["ru"]["specialists"]
    assert "Заменить на «Менеджер по работе с клиентами относится к категории специалистов.»" in panel(
        hr_client, version
    )
    fix(hr_client, version, finding)
    assert item(version, "{position} относится к категории специалистов.")
    assert findings(version) == []


def test_a_manager_other_than_the_position_s_is_flagged_and_replaced(hr_client, hr, position):
    version = draft_with(position, hr, subordination=["{position} подчиняется непосредственно директору филиала."])
    [finding] = findings(version)
    assert "директору филиала" in finding.message and "Начальник отдела продаж" in finding.message
    fix(hr_client, version, finding)
    assert item(version, "{position} подчиняется непосредственно {manager:datv}.")
    assert findings(version) == []


def test_contradictory_qualification_is_flagged_without_a_fix(hr, position):
    version = draft_with(
        position,
        hr,
        qualification=["Высшее профессиональное образование.", "Среднее профессиональное образование."],
    )
    [finding] = findings(version)
    assert finding.action == "" and "2.1, 2.2" in finding.message


def test_a_fine_and_full_liability_off_the_list_are_unlawful(hr_client, hr, position):
    responsibility = [
        "{position} несёт ответственность за:",
        "Опоздание на работу — штраф в размере 500 рублей.",
        "Полную материальную ответственность за вверенное имущество.",
    ]
    version = draft_with(position, hr, responsibility=responsibility)
    by_code = {finding.action: finding for finding in findings(version)}
    assert set(by_code) == {"delete", "replace"}
    assert "192" in by_code["delete"].message
    assert by_code["replace"].fix == text_checks.LAWFUL_DAMAGE["ru"]
    fix(hr_client, version, by_code["delete"])
    assert not Item.objects.filter(section__version=version, text__contains="штраф").exists()


def test_a_responsibility_section_without_its_lead_in_gets_one_inserted_above_its_items(hr_client, hr, position):
    version = draft_with(
        position, hr, responsibility=["Ненадлежащее исполнение своих обязанностей.", "Причинение ущерба."]
    )
    [finding] = findings(version)
    assert finding.action == "insert" and finding.anchor == "section-responsibility"
    assert "Вставить «Менеджер по работе с клиентами несёт ответственность за:»" in panel(hr_client, version)
    fix(hr_client, version, finding)
    section = {s.section.kind.code: s for s in outline(version)}["responsibility"]
    [lead_in] = section.items
    assert lead_in.item.text == "{position} несёт ответственность за:"
    assert [child.item.text for child in lead_in.children] == [
        "Ненадлежащее исполнение своих обязанностей.",
        "Причинение ущерба.",
    ]
    assert findings(version) == []


def test_a_fix_from_an_older_page_is_refused_and_changes_nothing(hr_client, hr, position):
    version = draft_with(position, hr, general=["{position} относится к категории руководителей."])
    [finding] = findings(version)
    finding.item.revision -= 1
    response = fix(hr_client, version, finding)
    assert response.status_code == 302
    assert item(version, "{position} относится к категории руководителей.")


@pytest.mark.parametrize("who", ["lawyer", "outsider"])
def test_only_the_organisation_s_hr_applies_a_fix(request, hr, position, who):
    version = draft_with(position, hr, general=["{position} относится к категории руководителей."])
    [finding] = findings(version)
    response = fix(login(request.getfixturevalue(who)), version, finding)
    assert response.status_code == (403 if who == "lawyer" else 404)
    assert item(version, "{position} относится к категории руководителей.")


def test_the_editor_page_loads_the_reading_of_the_text_after_the_page(hr_client, hr, position):
    version = draft_with(position, hr, general=["{position} относится к категории руководителей."])
    page = hr_client.get(reverse("instructions:editor", args=[version.pk])).content.decode()
    assert 'id="review-pending"' in page and 'hx-trigger="load"' in page
