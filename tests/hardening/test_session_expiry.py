"""An ended session loses nothing: htmx requests answer 401 without a swap, and `next` is a page that opens."""

import json
import pathlib
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import reverse

from jobdesc.instructions.models import Item

EDITOR_TEXT = "Ведёт переговоры с ключевыми клиентами."


def _next_of(location):
    return parse_qs(urlsplit(location).query).get("next", [None])[0]


@pytest.fixture
def duties(complete_draft):
    return complete_draft.sections.get(kind__code="duties")


def test_an_htmx_add_after_the_session_ended_answers_401_and_swaps_nothing(complete_draft, duties):
    editor = "http://testserver" + reverse("instructions:editor", args=[complete_draft.pk]) + "?edit=3"
    response = Client().post(
        reverse("instructions:add_item", args=[complete_draft.pk]),
        {"section": duties.pk, "text": EDITOR_TEXT},
        HTTP_HX_REQUEST="true",
        HTTP_HX_CURRENT_URL=editor,
    )
    assert response.status_code == 401
    assert response["HX-Reswap"] == "none"
    answer = json.loads(response.content)
    assert answer["error"] == "session_expired"
    assert answer["message"] and answer["login_label"]
    assert urlsplit(answer["login_url"]).path == reverse("login")
    # After logging in, the person lands on the editor (a page), not on the POST-only add URL.
    assert _next_of(answer["login_url"]) == reverse("instructions:editor", args=[complete_draft.pk]) + "?edit=3"
    assert not Item.objects.filter(text=EDITOR_TEXT).exists()


def test_an_htmx_request_names_no_page_of_another_site_as_next(complete_draft, duties):
    response = Client().post(
        reverse("instructions:add_item", args=[complete_draft.pk]),
        {"section": duties.pk, "text": EDITOR_TEXT},
        HTTP_HX_REQUEST="true",
        HTTP_HX_CURRENT_URL="https://evil.example/editor/",
    )
    assert _next_of(json.loads(response.content)["login_url"]) == reverse("home")


def test_a_plain_post_after_the_session_ended_returns_to_the_form_page_not_the_post_url(complete_draft, duties):
    editor = reverse("instructions:editor", args=[complete_draft.pk])
    response = Client().post(
        reverse("instructions:add_item", args=[complete_draft.pk]),
        {"section": duties.pk, "text": EDITOR_TEXT},
        HTTP_REFERER="http://testserver" + editor,
    )
    assert response.status_code == 302
    assert urlsplit(response["Location"]).path == reverse("login")
    assert _next_of(response["Location"]) == editor


def test_a_get_after_the_session_ended_comes_back_to_itself(complete_draft):
    url = reverse("instructions:editor", args=[complete_draft.pk]) + "?edit=1"
    assert _next_of(Client().get(url)["Location"]) == url


def test_every_page_loads_the_script_that_offers_to_log_in_again(hr_client):
    page = hr_client.get(reverse("home")).content.decode()
    assert "js/session.js" in page
    script = pathlib.Path(finders.find("js/session.js")).read_text(encoding="utf-8")
    assert "htmx:responseError" in script and "csrfmiddlewaretoken" in script


def test_a_failed_add_without_javascript_shows_the_editor_again_with_the_typed_text(hr_client, complete_draft, duties):
    typed = "{должность} ведёт переговоры."  # a malformed placeholder: refused
    before = Item.objects.count()
    response = hr_client.post(
        reverse("instructions:add_item", args=[complete_draft.pk]), {"section": duties.pk, "text": typed}
    )
    assert response.status_code == 400
    assert Item.objects.count() == before
    page = response.content.decode()
    assert f">{typed}</textarea>" in page
    assert 'class="alert alert-danger py-2"' in page
