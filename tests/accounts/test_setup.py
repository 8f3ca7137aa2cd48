"""A superuser creates an organisation and invites its first administrator from the product's pages."""

import re

from django.core import mail
from django.urls import reverse

from jobdesc.accounts.models import User
from jobdesc.accounts.roles import Role
from jobdesc.orgs.models import Invitation, Organisation
from tests.conftest import login
from tests.outbox.worker import run_tasks

SETUP = reverse("setup:organisations")
FORM = {
    "full_name": "Общество с ограниченной ответственностью «Лютик»",
    "short_name": "ООО «Лютик»",
    "inn": "7705555555",
    "city": "Тверь",
    "interface_language": "ru",
    "admin_name": "Лютикова Ольга Ивановна",
    "admin_email": "Olga@Lutik.example",
    "admin_also_hr": "on",
}


def superuser():
    return User.objects.create_superuser("root", "root@example.org", "root-password-123")


def test_a_superuser_is_sent_from_the_home_page_to_the_set_up(db):
    assert login(superuser()).get(reverse("home"))["Location"] == SETUP


def test_a_superuser_creates_an_organisation_and_its_administrator_accepts(
    db, client, django_capture_on_commit_callbacks
):
    root = login(superuser())
    with django_capture_on_commit_callbacks(execute=True):
        assert root.post(SETUP, FORM).status_code == 302
    run_tasks()
    organisation = Organisation.objects.get(inn="7705555555")
    admin = User.objects.get(email="olga@lutik.example")
    assert (admin.organisation, admin.is_active) == (organisation, False)
    assert set(admin.groups.values_list("name", flat=True)) == {Role.ADMIN.value, Role.HR.value}
    assert "ООО «Лютик»" in mail.outbox[0].subject
    path = re.search(r"/invitation/\d+/\S+/", mail.outbox[0].body).group(0)
    client.post(path, {"new_password1": "Лютик-весна-2026", "new_password2": "Лютик-весна-2026"})
    admin.refresh_from_db()
    assert admin.is_active and admin.is_org_admin and admin.is_hr
    assert Invitation.objects.get().status == "accepted"


def test_a_bad_form_keeps_what_was_typed_and_creates_nothing(db):
    response = login(superuser()).post(SETUP, {**FORM, "admin_email": "not-an-address", "admin_name": "Лютикова"})
    assert response.status_code == 200
    assert {"admin_email", "admin_name"} <= set(response.context["form"].errors)
    assert "Общество с ограниченной ответственностью «Лютик»" in response.content.decode()
    assert not Organisation.objects.filter(inn="7705555555").exists()
    assert not User.objects.filter(email="olga@lutik.example").exists()


def test_nobody_else_reaches_the_set_up(hr_client, organisation):
    assert hr_client.get(SETUP).status_code == 403
    assert hr_client.post(SETUP, FORM).status_code == 403
    assert hr_client.get(reverse("setup:invite_admin", args=[organisation.pk])).status_code == 403
    assert not Organisation.objects.filter(inn="7705555555").exists()
