"""The interface speaks Russian by default and English on request, from compiled catalogues."""

from django.test import Client
from django.urls import reverse


def test_the_login_page_is_russian_by_default(db):
    page = Client().get(reverse("login")).content.decode()
    assert "Войти" in page


def test_english_is_available_from_the_language_switch(db):
    client = Client()
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert "Log in" in client.get(reverse("login")).content.decode()
