"""Single sign-on through OpenID Connect, against a small provider on loopback with real signed ID tokens."""

import pytest
import requests
from django.urls import reverse

from jobdesc.accounts.models import User
from jobdesc.orgs import invitations
from jobdesc.orgs.models import Employee, Invitation, InvitationStatus

from .oidc_provider import Provider


@pytest.fixture(scope="module")
def provider():
    server = Provider().start()
    yield server
    server.stop()


@pytest.fixture
def oidc(settings, provider):
    for name, value in provider.settings().items():
        setattr(settings, name, value)
    return provider


@pytest.fixture
def anna(organisation, hr, position):
    organisation.oidc_login = True
    organisation.save()
    record = Employee.objects.create(
        organisation=organisation, full_name="Лютикова Анна Сергеевна", email="anna@lutik.example", position=position
    )
    invitations.invite(organisation=organisation, employee_ids=[record.pk], by=hr)
    return record


def sign_in(client, provider, **claims):
    """The whole code flow: our redirect to the provider, the provider's back to us, and our callback."""
    provider.person = {"sub": "anna-42", "email": "anna@lutik.example", "email_verified": True, **claims}
    start = client.get(reverse("oidc_authentication_init"))
    assert start.status_code == 302 and start["Location"].startswith(provider.url)
    back = requests.get(start["Location"], allow_redirects=False, timeout=5)
    callback = back.headers["Location"].removeprefix("http://testserver")
    return client.get(callback)


def test_the_login_page_offers_the_provider(db, client, oidc):
    assert 'id="oidc-login"' in client.get(reverse("login")).content.decode()


def test_an_invited_person_signs_in_through_the_provider_and_is_linked(client, oidc, anna):
    response = sign_in(client, oidc)
    assert response.status_code == 302 and response["Location"] == "/"
    anna.refresh_from_db()
    assert anna.user is not None and anna.user.is_active
    assert Invitation.objects.get(user=anna.user).status == InvitationStatus.ACCEPTED
    assert client.get(reverse("instructions:my_instructions")).status_code == 200


def test_an_address_the_provider_does_not_vouch_for_lets_nobody_in(client, oidc, anna):
    response = sign_in(client, oidc, email_verified=False)
    assert "sso=failed" in response["Location"]
    anna.refresh_from_db()
    assert anna.user is None


def test_a_person_without_an_invitation_gets_no_account(client, oidc, anna):
    response = sign_in(client, oidc, email="stranger@lutik.example")
    assert "sso=failed" in response["Location"]
    assert not User.objects.filter(email="stranger@lutik.example").exists()


def test_an_id_token_signed_with_another_key_is_refused(client, oidc, anna, monkeypatch):
    from cryptography.hazmat.primitives.asymmetric import rsa

    monkeypatch.setattr(oidc, "signing_key", rsa.generate_private_key(public_exponent=65537, key_size=2048))
    response = sign_in(client, oidc)
    assert response.status_code != 302 or "sso=failed" in response["Location"]
    anna.refresh_from_db()
    assert anna.user is None


def test_without_configuration_the_sign_in_is_not_there(client, anna):
    assert client.get(reverse("oidc_authentication_init")).status_code == 404
    assert 'id="oidc-login"' not in client.get(reverse("login")).content.decode()
