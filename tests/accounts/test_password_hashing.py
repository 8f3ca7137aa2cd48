"""Passwords are hashed with Argon2id at the measured costs, and an older PBKDF2 hash is redone at the next login."""

import os
import threading

import pytest
from argon2.exceptions import HashingError
from django.contrib.auth.hashers import (
    Argon2PasswordHasher,
    PBKDF2PasswordHasher,
    check_password,
    get_hasher,
    identify_hasher,
)
from django.test import Client
from django.urls import reverse

from jobdesc.accounts.hashers import HASHING_NICENESS, LoginArgon2PasswordHasher
from jobdesc.accounts.models import User
from jobdesc.settings import PASSWORD_HASHERS as APP_HASHERS
from tests.conftest import PASSWORD


@pytest.fixture
def app_hashers(settings):
    """The production hashers (the test settings use a fast one)."""
    settings.PASSWORD_HASHERS = APP_HASHERS


def test_the_test_settings_keep_a_fast_hasher():
    assert get_hasher("default").algorithm == "md5"


def test_new_passwords_are_hashed_with_argon2id_at_the_measured_costs(app_hashers):
    encoded = get_hasher("default").encode(PASSWORD, get_hasher("default").salt())
    assert encoded.startswith("argon2$argon2id$v=19$m=32768,t=2,p=1$")
    assert check_password(PASSWORD, encoded)
    assert not check_password("wrong-horse-battery", encoded)


def test_an_older_pbkdf2_hash_is_rehashed_with_argon2id_at_the_next_login(app_hashers, hr):
    # Fewer iterations than Django's default only to keep the test fast: the iteration count is in the hash.
    User.objects.filter(pk=hr.pk).update(password=PBKDF2PasswordHasher().encode(PASSWORD, "pbkdf2salt", 1000))
    response = Client().post(reverse("login"), {"username": "hr", "password": PASSWORD})
    assert response.status_code == 302
    hr.refresh_from_db()
    assert isinstance(identify_hasher(hr.password), LoginArgon2PasswordHasher)
    assert hr.check_password(PASSWORD)


def test_a_wrong_password_leaves_the_old_hash_alone(app_hashers, hr):
    old = PBKDF2PasswordHasher().encode(PASSWORD, "pbkdf2salt", 1000)
    User.objects.filter(pk=hr.pk).update(password=old)
    response = Client().post(reverse("login"), {"username": "hr", "password": "wrong-horse-battery"})
    assert response.status_code == 200
    hr.refresh_from_db()
    assert hr.password == old


def test_the_hash_is_computed_in_a_thread_that_yields_to_the_requests(monkeypatch):
    seen = []

    def verify(self, password, encoded):
        thread = threading.get_native_id()
        seen.append((thread, os.getpriority(os.PRIO_PROCESS, thread)))
        return True

    monkeypatch.setattr(Argon2PasswordHasher, "verify", verify)
    own = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
    assert LoginArgon2PasswordHasher().verify(PASSWORD, "argon2$…") is True
    [(thread, niceness)] = seen
    assert thread != threading.get_native_id()
    assert niceness == min(19, own + HASHING_NICENESS)


def test_the_slow_hash_keeps_its_result_and_its_errors_through_the_thread(app_hashers):
    hasher = LoginArgon2PasswordHasher()
    encoded = hasher.encode(PASSWORD, hasher.salt())
    assert hasher.verify(PASSWORD, encoded)
    assert not hasher.verify("wrong-horse-battery", encoded)
    # An error of the hashing library reaches the caller, as it would without the thread.
    with pytest.raises(HashingError):
        hasher.encode(PASSWORD, "short")
