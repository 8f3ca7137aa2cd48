"""Departments: the tree list with search and pages, create, edit and delete, for HR only."""

import pytest
from django.contrib.messages import ERROR, SUCCESS, get_messages
from django.urls import reverse

from jobdesc.orgs.models import Department
from tests.conftest import login

LIST = reverse("orgs:departments")
CREATE = reverse("orgs:department_create")


def edit_url(department):
    return reverse("orgs:department_edit", args=[department.pk])


def delete_url(department):
    return reverse("orgs:department_delete", args=[department.pk])


def levels(response):
    return [(d.name, d.depth) for d in response.context["page"]]


def messages_of(response, level):
    return [str(m) for m in get_messages(response.wsgi_request) if m.level == level]


@pytest.fixture
def tree(organisation, sales):
    """Отдел продаж ▸ Сектор опта ▸ Группа Москвы, and Бухгалтерия at the top."""
    wholesale = Department.objects.create(organisation=organisation, name="Сектор опта", parent=sales)
    moscow = Department.objects.create(organisation=organisation, name="Группа Москвы", parent=wholesale)
    accounts = Department.objects.create(organisation=organisation, name="Бухгалтерия")
    return {"sales": sales, "wholesale": wholesale, "moscow": moscow, "accounts": accounts}


def test_it_lists_the_departments_as_a_tree(hr_client, tree):
    response = hr_client.get(LIST)
    assert response.status_code == 200
    assert levels(response) == [("Бухгалтерия", 0), ("Отдел продаж", 0), ("Сектор опта", 1), ("Группа Москвы", 2)]


def test_it_finds_departments_by_name_in_any_letter_case(hr_client, tree):
    response = hr_client.get(LIST, {"q": "сектор"})
    assert levels(response) == [("Сектор опта", 1)]
    assert "Отдел продаж ›" not in response.content.decode()
    assert "(Отдел продаж)" in response.content.decode()


def test_it_shows_the_departments_page_by_page(hr_client, organisation):
    for n in range(30):
        Department.objects.create(organisation=organisation, name=f"Отдел {n:02}")
    first, second = hr_client.get(LIST), hr_client.get(LIST, {"page": 2})
    assert len(first.context["page"]) == 25
    assert levels(second)[-1] == ("Отдел 29", 0)
    assert 'class="pagination' in first.content.decode()


@pytest.mark.parametrize("extra", [1, 30])
def test_the_query_count_does_not_grow_with_the_departments(
    extra, hr_client, organisation, django_assert_max_num_queries
):
    for n in range(extra):
        Department.objects.create(organisation=organisation, name=f"Отдел {n:02}")
    with django_assert_max_num_queries(7):
        assert hr_client.get(LIST).status_code == 200


def test_it_creates_a_department_inside_another(hr_client, organisation, sales):
    response = hr_client.post(CREATE, {"name": "Сектор розницы", "code": "02", "parent": sales.pk})
    assert response.status_code == 302
    department = Department.objects.get(name="Сектор розницы")
    assert (department.organisation, department.parent, department.code) == (organisation, sales, "02")
    assert messages_of(response, SUCCESS)


def test_it_refuses_a_duplicate_name_and_keeps_what_was_typed(hr_client, sales):
    response = hr_client.post(CREATE, {"name": "Отдел продаж", "code": "07"})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert messages_of(response, ERROR)
    assert 'value="07"' in response.content.decode()
    assert Department.objects.filter(name="Отдел продаж").count() == 1


def test_it_offers_as_parents_only_the_organisations_departments_outside_the_one_edited(
    hr_client, tree, other_organisation
):
    Department.objects.create(organisation=other_organisation, name="Чужой отдел")
    form = hr_client.get(edit_url(tree["wholesale"])).context["form"]
    assert {d.name for d in form.fields["parent"].queryset} == {"Отдел продаж", "Бухгалтерия"}


def test_it_refuses_a_parent_of_another_organisation(hr_client, other_organisation):
    foreign = Department.objects.create(organisation=other_organisation, name="Чужой отдел")
    response = hr_client.post(CREATE, {"name": "Сектор розницы", "parent": foreign.pk})
    assert "parent" in response.context["form"].errors
    assert not Department.objects.filter(name="Сектор розницы").exists()


def test_it_refuses_to_put_a_department_inside_its_own_sub_department(hr_client, tree):
    response = hr_client.post(edit_url(tree["sales"]), {"name": "Отдел продаж", "parent": tree["moscow"].pk})
    assert "parent" in response.context["form"].errors
    tree["sales"].refresh_from_db()
    assert tree["sales"].parent is None


def test_it_renames_a_department(hr_client, sales):
    response = hr_client.post(edit_url(sales), {"name": "Коммерческий отдел", "code": ""})
    assert response.status_code == 302
    sales.refresh_from_db()
    assert sales.name == "Коммерческий отдел"


def test_it_asks_before_deleting(hr_client, tree):
    response = hr_client.get(delete_url(tree["accounts"]))
    assert response.status_code == 200
    assert Department.objects.filter(pk=tree["accounts"].pk).exists()


def test_it_deletes_an_unused_department(hr_client, tree):
    response = hr_client.post(delete_url(tree["accounts"]))
    assert response.status_code == 302
    assert not Department.objects.filter(pk=tree["accounts"].pk).exists()


def test_it_refuses_to_delete_a_department_that_still_has_positions(hr_client, sales, head_of_sales):
    sales.parent = Department.objects.create(organisation=sales.organisation, name="Дирекция")
    sales.save()
    response = hr_client.post(delete_url(sales))
    assert response.status_code == 302
    assert response["Location"] == edit_url(sales)
    assert any("Отдел продаж" in message for message in messages_of(response, ERROR))
    assert Department.objects.filter(pk=sales.pk).exists()


def test_it_refuses_to_delete_a_department_that_still_has_sub_departments(hr_client, tree):
    response = hr_client.post(delete_url(tree["wholesale"]))
    assert any("Сектор опта" in message for message in messages_of(response, ERROR))
    assert Department.objects.filter(pk=tree["wholesale"].pk).exists()


def test_a_lawyer_is_refused(lawyer, sales):
    client = login(lawyer)
    for url in (LIST, CREATE, edit_url(sales), delete_url(sales)):
        assert client.get(url).status_code == 403
    assert client.post(delete_url(sales)).status_code == 403
    assert Department.objects.filter(pk=sales.pk).exists()


def test_an_outsider_gets_404_for_our_departments(outsider_client, sales):
    assert outsider_client.get(edit_url(sales)).status_code == 404
    assert outsider_client.post(edit_url(sales), {"name": "Захвачено"}).status_code == 404
    assert outsider_client.post(delete_url(sales)).status_code == 404
    sales.refresh_from_db()
    assert sales.name == "Отдел продаж"


def test_an_outsider_lists_none_of_our_departments(outsider_client, tree, other_organisation):
    Department.objects.create(organisation=other_organisation, name="Склад")
    response = outsider_client.get(LIST)
    assert levels(response) == [("Склад", 0)]
    assert "Отдел продаж" not in response.content.decode()
