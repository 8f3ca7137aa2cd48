"""Personal API tokens on the person's own page: made with a name, shown once, stored hashed, revoked."""

import hashlib

from django.urls import reverse

from jobdesc.api.models import ApiToken
from tests.api.conftest import ApiClient


def test_the_profile_links_to_the_tokens_page(hr_client):
    assert reverse("api:tokens") in hr_client.get(reverse("accounts:profile")).content.decode()


def test_a_new_token_is_shown_once_and_only_its_hash_is_stored(hr_client, hr):
    response = hr_client.post(reverse("api:tokens"), {"name": "1С:ЗУП"})
    assert response.status_code == 200 and response["Cache-Control"].startswith("max-age=0")
    secret = response.context["secret"]
    assert secret.startswith("jd_") and secret in response.content.decode()
    token = ApiToken.objects.get(user=hr)
    assert token.key_hash == hashlib.sha256(secret.encode()).hexdigest() and secret not in str(vars(token))
    assert token.organisation == hr.organisation
    assert secret not in hr_client.get(reverse("api:tokens")).content.decode(), "never shown again"
    assert ApiClient(secret).get("/api/v1/organisation").status_code == 200


def test_a_token_needs_a_name(hr_client, hr):
    response = hr_client.post(reverse("api:tokens"), {"name": "   "})
    assert response.status_code == 200 and not ApiToken.objects.exists()
    assert response.context["form"].errors


def test_the_owner_revokes_a_token_and_it_opens_nothing(hr_client, hr):
    secret = hr_client.post(reverse("api:tokens"), {"name": "archive"}).context["secret"]
    token = ApiToken.objects.get(user=hr)
    response = hr_client.post(reverse("api:token_revoke", args=[token.pk]))
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert ApiClient(secret).get("/api/v1/organisation").status_code == 401


def test_nobody_else_revokes_a_persons_token(hr_client, hr, client, lawyer):
    hr_client.post(reverse("api:tokens"), {"name": "archive"})
    token = ApiToken.objects.get(user=hr)
    client.force_login(lawyer)
    assert client.post(reverse("api:token_revoke", args=[token.pk])).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_a_superuser_without_an_organisation_gets_no_token(client, django_user_model):
    root = django_user_model.objects.create_superuser("root", "", "root-password")
    client.force_login(root)
    assert client.post(reverse("api:tokens"), {"name": "x"}).status_code == 403
    assert not ApiToken.objects.exists()
