"""The superusers' outbox: every e-mail the app wrote, with its text and link."""

import pytest
from django.test import Client
from django.urls import reverse

from jobdesc.accounts.models import User
from jobdesc.outbox import services as outbox
from tests.conftest import login

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client():
    client = Client()
    client.force_login(User.objects.create_superuser("root", "root@example.org", "x"))
    return client


def test_a_superuser_reads_every_email_with_its_text_and_link(admin_client, organisation, other_organisation):
    ours = outbox.send(
        to="ivanov@example.org",
        subject="Ознакомьтесь",
        body="Инструкция утверждена.",
        organisation=organisation,
        link="https://jobdesc.example/instructions/my/",
    )[0]
    outbox.send(to="petrov@example.org", subject="Согласуйте", body="Текст", organisation=other_organisation)
    listing = admin_client.get(reverse("outbox:outbox")).content.decode()
    assert "ivanov@example.org" in listing and "petrov@example.org" in listing
    assert "petrov" not in admin_client.get(reverse("outbox:outbox"), {"q": "ivanov"}).content.decode()
    assert "ivanov" not in admin_client.get(reverse("outbox:outbox"), {"status": "sent"}).content.decode()
    page = admin_client.get(reverse("outbox:message", args=[ours.pk])).content.decode()
    assert "Инструкция утверждена." in page and 'href="https://jobdesc.example/instructions/my/"' in page
    assert ours.message_id.replace("<", "&lt;").replace(">", "&gt;") in page


def test_hostile_filters_change_nothing_and_break_nothing(admin_client):
    for query in ({"q": "\x00"}, {"status": "<script>"}, {"page": "99999999999999999999"}, {"q": "x" * 5000}):
        assert admin_client.get(reverse("outbox:outbox"), query).status_code == 200
    assert admin_client.get("/outbox/99999999999999999999/").status_code == 404


@pytest.mark.parametrize("who", ["hr", "lawyer", "approver", "employee_user"])
def test_the_outbox_is_for_superusers_only(who, request, organisation):
    message = outbox.send(to="a@example.org", subject="S", body="B", organisation=organisation)[0]
    client = login(request.getfixturevalue(who))
    assert client.get(reverse("outbox:outbox")).status_code == 403
    assert client.get(reverse("outbox:message", args=[message.pk])).status_code == 403
