"""Bad input answers with a message or a 404, never a server error, and changes nothing."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from jobdesc import input_rules
from jobdesc.documents.docx import render_docx
from jobdesc.instructions.models import Acknowledgement, Instruction, Item
from tests.conftest import approve_through_workflow

DOCUMENT_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
    "<w:p><w:r><w:t>ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ</w:t></w:r></w:p>"
    "<w:p><w:r><w:t>1. Общие положения</w:t></w:r></w:p>"
)
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="word/document.xml"/></Relationships>'
)
LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{n} "{("&lol" + (str(n - 1) if n > 1 else "") + ";") * 10}">' for n in range(1, 10))
    + ']><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
    "<w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"
)


def word_file(parts: dict) -> bytes:
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return output.getvalue()


MALFORMED = {
    "truncated XML": word_file(
        {"[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": RELS, "word/document.xml": DOCUMENT_XML}
    ),
    "no content types": word_file({"_rels/.rels": RELS, "word/document.xml": DOCUMENT_XML + "</w:body></w:document>"}),
    "entity expansion": word_file(
        {"[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": RELS, "word/document.xml": LAUGHS}
    ),
    "truncated archive": word_file(
        {"[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": RELS, "word/document.xml": DOCUMENT_XML}
    )[:-40],
    "not a zip": b"PK\x03\x04 this is not a zip at all",
}


@pytest.mark.parametrize("name", MALFORMED)
def test_a_malformed_word_file_is_refused_with_a_message(hr_client, position, name):
    upload = SimpleUploadedFile("instruction.docx", MALFORMED[name])
    response = hr_client.post(reverse("instructions:start", args=[position.pk]), {"method": "import", "file": upload})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not Instruction.objects.filter(position=position).exists()


@pytest.mark.parametrize("section", ["abc", "1.5", "99999999999999999999999", "-1", ""])
def test_a_non_numeric_or_unknown_section_id_is_refused_with_a_message(hr_client, complete_draft, section):
    before = Item.objects.count()
    url = reverse("instructions:add_item", args=[complete_draft.pk])
    response = hr_client.post(url, {"section": section, "text": "Новый пункт."}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert Item.objects.count() == before
    response = hr_client.post(url, {"section": section, "text": "Новый пункт."})
    assert response.status_code == 400
    assert Item.objects.count() == before
    reorder = hr_client.post(reverse("instructions:reorder", args=[complete_draft.pk]), {"section": section})
    assert reorder.status_code in (200, 302)


def test_a_section_of_another_organisations_draft_is_refused(hr_client, complete_draft, other_organisation, outsider):
    from jobdesc.instructions.drafting.services import start_draft
    from jobdesc.orgs.models import Position

    cashier = Position.objects.create(organisation=other_organisation, title="Кассир")
    foreign = start_draft(position=cashier, user=outsider)
    section = foreign.sections.first()
    url = reverse("instructions:add_item", args=[complete_draft.pk])
    hr_client.post(url, {"section": section.pk, "text": "Чужой пункт."})
    assert not Item.objects.filter(section=section).exists()


@pytest.mark.parametrize("year", ["99999999999", "0", "10000", "２０２６", "-1", "2026\x00"])
def test_the_journal_answers_any_year(hr_client, year):
    for url in (reverse("instructions:journal"), reverse("instructions:journal_export", args=["csv"])):
        assert hr_client.get(url, {"year": year}).status_code == 200


def test_a_clause_with_a_control_character_already_stored_still_renders_as_docx(
    complete_draft, hr, lawyer, approver, hr_client
):
    item = Item.objects.filter(section__version=complete_draft).first()
    Item.objects.filter(pk=item.pk).update(text="Ведёт\x0b базу\x01 клиентов.")
    complete_draft.refresh_from_db()
    content = render_docx(complete_draft)
    text = zipfile.ZipFile(io.BytesIO(content)).read("word/document.xml").decode()
    assert "Ведёт базу клиентов." in text
    response = hr_client.get(reverse("documents:version_docx", args=[complete_draft.pk]))
    assert response.status_code == 200


def test_a_stale_delete_does_not_remove_a_clause_another_editor_just_rewrote(hr_client, complete_draft, hr):
    from jobdesc.instructions.editing import services as editing

    item = Item.objects.filter(section__version=complete_draft).first()
    seen_revision = item.revision
    editing.edit_item(
        version=complete_draft, user=hr, item_id=item.pk, text="Переписано другим.", revision=seen_revision
    )
    url = reverse("instructions:item_action", args=[complete_draft.pk, item.pk, "delete"])
    response = hr_client.post(url, {"revision": seen_revision}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert Item.objects.get(pk=item.pk).text == "Переписано другим."
    # With the revision the page showed after the change, the delete goes through.
    hr_client.post(url, {"revision": seen_revision + 1}, HTTP_HX_REQUEST="true")
    assert not Item.objects.filter(pk=item.pk).exists()


def test_an_approved_version_with_a_control_character_renders(position, hr, lawyer, approver, hr_client):
    from jobdesc.instructions.drafting.services import start_draft
    from tests.conftest import COMPLETE_SECTIONS

    version = start_draft(position=position, user=hr, sections=COMPLETE_SECTIONS)
    Item.objects.filter(section__version=version).update(text="Текст\x1b пункта.")
    version = approve_through_workflow(version, hr, [lawyer], approver)
    assert hr_client.get(reverse("documents:version_docx", args=[version.pk])).status_code == 200


def test_removing_a_section_of_another_draft_is_refused_with_a_message(hr_client, complete_draft, other_organisation):
    from jobdesc.instructions.drafting.services import start_draft
    from jobdesc.instructions.models import Section
    from jobdesc.orgs.models import Position
    from tests.conftest import make_user

    outsider = make_user(other_organisation, "outsider-hr", None)
    cashier = Position.objects.create(organisation=other_organisation, title="Кассир")
    foreign = start_draft(position=cashier, user=outsider).sections.first()
    url = reverse("instructions:remove_section", args=[complete_draft.pk, foreign.pk])
    response = hr_client.post(url)
    assert response.status_code == 302
    assert Section.objects.filter(pk=foreign.pk).exists()


def test_a_path_id_no_column_can_hold_is_not_found(hr_client):
    """Any page with a row id in its path: 2**63 answers 404 (SQLite would raise OverflowError)."""
    assert hr_client.get(f"/instructions/acknowledgements/requests/{2**63}/refusal-act.pdf").status_code == 404
    assert hr_client.get(f"/instructions/version/{2**63}/").status_code == 404


def test_a_chosen_clause_id_no_column_can_hold_is_an_invalid_choice(hr_client):
    """A model choice posted as 10**30 is refused by the form like an unknown clause, not a server error."""
    response = hr_client.post(reverse("library:duplicates_merge"), {"keep": "1", "retire": ["9" * 30]})
    assert response.status_code == 302


# A query's or a form's id that no column can hold, or that only looks like digits: «²» passes str.isdigit.
NOT_IDS = ["9" * 19, "9" * 20, "9" * 30, str(2**63), "²", "0", "-3"]


@pytest.mark.parametrize("value", NOT_IDS)
def test_a_filter_by_an_id_no_column_can_hold_lists_or_is_not_found(hr_client, employee_user, approved_version, value):
    """The campaign, its sheet, the dashboard and the journal read their department and position ids one way."""
    campaign = Acknowledgement.objects.get(employee__user=employee_user).campaign
    pages = {
        reverse("instructions:campaign", args=[campaign.pk]): ({"department": value}, {200}),
        reverse("instructions:campaign_sheet", args=[campaign.pk]): ({"department": value}, {404}),
        reverse("instructions:ack_dashboard"): ({"department": value, "position": value}, {200}),
        reverse("instructions:journal"): ({"department": value, "year": value}, {200}),
    }
    for url, (query, statuses) in pages.items():
        assert hr_client.get(url, query).status_code in statuses, url


@pytest.mark.parametrize("value", NOT_IDS)
def test_ticked_rows_no_column_can_hold_are_left_out_with_a_message(hr_client, employee_user, approved_version, value):
    ack = Acknowledgement.objects.get(employee__user=employee_user)
    before = list(Acknowledgement.objects.values_list("pk", "status", "due_date", "reminded_at"))
    posts = [  # The campaign shows its page again with the form as it was sent; the others go back to their list.
        (reverse("instructions:campaign_bulk", args=[ack.campaign.pk]), {"ack": [value], "action": "remind"}, 400),
        (reverse("instructions:remind"), {"ack": [value]}, 200),
        (reverse("orgs:invite"), {"employee": [value]}, 200),
        (reverse("orgs:invitation_action"), {"invitation": [value], "action": "revoke"}, 200),
        (reverse("outbox:retry_messages"), {"message": [value]}, 200),
    ]
    for url, data, status in posts:
        response = hr_client.post(url, data, follow=True)
        assert response.status_code == status, url
        assert [m.level_tag for m in response.context["messages"]] == ["error"], url
    assert list(Acknowledgement.objects.values_list("pk", "status", "due_date", "reminded_at")) == before


def test_the_ids_among_posted_values_are_the_numbers_a_column_can_hold():
    assert input_rules.as_ids(["12", "x", "9" * 20, str(2**63 - 1), "²", "0", "-1", "", "7"]) == [12, 2**63 - 1, 7]
