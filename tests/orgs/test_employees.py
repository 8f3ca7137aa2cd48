"""Employees: the list with search, filters, current or dismissed, sorting and pages; create and edit; HR only."""

import datetime

import pytest
from django.contrib.messages import ERROR, get_messages
from django.urls import reverse

from jobdesc.orgs.models import Department, Employee, Position
from tests.conftest import login, make_user

LIST = reverse("orgs:employees")
CREATE = reverse("orgs:employee_create")


def edit_url(employee):
    return reverse("orgs:employee_edit", args=[employee.pk])


def names(response):
    return [e.full_name for e in response.context["page"]]


def error_messages(response):
    return [str(m) for m in get_messages(response.wsgi_request) if m.level == ERROR]


def employee_data(**changes):
    data = {
        "full_name": "Сидорова Анна Петровна",
        "position": "",
        "hire_date": "2025-03-01",
        "dismissal_date": "",
        "gender": "",
        "personnel_number": "",
        "email": "",
        "employment": "main",
        "rate": "1",
    }
    return {**data, **changes}


@pytest.fixture
def ivanov(employee_user):
    return employee_user.employments.get()


@pytest.fixture
def staff(organisation, position, head_of_sales, ivanov):
    """Иванов (manager, current), Петрова (head of sales, current), Орлов (accountant, dismissed)."""
    accounts = Department.objects.create(organisation=organisation, name="Бухгалтерия")
    accountant = Position.objects.create(organisation=organisation, title="Бухгалтер", department=accounts)
    petrova = Employee.objects.create(
        organisation=organisation,
        full_name="Петрова Мария Ильинична",
        position=head_of_sales,
        hire_date=datetime.date(2020, 5, 1),
    )
    orlov = Employee.objects.create(
        organisation=organisation,
        full_name="Орлов Олег Олегович",
        position=accountant,
        hire_date=datetime.date(2019, 1, 1),
        dismissal_date=datetime.date(2024, 12, 31),
    )
    return {"ivanov": ivanov, "petrova": petrova, "orlov": orlov, "accounts": accounts, "accountant": accountant}


def test_it_lists_the_current_employees_by_name(hr_client, staff):
    response = hr_client.get(LIST)
    assert response.status_code == 200
    assert names(response) == ["Иванов Иван Иванович", "Петрова Мария Ильинична"]


def test_it_lists_the_dismissed_or_everybody_on_request(hr_client, staff):
    assert names(hr_client.get(LIST, {"status": "dismissed"})) == ["Орлов Олег Олегович"]
    assert len(names(hr_client.get(LIST, {"status": "all"}))) == 3


def test_it_finds_employees_by_name(hr_client, staff):
    assert names(hr_client.get(LIST, {"q": "Мария"})) == ["Петрова Мария Ильинична"]


def test_it_filters_by_department_and_position(hr_client, staff, sales, head_of_sales):
    assert names(hr_client.get(LIST, {"department": sales.pk})) == ["Иванов Иван Иванович", "Петрова Мария Ильинична"]
    assert names(hr_client.get(LIST, {"position": head_of_sales.pk})) == ["Петрова Мария Ильинична"]
    dismissed_accountants = {"department": staff["accounts"].pk, "status": "dismissed"}
    assert names(hr_client.get(LIST, dismissed_accountants)) == ["Орлов Олег Олегович"]


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("-name", ["Петрова Мария Ильинична", "Иванов Иван Иванович"]),
        ("position", ["Иванов Иван Иванович", "Петрова Мария Ильинична"]),
        ("-position", ["Петрова Мария Ильинична", "Иванов Иван Иванович"]),
        ("hired", ["Петрова Мария Ильинична", "Иванов Иван Иванович"]),
    ],
)
def test_it_sorts_by_the_chosen_column(hr_client, staff, sort, expected):
    assert names(hr_client.get(LIST, {"sort": sort})) == expected


def test_it_shows_the_employees_page_by_page(hr_client, organisation):
    Employee.objects.bulk_create(Employee(organisation=organisation, full_name=f"Сотрудник {n:02}") for n in range(30))
    assert len(names(hr_client.get(LIST))) == 25
    assert names(hr_client.get(LIST, {"page": 2})) == [f"Сотрудник {n}" for n in range(25, 30)]


@pytest.mark.parametrize("extra", [1, 30])
def test_the_query_count_does_not_grow_with_the_employees(
    extra, hr_client, organisation, position, django_assert_max_num_queries
):
    for n in range(extra):
        user = make_user(organisation, f"user{n}")
        Employee.objects.create(organisation=organisation, full_name=f"Сотрудник {n}", position=position, user=user)
    with django_assert_max_num_queries(10):
        assert hr_client.get(LIST).status_code == 200


