"""The edition, its dates and the two kinds of original, read back from the PDFs.

Paper original: a clean form for ink (empty signature and date lines, a sheet with rows for the
post's head count, no electronic marks). Electronic original: the approval and each visa as the
mark of an electronic signature, PDF/A-1A, and the acknowledgements listed in a copy of today.
"""

import datetime
import io
import os
import re
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from docx import Document as WordDocument
from lxml import etree

from jobdesc.documents import archive, edition, pdf, verification
from jobdesc.documents.docx import render_docx
from jobdesc.documents.models import ExternalSignature
from jobdesc.instructions.acknowledgements import services as acknowledgements
from jobdesc.instructions.models import Acknowledgement, Version
from jobdesc.instructions.workflow import services as workflow
from jobdesc.orgs.models import OriginalMode
from tests.conftest import PASSWORD, login, pdf_after_commit
from tests.documents import signing
from tests.documents.pdf_reading import page_texts, pdfa_identification, read_pdf

MARK = "ДОКУМЕНТ ПОДПИСАН ЭЛЕКТРОННОЙ ПОДПИСЬЮ"
BLANK_DATE = "«___» ____________ 20__ г."


def flat(data: bytes) -> str:
    return " ".join(" ".join(page_texts(data)).split())


def stored(version) -> bytes:
    version = Version.objects.get(pk=version.pk)
    with version.pdf.open("rb") as file:
        return file.read()


def dump(name: str, data: bytes) -> None:
    """Keep a rendering to look at (pdftoppm) when JOBDESC_PDF_DIR names a folder."""
    folder = os.environ.get("JOBDESC_PDF_DIR")
    if folder:
        Path(folder, name).write_bytes(data)


@pytest.fixture
def electronic_org(organisation):
    organisation.original_mode = OriginalMode.ELECTRONIC
    organisation.save()
    return organisation


def approve(draft, hr, lawyer, approver, effective=None):
    workflow.submit(version=draft, user=hr, officials=[lawyer])
    workflow.agree(version=draft, user=lawyer)
    # The stored PDF is written by the worker's task after the approval commits.
    with pdf_after_commit():
        version = workflow.approve(version=draft, user=approver, password=PASSWORD, effective_date=effective)
    version.refresh_from_db()
    return version


@pytest.mark.pdf
def test_the_paper_original_is_a_clean_form_for_ink(complete_draft, hr, lawyer, approver, position):
    position.rates = Decimal("11.5")
    position.save()
    effective = timezone.localdate() + datetime.timedelta(days=10)
    version = approve(complete_draft, hr, lawyer, approver, effective)
    data = stored(version)
    dump("paper.pdf", data)
    text = flat(data)
    assert version.original_mode == OriginalMode.PAPER
    assert "Редакция 1" in text and "Взамен" not in text
    assert f"Вводится в действие с {effective:%d.%m.%Y}" in text
    entry = version.journal_entry
    assert f"{entry.registered_on:%d.%m.%Y} № {entry.number}" in text
    # The approver's and the visa's dates are left for ink; no electronic mark anywhere.
    assert text.count(BLANK_DATE) == 2
    assert "ПОДПИСАН" not in text and "электронн" not in text.lower()
    # The drafter's line carries the date the draft was sent for agreement.
    sent = timezone.localtime(version.submitted_at)
    assert re.search(rf"Проект подготовил\(а\): О\. Смирнова ?{sent:%d\.%m\.%Y}", text)
    # The sheet has a row for each of the 12 staff units and ten more for those who come later.
    sheet = " ".join(page_texts(data)[-2:])
    numbers = [int(n) for n in re.findall(r"^\s*(\d+)\s*$", sheet, re.M)]
    assert max(numbers) == 22
    assert pdfa_identification(data) == ("3", "B")


@pytest.mark.pdf
def test_the_electronic_original_prints_each_signature_as_its_mark(
    electronic_org, complete_draft, hr, lawyer, approver
):
    version = approve(complete_draft, hr, lawyer, approver)
    data = stored(version)
    dump("electronic.pdf", data)
    text = flat(data)
    assert version.original_mode == OriginalMode.ELECTRONIC
    assert text.count(MARK) == 2  # the approval and the one visa
    assert "Подписант: С. Петров" in text and "Подписант: А. Кузнецов" in text
    assert "Простая электронная подпись" in text
    assert "Идентификатор: учётная запись director" in text and "учётная запись lawyer" in text
    approved = timezone.localtime(version.approved_at)
    assert f"Время подписания: {approved:%d.%m.%Y %H:%M} (UTC+03:00)" in text
    assert BLANK_DATE not in text
    assert "Редакция 1" in text and f"Вводится в действие с {timezone.localdate():%d.%m.%Y}" in text
    # The record cannot list the acknowledgements: employees sign this very file afterwards.
    assert "их перечень печатается в копии" in text
    assert pdfa_identification(data) == ("1", "A")
    info = read_pdf(data).metadata
    assert info["/Title"].startswith("Должностная инструкция") and info["/Author"] == electronic_org.short_name
    assert read_pdf(data).trailer["/Root"]["/Lang"] == "ru"


