"""Fixtures of the API tests: personal tokens for the people of tests/conftest.py and a client that sends them."""

import pytest
from django.test import Client

from jobdesc.api.tokens import create_token


def bearer(user, name="test") -> str:
    _token, secret = create_token(user=user, name=name)
    return secret


class ApiClient:
    """Django's test client with a token in every request's Authorization header."""

    def __init__(self, secret: str | None):
        self.client = Client()
        self.headers = {"Authorization": f"Bearer {secret}"} if secret else {}

    def get(self, path, data=None, headers=None):
        return self.client.get(path, data, headers={**self.headers, **(headers or {})})

    def post(self, path, body, headers=None):
        return self.client.post(
            path, body, content_type="application/json", headers={**self.headers, **(headers or {})}
        )

    def patch(self, path, body, headers=None):
        return self.client.patch(
            path, body, content_type="application/json", headers={**self.headers, **(headers or {})}
        )

    def put(self, path, body, headers=None):
        return self.client.put(path, body, content_type="application/json", headers={**self.headers, **(headers or {})})


@pytest.fixture
def hr_api(hr):
    return ApiClient(bearer(hr))


@pytest.fixture
def outsider_api(outsider):
    return ApiClient(bearer(outsider))
