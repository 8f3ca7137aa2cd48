"""Roles from the interface: the administrator grants and withdraws them by name; nobody changes their own."""

import pytest
from django.urls import reverse

from jobdesc.accounts.models import AccountEvent, EventKind
from jobdesc.accounts.roles import Role
from tests.conftest import login, make_user

PEOPLE = reverse("accounts:people")


def person_url(user):
    return reverse("accounts:person", args=[user.pk])


@pytest.fixture
def admin(organisation):
    return make_user(organisation, "admin", Role.ADMIN, "Админова Вера")


def test_the_people_page_shows_roles_by_their_human_names(admin, lawyer, hr):
    page = login(admin).get(PEOPLE).content.decode()
    assert "Согласующий" in page and "Специалист по кадрам" in page
    assert "Agreeing official" not in page and "HR officer" not in page


def test_the_administrator_grants_and_withdraws_roles_and_the_history_says_so(admin, lawyer):
    client = login(admin)
    client.post(person_url(lawyer), {"roles": [Role.APPROVER.value]})
    lawyer.__dict__.pop("_role_names", None)
    assert lawyer.has_role(Role.APPROVER) and not lawyer.has_role(Role.AGREEING)
    events = AccountEvent.objects.filter(user=lawyer, actor=admin)
    assert set(events.values_list("kind", "role")) == {
        (EventKind.ROLE_GRANTED, Role.APPROVER.value),
        (EventKind.ROLE_WITHDRAWN, Role.AGREEING.value),
    }
    history = login(admin).get(reverse("accounts:history")).content.decode()
    assert "роль назначена" in history and "Утверждающий" in history


def test_nobody_changes_their_own_roles(admin):
    client = login(admin)
    page = client.get(person_url(admin)).content.decode()
    assert 'id="own-roles"' in page
    client.post(person_url(admin), {"roles": [Role.ADMIN.value, Role.HR.value, Role.APPROVER.value]})
    admin.__dict__.pop("_role_names", None)
    assert not admin.has_role(Role.HR)
    assert not AccountEvent.objects.filter(user=admin).exists()


def test_an_hr_officer_without_the_administrators_role_grants_nothing(hr_client, hr, lawyer):
    assert hr_client.get(PEOPLE).status_code == 403
    assert hr_client.post(person_url(lawyer), {"roles": [Role.HR.value]}).status_code == 403
    lawyer.__dict__.pop("_role_names", None)
    assert not lawyer.has_role(Role.HR)


def test_an_administrator_of_another_organisation_reaches_nobody_here(other_organisation, lawyer):
    foreign_admin = make_user(other_organisation, "foreign-admin", Role.ADMIN)
    assert login(foreign_admin).post(person_url(lawyer), {"roles": [Role.HR.value]}).status_code == 404
    assert "lawyer" not in login(foreign_admin).get(PEOPLE).content.decode()


def test_an_unknown_role_is_refused_and_nothing_changes(admin, lawyer):
    response = login(admin).post(person_url(lawyer), {"roles": ["superuser"]})
    assert response.status_code == 200 and response.context["form"].errors
    lawyer.__dict__.pop("_role_names", None)
    assert lawyer.has_role(Role.AGREEING)
