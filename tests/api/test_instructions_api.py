"""Instructions through the API: the in-force edition's files, a version's text in the importer's JSON, the journal,
acknowledgement requests, the library search, and what an employee's token may read."""

import io

import docx
import pytest

from jobdesc.instructions.drafting.services import start_draft
from jobdesc.instructions.models import Acknowledgement, Item
from jobdesc.library.importer.documents import Document
from jobdesc.library.models import Clause, SectionKind
from tests.api.conftest import ApiClient, bearer

STAND_IN_PDF = b"%PDF-1.7\n% stand-in for a rendered instruction\n%%EOF\n"


@pytest.fixture
def stored(monkeypatch):
    monkeypatch.setattr("jobdesc.documents.pdf.render_pdf", lambda version: STAND_IN_PDF)


def test_the_in_force_pdf_is_the_stored_file_with_its_hash_as_etag(stored, hr_api, approved_version):
    url = f"/api/v1/instructions/{approved_version.instruction_id}/in-force.pdf"
    response = hr_api.get(url)
    approved_version.refresh_from_db()
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == STAND_IN_PDF
    assert response["ETag"] == f'"{approved_version.pdf_sha256}"'
    assert hr_api.get(url, headers={"If-None-Match": response["ETag"]}).status_code == 304


def test_the_in_force_word_file_opens(stored, hr_api, approved_version):
    response = hr_api.get(f"/api/v1/instructions/{approved_version.instruction_id}/in-force.docx")
    assert response.status_code == 200
    text = "\n".join(paragraph.text for paragraph in docx.Document(io.BytesIO(response.content)).paragraphs)
    assert "Менеджер" in text


def test_an_instruction_without_a_version_in_force_has_no_files(hr_api, complete_draft):
    response = hr_api.get(f"/api/v1/instructions/{complete_draft.instruction_id}/in-force.pdf")
    assert response.status_code == 404 and response["Content-Type"] == "application/problem+json"


def test_a_versions_structure_has_the_importers_form(stored, hr_api, approved_version):
    structure = hr_api.get(f"/api/v1/versions/{approved_version.pk}/structure").json()
    assert set(structure) == set(Document(title="", language="ru", sample=True).as_dict())
    section = structure["sections"][0]
    assert set(section) == {"kind", "heading", "clauses", "items"}
    assert set(section["items"][0]) == {"text", "number", "children"}
    texts = [text for section in structure["sections"] for text in section["clauses"]]
    stored_texts = Item.objects.filter(section__version=approved_version).values_list("text", flat=True)
    assert sorted(texts) == sorted(stored_texts)
    assert structure["sections"][0]["items"][0]["number"] == "1.1"


def test_the_instruction_list_names_the_version_in_force(stored, hr_api, approved_version):
    listed = hr_api.get("/api/v1/instructions", {"in_force": "true"}).json()
    assert listed["items"][0]["in_force_version_id"] == approved_version.pk
    assert hr_api.get("/api/v1/instructions", {"in_force": "false"}).json()["count"] == 0


def test_the_journal_filters_like_its_page(stored, hr_api, approved_version):
    rows = hr_api.get("/api/v1/journal", {"status": "approved"}).json()
    assert rows["count"] == 1 and rows["items"][0]["version_id"] == approved_version.pk
    assert rows["items"][0]["registered_on"] == approved_version.journal_entry.registered_on.isoformat()
    assert hr_api.get("/api/v1/journal", {"status": "withdrawn"}).json()["count"] == 0
    assert hr_api.get("/api/v1/journal", {"year": 2001}).json()["count"] == 0


def test_acknowledgement_requests_and_their_statuses(stored, hr_api, employee_user, approved_version):
    ack = Acknowledgement.objects.get(version=approved_version)
    rows = hr_api.get("/api/v1/acknowledgements", {"status": "pending"}).json()
    assert [row["id"] for row in rows["items"]] == [ack.pk]
    assert rows["items"][0]["employee"] == ack.employee.full_name
    assert hr_api.get("/api/v1/acknowledgements", {"status": "signed"}).json()["count"] == 0
    assert hr_api.get(f"/api/v1/acknowledgements/{ack.pk}").json()["status"] == "pending"


def test_an_employees_token_reads_only_the_versions_in_force_of_their_own_post(
    stored, approved_version, complete_draft, employee_user
):
    api = ApiClient(bearer(employee_user))
    assert [row["id"] for row in api.get("/api/v1/versions").json()["items"]] == [approved_version.pk]
    assert api.get(f"/api/v1/instructions/{approved_version.instruction_id}/in-force.pdf").status_code == 200
    assert api.get("/api/v1/employees").status_code == 403
    assert api.get("/api/v1/instructions").status_code == 403


def test_the_library_search_finds_a_clause_by_a_word_in_another_form(hr_api, organisation):
    duties = SectionKind.objects.get(code="duties")
    found = Clause.objects.create(organisation=organisation, section=duties, text="Ведёт переговоры с клиентами.")
    Clause.objects.create(organisation=organisation, section=duties, text="Составляет отчёты.")
    rows = hr_api.get("/api/v1/clauses", {"q": "клиентов", "section": "duties"}).json()
    assert found.pk in [row["id"] for row in rows["items"]]
    assert all("клиент" in row["text"] for row in rows["items"])
    assert rows["items"][0]["own"] is True
    assert hr_api.get("/api/v1/clauses", {"section": "no-such-section"}).json()["count"] == 0
    assert hr_api.get(f"/api/v1/clauses/{found.pk}").json()["text"] == found.text


def test_the_library_says_how_often_the_organisation_uses_each_clause(hr_api, organisation, position):
    duties = SectionKind.objects.get(code="duties")
    used = Clause.objects.create(organisation=organisation, section=duties, text="Ведёт переговоры с клиентами.")
    unused = Clause.objects.create(organisation=organisation, section=duties, text="Составляет отчёты.")
    start_draft(position=position, clause_ids=[used.pk])
    uses = {row["id"]: row["uses"] for row in hr_api.get("/api/v1/clauses", {"section": "duties"}).json()["items"]}
    assert (uses[used.pk], uses[unused.pk]) == (1, 0)
    assert hr_api.get(f"/api/v1/clauses/{used.pk}").json()["uses"] == 1
    assert hr_api.get(f"/api/v1/clauses/{unused.pk}").json()["uses"] == 0
