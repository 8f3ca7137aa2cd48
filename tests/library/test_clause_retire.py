"""Retiring a clause and using it again; a retired clause stays in the instructions that use it."""

from django.urls import reverse

from jobdesc.instructions.drafting.services import start_draft
from jobdesc.instructions.models import Item
from tests.conftest import login


def retire(clause):
    return reverse("library:retire", args=[clause.pk])


def restore(clause):
    return reverse("library:restore", args=[clause.pk])


def test_hr_retires_a_clause_and_the_instruction_keeps_it(hr_client, position, own_clause):
    version = start_draft(position=position, clause_ids=[own_clause.pk])
    response = hr_client.post(retire(own_clause))
    own_clause.refresh_from_db()
    assert response.status_code == 302
    assert not own_clause.is_active
    assert Item.objects.get(section__version=version).clause == own_clause


def test_hr_uses_a_retired_clause_again(hr_client, own_clause):
    own_clause.is_active = False
    own_clause.save()
    hr_client.post(restore(own_clause))
    own_clause.refresh_from_db()
    assert own_clause.is_active


def test_the_shared_library_cannot_be_retired(hr_client, shared_clause):
    assert hr_client.post(retire(shared_clause)).status_code == 403
    shared_clause.refresh_from_db()
    assert shared_clause.is_active


def test_retiring_needs_a_post(hr_client, own_clause):
    assert hr_client.get(retire(own_clause)).status_code == 405


def test_another_role_cannot_retire(lawyer, own_clause):
    assert login(lawyer).post(retire(own_clause)).status_code == 403
    own_clause.refresh_from_db()
    assert own_clause.is_active


def test_an_outsider_gets_not_found(outsider_client, own_clause):
    assert outsider_client.post(retire(own_clause)).status_code == 404
    own_clause.refresh_from_db()
    assert own_clause.is_active