@pytest.mark.pdf
def test_a_copy_of_today_lists_the_electronic_acknowledgements(
    electronic_org, complete_draft, hr, lawyer, approver, employee_user
):
    version = approve(complete_draft, hr, lawyer, approver)
    record = stored(version)
    ack = Acknowledgement.objects.get(version=version, employee__user=employee_user)
    acknowledgements.sign(acknowledgement_id=ack.pk, user=employee_user, password=PASSWORD)
    ack.refresh_from_db()
    copy = pdf.render_pdf(version, copy=True)
    dump("electronic-copy.pdf", copy)
    text = flat(copy)
    assert "Иванов Иван Иванович" in text and "Подписант: И.И. Иванов" in text
    assert f"Отпечаток документа: {ack.fingerprint}" in text
    assert "учётная запись manager" in text
    assert text.count(MARK) == 3
    assert "Копия на " in text and "Подлинник — электронный документ" in text
    assert pdfa_identification(copy) == ("1", "A")
    assert stored(version) == record  # the record stays as approved


@pytest.mark.pdf
def test_the_next_edition_names_the_one_it_replaces_and_a_copy_of_the_old_one_says_it_is_not_in_force(
    approved_version, hr, lawyer, approver
):
    first = Version.objects.get(pk=approved_version.pk)
    first_record = stored(first)
    second = workflow.new_version(version=first, user=hr)
    effective = timezone.localdate() + datetime.timedelta(days=3)
    second = approve(second, hr, lawyer, approver, effective)
    text = flat(stored(second))
    assert "Редакция 2" in text
    assert f"Взамен редакции 1 от {first.journal_entry.registered_on:%d.%m.%Y}" in text
    copy = pdf.render_pdf(first, copy=True)
    dump("superseded-copy.pdf", copy)
    note = (
        f"Не действует: заменена редакцией 2 от {second.journal_entry.registered_on:%d.%m.%Y}, "
        f"введённой в действие с {effective:%d.%m.%Y}"
    )
    assert note in flat(copy)
    assert "Подлинник — на бумаге" in flat(copy)
    # The stored PDF of record is never re-rendered: it stays as approved, with no such note.
    assert stored(first) == first_record and "Не действует" not in flat(first_record)


@pytest.mark.pdf
def test_a_withdrawn_editions_copy_says_so(approved_version, approver):
    workflow.withdraw(version=approved_version, user=approver, reason="Должность сокращена")
    text = flat(pdf.render_pdf(approved_version, copy=True))
    assert f"Не действует: инструкция отменена {timezone.localdate():%d.%m.%Y}" in text


@pytest.mark.pdf
def test_a_draft_has_no_copy_and_prints_blank_lines(complete_draft):
    text = flat(pdf.render_pdf(complete_draft))
    assert "ПРОЕКТ" in text and "Редакция 1" in text and "ПОДПИСАН" not in text
    with pytest.raises(pdf.RenderError):
        pdf.render_pdf(complete_draft, copy=True)


@pytest.mark.pdf
def test_the_version_keeps_its_mode_when_the_organisation_changes_its_default(
    electronic_org, complete_draft, hr, lawyer, approver
):
    version = approve(complete_draft, hr, lawyer, approver)
    electronic_org.original_mode = OriginalMode.PAPER
    electronic_org.save()
    version = Version.objects.get(pk=version.pk)
    assert edition.original_mode(version) == OriginalMode.ELECTRONIC
    assert MARK in flat(pdf.render_pdf(version, copy=True))


def test_blank_rows_fill_pages_under_their_own_header():
    assert edition.blank_row_pages(16) == [list(range(1, 17))]
    pages = edition.blank_row_pages(40)
    assert [len(page) for page in pages] == [16, 20, 4] and pages[-1][-1] == 40


def test_the_head_count_is_the_staff_units_or_the_people_in_the_post(position, employee_user):
    assert edition.head_count(position) == 1
    position.rates = Decimal("2.25")
    assert edition.head_count(position) == 3


