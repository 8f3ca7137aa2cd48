"""The report across instructions finds planted contradictions and near-duplicate instructions."""

import pytest
from django.urls import reverse

from jobdesc.instructions.consistency import services as consistency
from jobdesc.instructions.drafting.services import start_draft
from jobdesc.orgs.models import Category, Position
from tests.conftest import login

MANAGER_SECTIONS = [
    ("general", "", ["{position} относится к категории руководителей."]),
    ("qualification", "", ["Высшее образование и стаж руководящей работы не менее трёх лет."]),
    ("knowledge", "", ["Методы планирования продаж."]),
    ("subordination", "", ["{position} подчиняется непосредственно генеральному директору."]),
    ("duties", "", ["Планирует работу отдела продаж.", "Утверждает планы продаж на квартал."]),
    ("rights", "", ["Подписывать документы в пределах своей компетенции."]),
    ("responsibility", "", ["За невыполнение плана продаж отделом."]),
]
SPECIALIST_SECTIONS = [
    ("general", "", ["{position} относится к категории специалистов."]),
    ("qualification", "", ["Среднее профессиональное образование."]),
    ("knowledge", "", ["Ассортимент товаров."]),
    ("subordination", "", ["{position} подчиняется непосредственно {manager:datv}."]),
    ("duties", "", ["Консультирует клиентов по телефону.", "Оформляет заказы клиентов в учётной системе."]),
    ("rights", "", ["Запрашивать сведения о наличии товара."]),
    ("responsibility", "", ["За ошибки в оформлении заказов."]),
]


def with_clause(sections, code, text):
    return [(c, h, [*texts, text] if c == code else texts) for c, h, texts in sections]


def findings(organisation, kind):
    return consistency.report(organisation).of(kind)


def test_a_post_reporting_to_a_manager_whose_instruction_does_not_name_it_is_found(
    organisation, position, head_of_sales, hr
):
    start_draft(position=position, user=hr, sections=SPECIALIST_SECTIONS)
    start_draft(position=head_of_sales, user=hr, sections=MANAGER_SECTIONS)
    (finding,) = findings(organisation, "not_listed")
    assert finding.versions[0].instruction.position == position
    assert finding.other == head_of_sales.title


def test_the_manager_naming_its_subordinates_is_no_contradiction(organisation, position, head_of_sales, hr):
    start_draft(position=position, user=hr, sections=SPECIALIST_SECTIONS)
    named = with_clause(MANAGER_SECTIONS, "subordination", "В подчинении находятся менеджеры по работе с клиентами.")
    start_draft(position=head_of_sales, user=hr, sections=named)
    assert findings(organisation, "not_listed") == []


def test_a_manager_without_an_instruction_is_found(organisation, position, head_of_sales, hr):
    start_draft(position=position, user=hr, sections=SPECIALIST_SECTIONS)
    (finding,) = findings(organisation, "no_instruction")
    assert finding.other == head_of_sales.title


def test_a_manager_that_is_no_position_is_found(organisation, position, hr):
    sections = [
        (c, h, ["Менеджер подчиняется непосредственно главному инженеру."] if c == "subordination" else t)
        for c, h, t in SPECIALIST_SECTIONS
    ]
    start_draft(position=position, user=hr, sections=sections)
    (finding,) = findings(organisation, "unknown_manager")
    assert "инженер" in finding.other


def test_two_posts_responsible_for_one_duty_are_found(organisation, position, head_of_sales, hr):
    start_draft(position=position, user=hr, sections=SPECIALIST_SECTIONS)
    shared = with_clause(MANAGER_SECTIONS, "duties", "Консультирует клиентов по телефону.")
    start_draft(position=head_of_sales, user=hr, sections=shared)
    (finding,) = findings(organisation, "shared_duty")
    assert finding.text == "Консультирует клиентов по телефону."
    assert {v.instruction.position for v in finding.versions} == {position, head_of_sales}
    assert findings(organisation, "duplicate_instructions") == []


def test_near_duplicate_instructions_are_found(organisation, position, sales, hr):
    twin = Position.objects.create(
        organisation=organisation,
        title="Менеджер по продажам",
        department=sales,
        category=Category.SPECIALISTS,
        reports_to=position.reports_to,
    )
    start_draft(position=position, user=hr, sections=SPECIALIST_SECTIONS)
    start_draft(position=twin, user=hr, sections=SPECIALIST_SECTIONS)
    (finding,) = findings(organisation, "duplicate_instructions")
    assert finding.percent == 100


@pytest.mark.parametrize("who", ["lawyer", "outsider"])
def test_only_hr_sees_the_report(request, who, position, hr):
    start_draft(position=position, user=hr, sections=SPECIALIST_SECTIONS)
    response = login(request.getfixturevalue(who)).get(reverse("instructions:consistency"))
    assert response.status_code == 403 if who == "lawyer" else "Менеджер по работе" not in response.content.decode()


def test_the_page_shows_the_planted_contradiction(hr_client, organisation, position, head_of_sales, hr):
    start_draft(position=position, user=hr, sections=SPECIALIST_SECTIONS)
    start_draft(position=head_of_sales, user=hr, sections=MANAGER_SECTIONS)
    page = hr_client.get(reverse("instructions:consistency"))
    assert page.status_code == 200
    html = page.content.decode()
    assert html.count('class="finding not-listed') == 1 and "Менеджер по работе с клиентами" in html
