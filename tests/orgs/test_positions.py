"""Positions: the list with search, filters, sorting and pages, create, edit and delete, for HR only."""

import re

import pytest
from django.contrib.messages import ERROR, get_messages
from django.urls import reverse

from jobdesc.instructions.drafting.services import start_draft
from jobdesc.orgs.models import Category, Department, Position
from tests.conftest import login

LIST = reverse("orgs:positions")
CREATE = reverse("orgs:position_create")


def edit_url(position):
    return reverse("orgs:position_edit", args=[position.pk])


def delete_url(position):
    return reverse("orgs:position_delete", args=[position.pk])


def titles(response):
    return [p.title for p in response.context["page"]]


def error_messages(response):
    return [str(m) for m in get_messages(response.wsgi_request) if m.level == ERROR]


def position_data(**changes):
    data = {"title": "Главный бухгалтер", "department": "", "category": Category.SPECIALISTS, "reports_to": ""}
    data.update({f"override_{case}": "" for case in ("gent", "datv", "accs", "ablt", "loct")})
    return {**data, **changes}


@pytest.fixture
def accountant(organisation):
    accounts = Department.objects.create(organisation=organisation, name="Бухгалтерия")
    return Position.objects.create(
        organisation=organisation, title="Бухгалтер", department=accounts, category=Category.SPECIALISTS
    )


def test_it_lists_the_positions_by_title(hr_client, position, accountant):
    response = hr_client.get(LIST)
    assert response.status_code == 200
    assert titles(response) == ["Бухгалтер", "Менеджер по работе с клиентами", "Начальник отдела продаж"]


def test_it_finds_positions_by_title(hr_client, position, accountant):
    assert titles(hr_client.get(LIST, {"q": "клиентами"})) == ["Менеджер по работе с клиентами"]


def test_it_filters_by_department_and_category(hr_client, position, accountant, sales):
    assert titles(hr_client.get(LIST, {"department": sales.pk})) == [
        "Менеджер по работе с клиентами",
        "Начальник отдела продаж",
    ]
    assert titles(hr_client.get(LIST, {"category": Category.MANAGERS})) == ["Начальник отдела продаж"]


def test_a_filter_naming_another_organisations_department_shows_the_whole_list(hr_client, position, other_organisation):
    foreign = Department.objects.create(organisation=other_organisation, name="Чужой отдел")
    response = hr_client.get(LIST, {"department": foreign.pk})
    assert response.status_code == 200
    assert len(titles(response)) == 2


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("-title", ["Начальник отдела продаж", "Менеджер по работе с клиентами", "Бухгалтер"]),
        ("department", ["Бухгалтер", "Менеджер по работе с клиентами", "Начальник отдела продаж"]),
        ("category", ["Начальник отдела продаж", "Бухгалтер", "Менеджер по работе с клиентами"]),
        ("nonsense", ["Бухгалтер", "Менеджер по работе с клиентами", "Начальник отдела продаж"]),
    ],
)
def test_it_sorts_by_the_chosen_column(hr_client, position, accountant, sort, expected):
    assert titles(hr_client.get(LIST, {"sort": sort})) == expected


def test_a_sort_link_reverses_the_current_order_and_keeps_the_search(hr_client, position):
    page = hr_client.get(LIST, {"sort": "title", "q": "Мен"}).content.decode()
    assert "?sort=-title&amp;q=%D0%9C%D0%B5%D0%BD" in page or "?q=%D0%9C%D0%B5%D0%BD&amp;sort=-title" in page


def test_it_shows_the_positions_page_by_page(hr_client, organisation):
    for n in range(30):
        Position.objects.create(organisation=organisation, title=f"Должность {n:02}")
    assert len(titles(hr_client.get(LIST))) == 25
    assert titles(hr_client.get(LIST, {"page": 2})) == [f"Должность {n}" for n in range(25, 30)]


