"""Editing a clause: the organisation's own in place, a shared one as the organisation's own copy."""

from django.urls import reverse

from jobdesc.instructions.drafting.services import start_draft
from jobdesc.instructions.models import Item
from jobdesc.library.models import Clause
from tests.conftest import login


def edit(clause):
    return reverse("library:edit", args=[clause.pk])


def data(clause, text):
    return {
        "section": clause.section_id,
        "language": clause.language,
        "text": text,
        "tag_names": "продажи",
        "categories": clause.categories,
        "profession": clause.profession,
    }


def test_hr_edits_the_organisation_s_clause_and_the_instructions_keep_their_text(hr_client, position, own_clause):
    version = start_draft(position=position, clause_ids=[own_clause.pk])
    response = hr_client.post(edit(own_clause), data(own_clause, "Консультирует клиентов."))
    own_clause.refresh_from_db()
    assert response.status_code == 302
    assert own_clause.text == "Консультирует клиентов."
    assert Item.objects.get(section__version=version).text == "Консультирует клиентов по ассортименту и ценам."


def test_editing_a_shared_clause_makes_the_organisation_s_copy(hr_client, organisation, shared_clause):
    response = hr_client.post(edit(shared_clause), data(shared_clause, "Запрашивать нужную информацию."))
    copy = Clause.objects.get(organisation=organisation)
    shared_clause.refresh_from_db()
    assert response["Location"] == reverse("library:detail", args=[copy.pk])
    assert copy.text == "Запрашивать нужную информацию."
    assert copy.source == shared_clause.source
    assert shared_clause.text == "Запрашивать информацию, необходимую для выполнения своих обязанностей."


def test_the_copy_form_starts_from_the_shared_text(hr_client, shared_clause):
    form = hr_client.get(edit(shared_clause)).context["form"]
    assert form.initial["text"] == shared_clause.text
    assert form.initial["tag_names"] == "менеджер-по-продажам"


def test_another_role_cannot_edit(lawyer, own_clause):
    assert login(lawyer).post(edit(own_clause), data(own_clause, "Другое.")).status_code == 403


def test_an_outsider_gets_not_found(outsider_client, own_clause):
    assert outsider_client.get(edit(own_clause)).status_code == 404
    assert outsider_client.post(edit(own_clause), data(own_clause, "Другое.")).status_code == 404
    own_clause.refresh_from_db()
    assert own_clause.text == "Консультирует клиентов по ассортименту и ценам."
