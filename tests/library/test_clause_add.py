"""Adding a clause to the organisation's own library."""

from django.urls import reverse

from jobdesc.library.models import Clause, SectionKind
from tests.conftest import login

ADD = reverse("library:add")


def data(**changes):
    return {
        "section": SectionKind.objects.get(code="duties").pk,
        "language": "ru",
        "text": "{position}  консультирует клиентов по телефону.",
        "tag_names": "Продажи, колл центр, продажи",
        "categories": ["specialists", "technical"],
        "profession": " Оператор   колл-центра ;; ",
        **changes,
    }


def test_hr_adds_a_clause_of_the_organisation_with_tags(hr_client, organisation):
    response = hr_client.post(ADD, data())
    clause = Clause.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("library:detail", args=[clause.pk])
    assert clause.organisation == organisation
    assert clause.text == "{position} консультирует клиентов по телефону."
    assert sorted(clause.tags.values_list("name", flat=True)) == ["колл-центр", "продажи"]
    assert clause.categories == ["specialists", "technical"]
    assert clause.profession == "Оператор колл-центра"
    assert not clause.standard


def test_a_clause_must_suit_some_category(hr_client, organisation):
    response = hr_client.post(ADD, data(categories=[]))
    assert response.status_code == 200
    assert "categories" in response.context["form"].errors
    assert not Clause.objects.exists()


def test_hr_marks_a_general_clause_standard_for_its_categories(hr_client, organisation):
    hr_client.post(ADD, data(profession="", standard="on", categories=["workers"]))
    clause = Clause.objects.get()
    assert clause.is_general and clause.standard
    assert list(Clause.objects.suiting("workers")) == [clause]
    assert not Clause.objects.suiting("managers").exists()


def test_a_malformed_placeholder_is_refused(hr_client):
    response = hr_client.post(ADD, data(text="{должность} консультирует клиентов."))
    assert response.status_code == 200
    assert "text" in response.context["form"].errors
    assert not Clause.objects.exists()


def test_the_form_is_shown(hr_client):
    response = hr_client.get(ADD)
    assert response.status_code == 200
    assert 'name="tag_names"' in response.content.decode()


def test_another_role_cannot_add(lawyer):
    assert login(lawyer).post(ADD, data()).status_code == 403
    assert not Clause.objects.exists()


def test_an_outsider_adds_to_its_own_organisation_only(outsider_client, outsider, organisation):
    outsider_client.post(ADD, data())
    assert Clause.objects.get().organisation == outsider.organisation != organisation


def test_the_added_clause_s_meaning_is_stored_at_once(hr_client, organisation):
    from jobdesc.library.models import ClauseVector

    hr_client.post(ADD, data())
    assert ClauseVector.objects.filter(clause=Clause.objects.get()).exists()
