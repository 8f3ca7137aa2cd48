"""The live preview of a title's grammatical forms, fetched by htmx while the title is typed."""

from django.test import Client
from django.urls import reverse

from tests.conftest import login

URL = reverse("orgs:position_forms")


def test_it_returns_the_genitive_of_the_title_as_it_is_typed(hr_client):
    response = hr_client.get(URL, {"title": "Менеджер по работе с клиентами"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'name="override_gent"' in page
    # The forms are values, not greyed placeholders, the prepositional among them.
    for form in ("менеджера", "менеджеру", "менеджером", "менеджере"):
        assert f'value="{form} по работе с клиентами"' in page
    assert "<form" not in page


def test_it_keeps_the_corrections_already_typed(hr_client):
    response = hr_client.get(URL, {"title": "Кассир", "override_datv": "кассиру-операционисту"})
    assert 'value="кассиру-операционисту"' in response.content.decode()


def test_an_empty_title_gives_empty_forms(hr_client):
    page = hr_client.get(URL, {"title": "  "}).content.decode()
    assert 'name="override_gent" maxlength="300"' in page and "value=" not in page.split('name="override_gent"')[1][:60]


def test_the_position_form_asks_for_the_preview_while_the_title_is_typed(hr_client):
    page = hr_client.get(reverse("orgs:position_create")).content.decode()
    assert f'hx-get="{URL}"' in page
    assert 'id="grammar-forms"' in page


def test_it_answers_only_get(hr_client):
    assert hr_client.post(URL, {"title": "Кассир"}).status_code == 405


def test_a_lawyer_is_refused(lawyer):
    assert login(lawyer).get(URL, {"title": "Кассир"}).status_code == 403


def test_an_anonymous_visitor_is_sent_to_log_in(db):
    response = Client().get(URL, {"title": "Кассир"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
