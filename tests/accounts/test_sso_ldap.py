"""Single sign-on through LDAP, against a real slapd started for the tests: only invited people get in."""

import pytest
from django.urls import reverse

from jobdesc.accounts.models import User
from jobdesc.orgs import invitations
from jobdesc.orgs.models import Employee, Invitation, InvitationStatus
from tests.conftest import PASSWORD

from .slapd import PEOPLE, Directory

LOGIN = reverse("login")


@pytest.fixture(scope="module")
def directory(tmp_path_factory):
    server = Directory(tmp_path_factory.mktemp("slapd")).start()
    server.add_person("anna", "anna-directory-pw", "Anna.Lyutikova@lutik.example")
    server.add_person("stranger", "stranger-pw", "stranger@lutik.example", surname="Чужой", name="Пётр")
    yield server
    server.stop()


@pytest.fixture
def ldap_settings(settings, directory):
    settings.LDAP_SERVER_URI = directory.uri
    settings.LDAP_SEARCH_BASE = PEOPLE
    settings.LDAP_USER_ATTRIBUTE = "uid"
    settings.LDAP_EMAIL_ATTRIBUTE = "mail"
    return settings


@pytest.fixture
def anna(organisation, hr, position):
    organisation.ldap_login = True
    organisation.save()
    record = Employee.objects.create(
        organisation=organisation,
        full_name="Лютикова Анна Сергеевна",
        email="anna.lyutikova@lutik.example",
        position=position,
    )
    invitations.invite(organisation=organisation, employee_ids=[record.pk], by=hr)
    return record


def log_in(client, username, password):
    return client.post(LOGIN, {"username": username, "password": password})


def test_an_invited_person_logs_in_with_the_directory_password_and_is_linked(client, ldap_settings, anna):
    response = log_in(client, "anna", "anna-directory-pw")
    assert response.status_code == 302, response.content.decode()[:500]
    anna.refresh_from_db()
    assert anna.user is not None and anna.user.is_active
    assert not anna.user.has_usable_password(), "the directory keeps the password"
    assert Invitation.objects.get(user=anna.user).status == InvitationStatus.ACCEPTED
    assert client.get(reverse("instructions:my_instructions")).status_code == 200
    assert log_in(client.__class__(), "anna", "anna-directory-pw").status_code == 302, "and again next time"


def test_a_wrong_directory_password_lets_nobody_in(client, ldap_settings, anna):
    assert log_in(client, "anna", "wrong").status_code == 200
    anna.refresh_from_db()
    assert anna.user is None
    assert not User.objects.get(email=anna.email).is_active


@pytest.mark.parametrize("username", ["*", "anna)(uid=*", "ann*"])
def test_a_filter_in_the_login_matches_nobody(client, ldap_settings, anna, username):
    assert log_in(client, username, "anna-directory-pw").status_code == 200


def test_an_empty_password_is_never_an_anonymous_bind(client, ldap_settings, anna):
    assert log_in(client, "anna", "").status_code == 200


def test_a_directory_person_without_an_invitation_gets_no_account(client, ldap_settings, anna):
    assert log_in(client, "stranger", "stranger-pw").status_code == 200
    assert not User.objects.filter(email="stranger@lutik.example").exists()


def test_an_organisation_that_has_not_turned_it_on_is_not_entered_through_the_directory(
    client, ldap_settings, anna, organisation
):
    organisation.ldap_login = False
    organisation.save()
    assert log_in(client, "anna", "anna-directory-pw").status_code == 200
    anna.refresh_from_db()
    assert anna.user is None


def test_local_passwords_keep_working_beside_the_directory(client, ldap_settings, anna, hr):
    assert log_in(client, "hr", PASSWORD).status_code == 302


def test_an_unreachable_directory_refuses_quietly(client, settings, anna):
    settings.LDAP_SERVER_URI, settings.LDAP_TIMEOUT = "ldap://127.0.0.1:9", 1
    assert log_in(client, "anna", "anna-directory-pw").status_code == 200
