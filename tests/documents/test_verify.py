"""The public verification page: what a printed code stands for, and whether an uploaded PDF is the genuine one."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from jobdesc.documents import verification
from jobdesc.documents.pdf import store_pdf
from jobdesc.instructions.models import Version
from jobdesc.instructions.workflow import services as workflow
from tests.conftest import PASSWORD


@pytest.fixture
def stored(approved_version):
    store_pdf(approved_version)
    return Version.objects.get(pk=approved_version.pk)


def verify_url(version):
    return reverse("documents:verify", args=[verification.code_for(version)])


def test_a_code_is_ten_unambiguous_characters_that_lead_back_to_the_version(stored):
    code = verification.code_for(stored)
    assert len(code) == 10
    assert set(code) <= set(verification.ALPHABET)
    assert verification.pk_from_code(code) == stored.pk
    assert verification.version_for_code(code.lower()) == stored


def test_codes_do_not_reveal_the_sequence_of_ids():
    codes = [verification.code_for_pk(pk) for pk in range(1, 6)]
    assert len({code[:4] for code in codes}) > 1
    assert [verification.pk_from_code(code) for code in codes] == [1, 2, 3, 4, 5]


def test_a_mistyped_code_is_refused(stored):
    code = verification.code_for(stored)
    wrong = code[:-1] + ("0" if code[-1] != "0" else "1")
    assert verification.pk_from_code(wrong) is None
    assert verification.pk_from_code("short") is None
    assert verification.pk_from_code("UUUUUUUUUU") is None


def test_a_draft_has_no_code(complete_draft):
    assert verification.code_for(complete_draft) == ""
    assert verification.version_for_code(verification.code_for_pk(complete_draft.pk)) is None


def test_anyone_sees_the_instruction_version_status_and_hash(client, stored, organisation):
    response = client.get(verify_url(stored))
    assert response.status_code == 200
    page = response.content.decode()
    assert organisation.full_name.replace("«", "&laquo;") in page or organisation.full_name in page
    assert "Менеджер по работе с клиентами" in page
    assert stored.pdf_sha256 in page
    assert f"№ {stored.journal_entry.number}" in page
    assert str(stored.get_status_display()) in page


def test_a_superseded_version_shows_its_new_status(client, stored, hr, lawyer, approver):
    draft = workflow.new_version(version=stored, user=hr)
    workflow.submit(version=draft, user=hr, officials=[lawyer])
    workflow.agree(version=draft, user=lawyer)
    workflow.approve(version=draft, user=approver, password=PASSWORD)
    stored.refresh_from_db()
    response = client.get(verify_url(stored))
    assert str(stored.get_status_display()) in response.content.decode()


def test_the_genuine_pdf_is_recognised(client, stored):
    upload = SimpleUploadedFile("copy.pdf", stored.pdf.read(), content_type="application/pdf")
    response = client.post(verify_url(stored), {"file": upload}, HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 200
    assert response.context["result"].genuine
    assert "Подлинный: файл в точности совпадает" in response.content.decode()


def test_an_altered_pdf_is_not_genuine(client, stored):
    original = stored.pdf.read()
    # An incremental update, the way an editor adds a change to the end of a PDF.
    data = original + b"\n% changed after approval\n"
    response = client.post(verify_url(stored), {"file": SimpleUploadedFile("copy.pdf", data)})
    assert response.status_code == 200
    assert not response.context["result"].genuine
    assert response.context["result"].sha256 in response.content.decode()


def test_nothing_uploaded_is_kept(client, stored, settings):
    before = sorted(p.name for p in (settings.MEDIA_ROOT).rglob("*"))
    client.post(verify_url(stored), {"file": SimpleUploadedFile("copy.pdf", b"%PDF-1.7 not really")})
    assert sorted(p.name for p in (settings.MEDIA_ROOT).rglob("*")) == before


def test_a_file_over_ten_megabytes_is_refused(client, stored, monkeypatch):
    monkeypatch.setattr(verification, "UPLOAD_LIMIT", 1024)
    monkeypatch.setattr("jobdesc.documents.forms.UPLOAD_LIMIT", 1024)
    response = client.post(verify_url(stored), {"file": SimpleUploadedFile("big.pdf", b"x" * 2048)})
    assert response.status_code == 400
    assert response.context["result"] is None
    assert response.context["form"].errors["file"]


def test_an_unknown_code_answers_not_found(client, stored):
    assert client.get(reverse("documents:verify", args=["0000000000"])).status_code == 404


def test_a_request_larger_than_the_limit_is_refused_before_it_is_read(client, stored):
    response = client.post(verify_url(stored), {"file": SimpleUploadedFile("x.pdf", b"x")}, CONTENT_LENGTH=11 * 2**20)
    assert response.status_code == 413


@pytest.mark.parametrize("announced", ["abc", "12x", "-", " "])
def test_a_length_that_is_not_a_number_reads_no_body_and_shows_the_page_again(client, stored, announced):
    response = client.post(verify_url(stored), {"file": SimpleUploadedFile("x.pdf", b"x")}, CONTENT_LENGTH=announced)
    assert response.status_code == 200
    assert response.context["result"] is None and not response.context["form"].is_bound


def test_the_qr_code_of_a_verification_address_is_encoded_once_and_reused(monkeypatch):
    made = []
    original = verification.segno.make

    def counting(*args, **kwargs):
        made.append(args[0])
        return original(*args, **kwargs)

    monkeypatch.setattr(verification.segno, "make", counting)
    verification.qr_data_uri.cache_clear()
    first = verification.qr_data_uri("https://jobdesc.example.org/verify/0123456789/")
    again = verification.qr_data_uri("https://jobdesc.example.org/verify/0123456789/")
    other = verification.qr_data_uri("https://jobdesc.example.org/verify/ABCDEFGHJK/")
    assert first == again != other
    assert made == ["https://jobdesc.example.org/verify/0123456789/", "https://jobdesc.example.org/verify/ABCDEFGHJK/"]
    assert first.startswith("data:image/png;base64,")