@pytest.mark.parametrize("extra", [1, 30])
def test_the_query_count_does_not_grow_with_the_positions(
    extra, hr_client, organisation, sales, head_of_sales, django_assert_max_num_queries
):
    for n in range(extra):
        Position.objects.create(
            organisation=organisation, title=f"Должность {n}", department=sales, reports_to=head_of_sales
        )
    # One of them finds the page's positions whose instruction is out of date.
    with django_assert_max_num_queries(10):
        assert hr_client.get(LIST).status_code == 200


def test_it_creates_a_position_with_its_grammatical_forms(hr_client, organisation, sales, head_of_sales):
    data = position_data(title="Менеджер по работе с клиентами", department=sales.pk, reports_to=head_of_sales.pk)
    response = hr_client.post(CREATE, data)
    position = Position.objects.get(title="Менеджер по работе с клиентами")
    assert response["Location"] == edit_url(position)
    assert (position.organisation, position.department, position.reports_to) == (organisation, sales, head_of_sales)
    assert position.declensions["gent"] == "менеджера по работе с клиентами"
    assert position.declension_overrides == {}


def test_a_corrected_form_is_stored_and_wins(hr_client):
    hr_client.post(CREATE, position_data(title="Кассир", override_gent="кассира-операциониста", override_datv=" "))
    position = Position.objects.get(title="Кассир")
    assert position.declension_overrides == {"gent": "кассира-операциониста"}
    assert position.form("gent") == "кассира-операциониста"
    assert position.form("datv") == "кассиру"


def test_a_correction_equal_to_the_computed_form_is_not_kept(hr_client):
    hr_client.post(CREATE, position_data(title="Кассир", override_gent="кассира"))
    assert Position.objects.get(title="Кассир").declension_overrides == {}


def test_the_edit_page_shows_the_computed_forms_and_the_corrections_without_javascript(hr_client, position):
    position.declensions = {"gent": "менеджера по работе с клиентами", "datv": "менеджеру по работе с клиентами"}
    position.declension_overrides = {"datv": "менеджеру по клиентам"}
    position.save()
    page = hr_client.get(edit_url(position)).content.decode()
    assert 'value="менеджера по работе с клиентами"' in page
    assert 'value="менеджеру по клиентам"' in page


def test_the_case_forms_are_values_in_the_usual_order_with_the_prepositional(hr_client, position):
    page = hr_client.get(edit_url(position)).content.decode()
    names = re.findall(r'name="override_(\w+)"', page)
    assert names == ["gent", "datv", "accs", "ablt", "loct"]
    assert 'name="override_loct" value="менеджере по работе с клиентами"' in page
    assert 'placeholder="менеджер' not in page


def test_forms_left_as_shown_follow_a_new_title_and_a_typed_one_is_kept(hr_client, position, sales):
    data = position_data(title="Старший кассир", department=sales.pk)
    shown = {case: position.form(case) for case in ("gent", "datv", "accs", "ablt", "loct")}
    data.update({f"override_{case}": form for case, form in shown.items()})
    data.update({f"computed_{case}": form for case, form in shown.items()})
    data["override_loct"] = "старшем кассире смены"
    assert hr_client.post(edit_url(position), data).status_code == 302
    position.refresh_from_db()
    assert position.form("gent") == "старшего кассира"
    assert position.declension_overrides == {"loct": "старшем кассире смены"}


def test_the_preview_replaces_the_forms_left_as_shown_and_keeps_a_typed_one(hr_client):
    url = reverse("orgs:position_forms")
    query = {"title": "Кассир", "override_gent": "бухгалтера", "computed_gent": "бухгалтера"}
    query |= {"override_datv": "кассиру-операционисту", "computed_datv": "бухгалтеру"}
    page = hr_client.get(url, query).content.decode()
    assert 'name="override_gent" value="кассира"' in page
    assert 'name="override_datv" value="кассиру-операционисту"' in page
    assert 'name="override_loct" value="кассире"' in page


