"""Login throttling (django-axes): a name is locked from an address after a few wrong passwords."""

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.test import Client, RequestFactory
from django.urls import reverse

from jobdesc.accounts.throttling import client_ip
from tests.conftest import PASSWORD

LOGIN = reverse("login")


def attempt(client, username, password, address="10.0.0.1"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def test_the_right_password_logs_in(hr):
    response = attempt(Client(), "hr", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("home")


def test_after_the_failure_limit_even_the_right_password_is_refused_with_the_lockout_page(hr):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert attempt(client, "hr", "wrong").status_code == 200
    locked = attempt(client, "hr", "wrong")
    assert locked.status_code == 429
    assert "429.html" in [template.name for template in locked.templates]
    assert attempt(client, "hr", PASSWORD).status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_lockout_is_kept_in_the_database_so_every_app_server_sees_it(hr):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(Client(), "hr", "wrong")
    assert AccessAttempt.objects.filter(username="hr", ip_address="10.0.0.1").exists()
    # A fresh client (another browser, or a request that lands on another app server) is refused too.
    assert attempt(Client(), "hr", PASSWORD).status_code == 429


def test_a_locked_name_can_still_log_in_from_another_address(hr):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(Client(), "hr", "wrong", address="10.0.0.1")
    assert attempt(Client(), "hr", PASSWORD, address="10.0.0.2").status_code == 302


def test_a_success_before_the_limit_starts_the_count_again(hr):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, "hr", "wrong")
    assert attempt(client, "hr", PASSWORD).status_code == 302
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert attempt(Client(), "hr", "wrong").status_code == 200


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "203.0.113.7", "192.0.2.1"),  # no trusted proxy: a forged header is ignored
        (1, "198.51.100.9, 203.0.113.7", "203.0.113.7"),  # nginx appended the real client last
        (2, "198.51.100.9, 203.0.113.7, 10.0.0.5", "203.0.113.7"),  # a load balancer, then nginx
        (2, "203.0.113.7", "192.0.2.1"),  # fewer entries than proxies: the header is not believed
    ],
)
def test_the_client_address_is_read_behind_the_trusted_proxies_only(settings, proxies, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = proxies
    request = RequestFactory().get("/", REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected
