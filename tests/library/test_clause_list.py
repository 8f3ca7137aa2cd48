"""The library page: what each organisation sees, the filters, search as you type, pages and query count."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from jobdesc.instructions.drafting.services import start_draft
from jobdesc.library.models import Clause, SectionKind, Tag
from jobdesc.orgs.models import Organisation, Position
from tests.conftest import login

LIST = reverse("library:list")


def texts(response):
    return [clause.text for clause in response.context["page"]]


def test_hr_sees_the_shared_library_and_the_organisation_s_own_clauses(
    hr_client, shared_clause, own_clause, foreign_clause
):
    response = hr_client.get(LIST)
    assert response.status_code == 200
    assert set(texts(response)) == {shared_clause.text, own_clause.text}
    assert "свой" in response.content.decode()


def test_another_role_of_the_organisation_is_refused(lawyer, shared_clause):
    assert login(lawyer).get(LIST).status_code == 403


def test_an_outsider_sees_the_shared_library_but_not_this_organisation_s_clauses(
    outsider_client, shared_clause, own_clause, foreign_clause
):
    assert set(texts(outsider_client.get(LIST))) == {shared_clause.text, foreign_clause.text}


def test_it_filters_by_section_language_tag_and_source(hr_client, shared_clause, own_clause):
    estonian = Clause.objects.create(
        section=SectionKind.objects.get(code="duties"), language="et", text="Nõustab kliente."
    )
    assert texts(hr_client.get(LIST, {"section": "rights"})) == [shared_clause.text]
    assert texts(hr_client.get(LIST, {"language": "et"})) == [estonian.text]
    assert texts(hr_client.get(LIST, {"tag": "менеджер-по-продажам"})) == [shared_clause.text]
    assert texts(hr_client.get(LIST, {"source": "004_b98b6384fc5f5fab.txt"})) == [shared_clause.text]


def test_it_searches_the_text(hr_client, shared_clause, own_clause):
    assert texts(hr_client.get(LIST, {"q": "клиентов"})) == [own_clause.text]


def test_an_invalid_filter_is_marked_and_the_other_filters_and_the_query_still_apply(
    hr_client, shared_clause, own_clause
):
    response = hr_client.get(LIST, {"q": "клиентов", "section": "nonexistent", "status": "bogus"})
    assert response.status_code == 200
    assert texts(response) == [own_clause.text]
    assert set(response.context["form"].errors) == {"section", "status"}
    assert 'value="клиентов"' in response.content.decode()


def test_search_as_you_type_returns_only_the_results(hr_client, shared_clause, own_clause):
    response = hr_client.get(LIST, {"q": "ИНФОРМАЦИЮ"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="clause-results")
    assert [template.name for template in response.templates][0] == "library/_clause_results.html"
    assert shared_clause.text in response.content.decode()
    assert "<html" not in response.content.decode()


def test_retired_clauses_are_listed_only_when_asked_for(hr_client, own_clause):
    own_clause.is_active = False
    own_clause.save()
    assert texts(hr_client.get(LIST)) == []
    assert texts(hr_client.get(LIST, {"status": "retired"})) == [own_clause.text]
    assert texts(hr_client.get(LIST, {"status": "all"})) == [own_clause.text]


def test_it_counts_the_uses_in_the_organisation_s_instructions(hr_client, position, own_clause, shared_clause):
    start_draft(position=position, clause_ids=[own_clause.pk, shared_clause.pk])
    # Another organisation's instruction with the shared clause is not counted.
    elsewhere = Position.objects.create(organisation=Organisation.objects.create(inn="7701000009"), title="Кассир")
    start_draft(position=elsewhere, clause_ids=[shared_clause.pk])
    response = hr_client.get(LIST)
    assert response.context["uses"] == {own_clause.pk: 1, shared_clause.pk: 1}
    used = re.findall(r'<td class="text-end">(\d+)</td>', response.content.decode())
    assert used == ["1", "1"]


def test_a_clause_nobody_uses_shows_none(hr_client, own_clause):
    response = hr_client.get(LIST)
    assert response.context["uses"] == {}
    assert re.findall(r'<td class="text-end">(\d+)</td>', response.content.decode()) == ["0"]


def test_tags_are_listed_with_each_clause_by_name(hr_client, shared_clause, own_clause):
    shared_clause.tags.add(Tag.objects.create(name="аналитика"))
    own_clause.tags.add(Tag.objects.create(name="я-последний"), Tag.objects.create(name="бухгалтерия"))
    tags = hr_client.get(LIST).context["tags"]
    assert tags == {
        shared_clause.pk: ["аналитика", "менеджер-по-продажам"],
        own_clause.pk: ["бухгалтерия", "я-последний"],
    }


def test_it_shows_the_library_page_by_page(hr_client, db):
    duties = SectionKind.objects.get(code="duties")
    Clause.objects.bulk_create(Clause(section=duties, text=f"Пункт номер {n:02}.") for n in range(30))
    first, second = hr_client.get(LIST), hr_client.get(LIST, {"page": 2})
    assert len(first.context["page"]) == 25
    assert texts(second)[-1] == "Пункт номер 29."


def test_the_number_of_queries_does_not_grow_with_the_clauses(hr_client, db):
    duties = SectionKind.objects.get(code="duties")
    tag = Tag.objects.create(name="продажи")

    def queries():
        with CaptureQueriesContext(connection) as context:
            assert hr_client.get(LIST).status_code == 200
        return len(context)

    Clause.objects.create(section=duties, text="Первый пункт.").tags.add(tag)
    few = queries()
    for n in range(10):
        Clause.objects.create(section=duties, text=f"Пункт {n}.").tags.add(tag)
    assert queries() == few


@pytest.mark.django_db
def test_an_anonymous_visitor_is_sent_to_log_in(client):
    response = client.get(LIST)
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_it_filters_by_the_category_a_clause_suits_and_by_general_or_profession(hr_client, db):
    duties = SectionKind.objects.get(code="duties")
    general = Clause.objects.create(section=duties, text="Соблюдает правила охраны труда.")
    workers_only = Clause.objects.create(section=duties, text="Моет полы.", profession="Уборщик")
    workers_only.categories = ["workers"]
    workers_only.save()
    assert texts(hr_client.get(LIST, {"category": "managers"})) == [general.text]
    assert set(texts(hr_client.get(LIST, {"category": "workers"}))) == {general.text, workers_only.text}
    assert texts(hr_client.get(LIST, {"scope": "general"})) == [general.text]
    assert texts(hr_client.get(LIST, {"scope": "profession"})) == [workers_only.text]
    page = hr_client.get(LIST).content.decode()
    assert "Уборщик" in page and "любой должности" in page
