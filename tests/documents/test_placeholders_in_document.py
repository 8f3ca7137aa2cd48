"""Clauses are printed with their placeholders filled in the right case; a hand-made form wins."""

from jobdesc.documents.context import build
from jobdesc.instructions.drafting.services import start_draft
from jobdesc.instructions.selectors import version_with_context
from jobdesc.orgs.models import Employee
from jobdesc.orgs.services import save_position

CLAUSES = [
    "{position} назначается на должность приказом {head_position:gent}.",
    "На время отсутствия {position:gent} его обязанности исполняет лицо, назначенное {manager:ablt}.",
    "{position} подчиняется непосредственно {manager:datv}.",
    "Работает в {organisation}.",
]


def printed(position, hr):
    version = start_draft(position=position, user=hr, sections=[("general", "", CLAUSES)])
    document = build(version_with_context().get(pk=version.pk))
    return [item.text for item in document.sections[0].items], document


def test_placeholders_are_filled_in_the_right_case(position, hr):
    texts, document = printed(position, hr)
    assert texts == [
        "Менеджер по работе с клиентами назначается на должность приказом генерального директора.",
        "На время отсутствия менеджера по работе с клиентами его обязанности исполняет лицо, "
        "назначенное начальником отдела продаж.",
        "Менеджер по работе с клиентами подчиняется непосредственно начальнику отдела продаж.",
        "Работает в ООО «Ромашка».",
    ]
    assert document.title_genitive == "менеджера по работе с клиентами"
    assert document.problems == []


def test_a_form_corrected_by_hand_wins_everywhere(position, head_of_sales, hr):
    position.declension_overrides = {"gent": "менеджера по работе с VIP-клиентами"}
    save_position(position)
    head_of_sales.declension_overrides = {"datv": "руководителю отдела продаж"}
    save_position(head_of_sales)
    texts, document = printed(position, hr)
    assert texts[1].startswith("На время отсутствия менеджера по работе с VIP-клиентами его")
    assert texts[2] == "Менеджер по работе с клиентами подчиняется непосредственно руководителю отдела продаж."
    assert document.title_genitive == "менеджера по работе с VIP-клиентами"


def test_a_manager_placeholder_without_a_manager_is_a_problem_not_a_blank(position, hr):
    position.reports_to = None
    save_position(position)
    texts, document = printed(position, hr)
    assert texts[2] == "{position} подчиняется непосредственно {manager:datv}."
    assert len(document.problems) == 2


def test_an_employee_signs_with_initials_and_the_right_gender(organisation, position):
    man = Employee(organisation=organisation, full_name="Иванов Иван Иванович", position=position)
    woman = Employee(organisation=organisation, full_name="Соколова Анна Дмитриевна", position=position)
    assert (man.signature_name, man.acquainted_word) == ("И.И.\u00a0Иванов", "ознакомлен")
    assert (woman.signature_name, woman.acquainted_word) == ("А.Д.\u00a0Соколова", "ознакомлена")
    woman.gender = "m"
    assert woman.acquainted_word == "ознакомлен"
