"""Typed input the app refuses with a message and without a change: line breaks and control characters in
one-line fields, control characters in texts, over-long texts; NUL characters are dropped everywhere."""

import importlib
import pkgutil
from urllib.parse import urlencode

import pytest
from django import forms
from django.urls import reverse

import jobdesc
from jobdesc.input_rules import CLAUSE_MAX, InputRules
from jobdesc.instructions.models import Item
from jobdesc.library.models import Clause, SectionKind
from jobdesc.orgs.models import Category, Department, Employee, Position


def app_forms():
    for module in pkgutil.walk_packages(jobdesc.__path__, "jobdesc."):
        if ".migrations" in module.name or ".management" in module.name or "locustfile" in module.name:
            continue
        importlib.import_module(module.name)
    found, queue = [], [forms.BaseForm]
    while queue:
        for subclass in queue.pop().__subclasses__():
            queue.append(subclass)
            if subclass.__module__.startswith("jobdesc."):
                found.append(subclass)
    return found


def test_every_form_of_the_app_has_the_input_rules():
    forms_found = app_forms()
    assert len(forms_found) > 20
    assert [form.__qualname__ for form in forms_found if not issubclass(form, InputRules)] == []


def position_data(**changes):
    data = {"title": "Главный бухгалтер", "department": "", "category": Category.SPECIALISTS, "reports_to": ""}
    data.update({f"override_{case}": "" for case in ("gent", "datv", "ablt", "accs")})
    return {**data, **changes}


@pytest.mark.parametrize("title", ["Кассир\r\nBcc: all@example.org", "Кас\x01сир", "Кассир\u2028x"])
def test_a_position_title_with_a_line_break_or_control_character_is_refused(hr_client, title):
    response = hr_client.post(reverse("orgs:position_create"), position_data(title=title))
    assert response.status_code == 200
    assert "одной строкой" in str(response.context["form"].errors["title"])
    assert not Position.objects.filter(title__startswith="Кас").exists()


def test_a_renamed_position_keeps_its_title_when_the_new_one_has_a_line_break(hr_client, position):
    response = hr_client.post(reverse("orgs:position_edit", args=[position.pk]), position_data(title="A\rB"))
    assert response.status_code == 200
    assert 'value="A' in response.content.decode()  # the typed text is shown again
    assert Position.objects.get(pk=position.pk).title == "Менеджер по работе с клиентами"


def test_department_and_employee_names_refuse_line_breaks(hr_client, organisation):
    hr_client.post(reverse("orgs:department_create"), {"name": "Отдел\nпродаж", "code": "", "parent": ""})
    assert not Department.objects.filter(name__contains="Отдел").exists()
    response = hr_client.post(
        reverse("orgs:employee_create"),
        {"full_name": "Сидорова\r\nАнна", "position": "", "hire_date": "2025-03-01", "employment": "main", "rate": "1"},
    )
    assert "full_name" in response.context["form"].errors
    assert not Employee.objects.filter(full_name__startswith="Сидорова").exists()


def test_a_one_line_field_without_its_own_limit_gets_a_sane_one(hr_client):
    response = hr_client.post(reverse("orgs:position_create"), position_data(title="Кассир", override_gent="к" * 301))
    assert "override_gent" in response.context["form"].errors
    assert not Position.objects.filter(title="Кассир").exists()


def clause_data(**changes):
    return {
        "section": SectionKind.objects.get(code="duties").pk,
        "language": "ru",
        "text": "Консультирует клиентов по телефону.",
        "tag_names": "",
        "categories": ["specialists"],
        "profession": "",
        **changes,
    }


def test_a_200_kb_library_clause_is_refused_at_the_form(hr_client):
    response = hr_client.post(reverse("library:add"), clause_data(text="Консультирует клиентов. " * 8500))
    assert response.status_code == 200
    assert "text" in response.context["form"].errors
    assert not Clause.objects.exists()


def test_a_library_clause_may_have_line_breaks_but_not_control_characters(hr_client):
    response = hr_client.post(reverse("library:add"), clause_data(text="Консультирует\x0bклиентов."))
    assert "управляющие символы" in str(response.context["form"].errors["text"])
    hr_client.post(reverse("library:add"), clause_data(text="Консультирует\r\nклиентов."))
    assert Clause.objects.count() == 1


@pytest.fixture
def draft(complete_draft):
    return complete_draft


def _duties(version):
    return version.sections.get(kind__code="duties")


@pytest.mark.parametrize("text", ["Консультирует клиентов. " * 8500, "Консультирует\x07 клиентов."])
def test_the_editor_refuses_an_over_long_clause_or_a_control_character_and_keeps_the_text(hr_client, draft, text):
    before = Item.objects.count()
    url = reverse("instructions:add_item", args=[draft.pk])
    response = hr_client.post(url, {"section": _duties(draft).pk, "text": text}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert Item.objects.count() == before
    assert response.context["error"]
    assert response.context["new_text"] == text


def test_the_editor_refuses_an_over_long_edit(hr_client, draft):
    item = Item.objects.filter(section=_duties(draft)).first()
    url = reverse("instructions:edit_item", args=[draft.pk, item.pk])
    response = hr_client.post(url, {"text": "x" * (CLAUSE_MAX + 1), "revision": item.revision})
    assert response.status_code == 409
    assert Item.objects.get(pk=item.pk).text == item.text


def test_a_nul_character_in_a_search_is_dropped_not_a_server_error(hr_client, approved_version):
    for url in ("instructions:journal", "orgs:positions", "orgs:employees", "library:list"):
        assert hr_client.get(reverse(url), {"q": "Менеджер\x00"}).status_code == 200


def test_a_nul_character_in_a_plain_form_post_is_dropped(hr_client):
    body = urlencode(position_data(title="Кас\x00сир"))
    hr_client.post(reverse("orgs:position_create"), body, content_type="application/x-www-form-urlencoded")
    assert Position.objects.filter(title="Кассир").exists()


def test_a_nul_character_in_an_upload_form_is_refused_with_a_message(hr_client):
    response = hr_client.post(reverse("orgs:position_create"), position_data(title="Кас\x00сир"))
    assert response.status_code == 200 and "title" in response.context["form"].errors
    assert not Position.objects.filter(title__startswith="Кас").exists()