def test_it_creates_an_employee_record_with_number_e_mail_and_rate(hr_client, organisation, position):
    data = employee_data(
        position=position.pk, gender="f", personnel_number="00042", email="Sidorova@Romashka.example", rate="0.5"
    )
    response = hr_client.post(CREATE, data)
    assert response["Location"] == LIST
    employee = Employee.objects.get(full_name="Сидорова Анна Петровна")
    assert (employee.organisation, employee.position, employee.user) == (organisation, position, None)
    assert (employee.hire_date, employee.gender) == (datetime.date(2025, 3, 1), "f")
    assert (employee.personnel_number, employee.email, str(employee.rate)) == (
        "00042",
        "sidorova@romashka.example",
        "0.50",
    )


def test_the_form_never_offers_a_login_hr_could_pick(hr_client, ivanov, lawyer):
    """HR never links a login: the person's own invitation does (jobdesc/accounts/README.md)."""
    assert "user" not in hr_client.get(CREATE).context["form"].fields
    response = hr_client.post(CREATE, employee_data(user=lawyer.pk))
    assert Employee.objects.get(full_name="Сидорова Анна Петровна").user is None
    hr_client.post(edit_url(ivanov), employee_data(full_name=ivanov.full_name, user=lawyer.pk))
    ivanov.refresh_from_db()
    assert ivanov.user.username == "manager"
    assert response.status_code == 302


def test_it_refuses_a_second_record_with_the_same_personnel_number(hr_client, ivanov):
    Employee.objects.filter(pk=ivanov.pk).update(personnel_number="00007")
    response = hr_client.post(CREATE, employee_data(personnel_number="00007"))
    assert "personnel_number" in response.context["form"].errors
    assert not Employee.objects.filter(full_name="Сидорова Анна Петровна").exists()


@pytest.mark.parametrize("rate", ["0", "-1", "2.5", "много"])
def test_it_refuses_a_rate_outside_one_hundredth_to_two(hr_client, rate):
    response = hr_client.post(CREATE, employee_data(rate=rate))
    assert "rate" in response.context["form"].errors
    assert not Employee.objects.filter(full_name="Сидорова Анна Петровна").exists()


def test_it_refuses_a_full_name_of_one_word(hr_client):
    response = hr_client.post(CREATE, employee_data(full_name="Сидорова"))
    assert "full_name" in response.context["form"].errors


def test_it_refuses_a_position_of_another_organisation(hr_client, other_organisation):
    foreign = Position.objects.create(organisation=other_organisation, title="Кладовщик")
    response = hr_client.post(CREATE, employee_data(position=foreign.pk))
    assert "position" in response.context["form"].errors
    assert not Employee.objects.filter(full_name="Сидорова Анна Петровна").exists()


def test_it_refuses_a_dismissal_before_the_hire_and_keeps_what_was_typed(hr_client):
    response = hr_client.post(CREATE, employee_data(dismissal_date="2025-02-01"))
    assert response.status_code == 200
    assert "dismissal_date" in response.context["form"].errors
    assert error_messages(response)
    page = response.content.decode()
    assert 'value="Сидорова Анна Петровна"' in page
    assert 'value="2025-02-01"' in page
    assert not Employee.objects.filter(full_name="Сидорова Анна Петровна").exists()


def test_it_records_a_dismissal(hr_client, ivanov, position, employee_user):
    data = employee_data(
        full_name=ivanov.full_name,
        position=position.pk,
        hire_date="2025-01-15",
        dismissal_date="2025-06-30",
    )
    response = hr_client.post(edit_url(ivanov), data)
    assert response.status_code == 302
    ivanov.refresh_from_db()
    assert ivanov.dismissal_date == datetime.date(2025, 6, 30)
    assert ivanov.user == employee_user


def test_a_lawyer_is_refused(lawyer, ivanov):
    client = login(lawyer)
    for url in (LIST, CREATE, edit_url(ivanov)):
        assert client.get(url).status_code == 403
    assert client.post(CREATE, employee_data()).status_code == 403
    assert not Employee.objects.filter(full_name="Сидорова Анна Петровна").exists()


def test_an_outsider_gets_404_for_our_employees(outsider_client, ivanov):
    assert outsider_client.get(edit_url(ivanov)).status_code == 404
    assert outsider_client.post(edit_url(ivanov), employee_data(full_name="Захвачено")).status_code == 404
    ivanov.refresh_from_db()
    assert ivanov.full_name == "Иванов Иван Иванович"


def test_an_outsider_lists_none_of_our_employees(outsider_client, staff, other_organisation, outsider):
    Employee.objects.create(organisation=other_organisation, full_name="Чужой Пётр Петрович")
    response = outsider_client.get(LIST, {"status": "all"})
    assert names(response) == ["Чужой Пётр Петрович"]
    page = response.content.decode()
    assert "Иванов" not in page
    assert "Отдел продаж" not in page