@pytest.mark.pdf
def test_an_rsa_signature_of_the_electronic_original_is_accepted_printed_in_a_copy_and_packed(
    electronic_org, complete_draft, hr, lawyer, approver
):
    version = approve(complete_draft, hr, lawyer, approver)
    record = stored(version)
    key = signing.rsa_key()
    url = reverse("documents:upload_signature", args=[version.pk])
    other = signing.detached(record + b"%", key, signing.certificate(key))
    response = login(approver).post(url, {"signature": SimpleUploadedFile("other.sig", other)}, follow=True)
    assert "Это подпись другого файла" in messages_of(response)
    assert not ExternalSignature.objects.filter(version=version).exists()
    good = signing.detached(record, key, signing.certificate(key))
    login(approver).post(url, {"signature": SimpleUploadedFile("approval.sig", good)})
    signature = ExternalSignature.objects.get(version=version)
    assert signature.is_verified
    text = flat(pdf.render_pdf(version, copy=True))
    assert "Электронная подпись с сертификатом" in text and f"Сертификат: {signature.serial}" in text
    package = login(hr).get(reverse("documents:package", args=[version.pk]))
    with zipfile.ZipFile(io.BytesIO(package.content)) as archive_zip:
        files = {name: archive_zip.read(name) for name in archive_zip.namelist()}
    [main] = [name for name in files if name.endswith(".pdf")]
    assert files[main] == record and pdfa_identification(files[main]) == ("1", "A")
    assert good in files.values()
    archive.validate(files[archive.DESCRIPTION_NAME])
    description = etree.fromstring(files[archive.DESCRIPTION_NAME])
    assert description.findtext("d:original", namespaces={"d": archive.NAMESPACE}) == "electronic"
    assert any(name.startswith("signatures/") and name.endswith(".xml") for name in files)


@pytest.mark.pdf
def test_hr_chooses_the_original_before_approval_and_not_after(complete_draft, hr, lawyer, approver, employee_user):
    url = reverse("documents:original_mode", args=[complete_draft.pk])
    assert login(employee_user).post(url, {"original_mode": "electronic"}).status_code == 403
    response = login(hr).post(url, {"original_mode": "electronic"}, follow=True)
    assert "Вид оригинала этой версии выбран" in messages_of(response)
    assert Version.objects.get(pk=complete_draft.pk).original_mode == OriginalMode.ELECTRONIC
    response = login(hr).post(url, {"original_mode": "vellum"}, follow=True)
    assert "Выберите бумажный или электронный оригинал" in messages_of(response)
    version = approve(Version.objects.get(pk=complete_draft.pk), hr, lawyer, approver)
    assert MARK in flat(stored(version))
    response = login(hr).post(url, {"original_mode": "paper"}, follow=True)
    assert "закреплён при утверждении" in messages_of(response)
    assert Version.objects.get(pk=version.pk).original_mode == OriginalMode.ELECTRONIC
    page = login(hr).get(reverse("instructions:version", args=[version.pk])).content.decode()
    assert reverse("documents:version_copy", args=[version.pk]) in page and 'id="original-mode-form"' not in page
    public = Client().get(reverse("documents:verify", args=[verification.code_for(version)])).content.decode()
    assert 'id="original-mode"' in public and "Электронный оригинал" in public


def test_the_copy_is_for_members_and_only_of_an_approved_version(approved_version, complete_draft, outsider, lawyer):
    url = reverse("documents:version_copy", args=[approved_version.pk])
    response = login(lawyer).get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    assert login(outsider).get(url).status_code == 404
    page = login(lawyer).get(reverse("instructions:version", args=[approved_version.pk])).content.decode()
    assert "Бумажный оригинал" in page


def messages_of(response) -> str:
    return " ".join(str(message) for message in response.context["messages"])


def test_the_word_file_names_the_edition_and_its_dates(approved_version):
    word = WordDocument(io.BytesIO(render_docx(approved_version)))
    texts = [paragraph.text for paragraph in word.paragraphs]
    assert "Редакция 1" in texts
    assert f"Вводится в действие с {approved_version.effective_date:%d.%m.%Y}" in texts


def test_a_version_approved_before_the_modes_existed_is_a_paper_original(electronic_org, approved_version):
    legacy = Version.objects.get(pk=approved_version.pk)
    assert legacy.original_mode == OriginalMode.ELECTRONIC
    legacy.original_mode = ""  # as a row approved before the field existed reads
    assert edition.original_mode(legacy) == OriginalMode.PAPER
    draft = workflow.new_version(version=Version.objects.get(pk=approved_version.pk), user=legacy.created_by)
    assert edition.original_mode(draft) == OriginalMode.ELECTRONIC