def test_editing_recomputes_the_forms_and_clears_an_emptied_correction(hr_client, position, sales):
    position.declension_overrides = {"gent": "старая форма"}
    position.save()
    data = position_data(title="Старший кассир", department=sales.pk)
    response = hr_client.post(edit_url(position), data)
    assert response.status_code == 302
    position.refresh_from_db()
    assert position.declensions["gent"] == "старшего кассира"
    assert position.declension_overrides == {}


def test_it_offers_as_managers_neither_the_position_itself_nor_its_subordinates(
    hr_client, position, head_of_sales, accountant, other_organisation
):
    Position.objects.create(organisation=other_organisation, title="Чужой директор")
    form = hr_client.get(edit_url(head_of_sales)).context["form"]
    assert {p.title for p in form.fields["reports_to"].queryset} == {"Бухгалтер"}


def test_it_refuses_a_position_that_reports_to_itself(hr_client, head_of_sales, sales):
    data = position_data(title=head_of_sales.title, department=sales.pk, reports_to=head_of_sales.pk)
    response = hr_client.post(edit_url(head_of_sales), data)
    assert "reports_to" in response.context["form"].errors
    head_of_sales.refresh_from_db()
    assert head_of_sales.reports_to is None


def test_it_refuses_a_department_of_another_organisation(hr_client, other_organisation):
    foreign = Department.objects.create(organisation=other_organisation, name="Чужой отдел")
    response = hr_client.post(CREATE, position_data(department=foreign.pk))
    assert "department" in response.context["form"].errors
    assert not Position.objects.filter(title="Главный бухгалтер").exists()


def test_it_refuses_a_duplicate_title_and_keeps_what_was_typed(hr_client, organisation):
    Position.objects.create(organisation=organisation, title="Главный бухгалтер")
    response = hr_client.post(CREATE, position_data(override_gent="главбуха"))
    assert response.status_code == 200
    assert "title" in response.context["form"].errors
    assert error_messages(response)
    assert 'value="главбуха"' in response.content.decode()
    assert Position.objects.filter(title="Главный бухгалтер").count() == 1


def test_it_deletes_an_unused_position(hr_client, accountant):
    assert hr_client.get(delete_url(accountant)).status_code == 200
    response = hr_client.post(delete_url(accountant))
    assert response["Location"] == LIST
    assert not Position.objects.filter(pk=accountant.pk).exists()


def test_it_refuses_to_delete_a_position_that_an_employee_holds(hr_client, position, employee_user):
    response = hr_client.post(delete_url(position))
    assert response["Location"] == edit_url(position)
    assert any("Менеджер по работе с клиентами" in message for message in error_messages(response))
    assert Position.objects.filter(pk=position.pk).exists()


def test_it_refuses_to_delete_a_position_with_a_job_description(hr_client, accountant, hr):
    start_draft(position=accountant, user=hr)
    response = hr_client.post(delete_url(accountant))
    assert any("Бухгалтер" in message for message in error_messages(response))
    assert Position.objects.filter(pk=accountant.pk).exists()


def test_a_lawyer_is_refused(lawyer, position):
    client = login(lawyer)
    for url in (LIST, CREATE, edit_url(position), delete_url(position)):
        assert client.get(url).status_code == 403
    assert client.post(delete_url(position)).status_code == 403
    assert Position.objects.filter(pk=position.pk).exists()


def test_an_outsider_gets_404_for_our_positions(outsider_client, position):
    assert outsider_client.get(edit_url(position)).status_code == 404
    assert outsider_client.post(edit_url(position), position_data(title="Захвачено")).status_code == 404
    assert outsider_client.post(delete_url(position)).status_code == 404
    position.refresh_from_db()
    assert position.title == "Менеджер по работе с клиентами"


def test_an_outsider_lists_none_of_our_positions(outsider_client, position, other_organisation):
    Position.objects.create(organisation=other_organisation, title="Кладовщик")
    response = outsider_client.get(LIST)
    assert titles(response) == ["Кладовщик"]
    assert "Отдел продаж" not in response.content.decode()
