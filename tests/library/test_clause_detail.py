"""One clause of the library and the instruction versions of the organisation that use it."""

from django.urls import reverse

from jobdesc.instructions.drafting.services import start_draft
from tests.conftest import login


def detail(clause):
    return reverse("library:detail", args=[clause.pk])


def test_hr_sees_the_clause_and_where_it_is_used(hr_client, position, shared_clause):
    start_draft(position=position, clause_ids=[shared_clause.pk])
    response = hr_client.get(detail(shared_clause))
    assert response.status_code == 200
    (usage,) = response.context["usages"]
    assert usage.section.version.instruction.position == position
    assert "Менеджер по работе с клиентами" in response.content.decode()


def test_uses_in_another_organisation_are_not_shown(outsider_client, position, shared_clause):
    start_draft(position=position, clause_ids=[shared_clause.pk])
    response = outsider_client.get(detail(shared_clause))
    assert response.status_code == 200
    assert list(response.context["usages"]) == []


def test_another_role_is_refused(lawyer, own_clause):
    assert login(lawyer).get(detail(own_clause)).status_code == 403


def test_an_outsider_gets_not_found_for_the_organisation_s_own_clause(outsider_client, own_clause):
    assert outsider_client.get(detail(own_clause)).status_code == 404
