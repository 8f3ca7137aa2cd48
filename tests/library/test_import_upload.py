"""Uploading many instructions in the browser: stored, read on the worker with progress, confirmed, then drafts."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from jobdesc.instructions.drafting import imports
from jobdesc.instructions.drafting.services import start_draft
from jobdesc.instructions.models import Item, Version
from jobdesc.library import import_batches
from jobdesc.library.models import ImportBatch, ImportStatus
from jobdesc.orgs.models import Position
from tests.conftest import login
from tests.outbox.worker import committed, run_tasks

from .conftest import IMPORTS

pytestmark = pytest.mark.django_db
EVAL = IMPORTS / "eval"
UPLOAD = reverse("library:import")
FILES = {
    "engineer.docx": "process_engineer_multilevel.docx",
    "nurse.rtf": "ward_nurse.rtf",
    "lab/lab.odt": "lab_assistant.odt",
}


def zipped(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def instructions_zip(**extra) -> bytes:
    return zipped({**{name: (EVAL / source).read_bytes() for name, source in FILES.items()}, **extra})


@pytest.fixture
def positions(organisation):
    titles = ["Инженер-технолог", "Медицинская сестра палатная", "Лаборант", "Лаборант химического анализа"]
    return {title: Position.objects.create(organisation=organisation, title=title) for title in titles}


def upload(client, *files):
    with committed():
        return client.post(UPLOAD, {"files": list(files)})


def read_upload(hr, data=None, name="instructions.zip") -> ImportBatch:
    versions = Version.objects.count()
    response = upload(login(hr), SimpleUploadedFile(name, data or instructions_zip()))
    assert Version.objects.count() == versions
    assert response.status_code == 302, response.content.decode()[:2000]
    batch = ImportBatch.objects.get()
    assert batch.status == ImportStatus.QUEUED
    run_tasks()
    assert Version.objects.count() == versions, "reading writes no draft"
    batch.refresh_from_db()
    return batch


def entry_index(batch, name):
    return next(index for index, entry in enumerate(batch.results) if entry["file"] == name)


def test_a_zip_is_read_on_the_worker_into_a_per_file_report_and_nothing_is_written(hr, positions):
    batch = read_upload(hr, instructions_zip(**{"old.doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100}))
    assert batch.status == ImportStatus.READ and (batch.files_done, batch.files_total) == (4, 4)
    assert batch.content == b"", "the files are not kept once read"
    by_file = {entry["file"]: entry for entry in batch.results}
    assert by_file["engineer.docx"]["match"]["position"] == positions["Инженер-технолог"].pk
    assert by_file["engineer.docx"]["clauses"] > 10 and by_file["engineer.docx"]["document"]["sections"]
    assert "сохраните как .docx" in by_file["old.doc"]["error"], "the report speaks the uploader's language"
    assert any("Техника безопасности" in line for line in by_file["lab/lab.odt"]["left_out"])
    assert not Version.objects.exists()
    page = login(hr).get(reverse("library:import_batch", args=[batch.pk])).content.decode()
    assert 'id="confirm-form"' in page and "engineer.docx" in page and "сохраните как .docx" in page
    assert "Техника безопасности в лаборатории" in page, "the unclassified section waits for a kind"


def test_hr_corrects_a_match_skips_a_file_and_one_confirmation_creates_the_drafts(hr, positions):
    batch = read_upload(hr)
    engineer, nurse, lab = (entry_index(batch, name) for name in ("engineer.docx", "nurse.rtf", "lab/lab.odt"))
    chemist = positions["Лаборант химического анализа"]
    response = login(hr).post(
        reverse("library:import_confirm", args=[batch.pk]),
        {
            f"position_{engineer}": positions["Инженер-технолог"].pk,
            f"position_{nurse}": "",
            f"position_{lab}": chemist.pk,
            f"kind_{lab}_0": "working_conditions",
        },
    )
    assert response.status_code == 302
    batch.refresh_from_db()
    assert batch.status == ImportStatus.IMPORTED and batch.imported_by == hr
    drafts = {version.instruction.position: version for version in Version.objects.select_related("instruction")}
    assert set(drafts) == {positions["Инженер-технолог"], chemist}
    lab_texts = Item.objects.filter(section__version=drafts[chemist], section__kind__code="working_conditions")
    assert lab_texts.exists(), "the unclassified section went where HR said"
    page = login(hr).get(reverse("library:import_batch", args=[batch.pk])).content.decode()
    assert page.count('class="import-draft"') == 2
    again = login(hr).post(reverse("library:import_confirm", args=[batch.pk]), {f"position_{engineer}": chemist.pk})
    assert again.status_code == 302 and Version.objects.count() == 2, "an upload is imported once"


def test_when_one_draft_cannot_start_nothing_is_written_and_the_page_says_why(hr, positions):
    busy = positions["Медицинская сестра палатная"]
    start_draft(position=busy, user=hr)
    batch = read_upload(hr)
    engineer, nurse = entry_index(batch, "engineer.docx"), entry_index(batch, "nurse.rtf")
    page = login(hr).get(reverse("library:import_batch", args=[batch.pk])).content.decode()
    assert "уже есть редакция в работе" in page
    response = login(hr).post(
        reverse("library:import_confirm", args=[batch.pk]),
        {f"position_{engineer}": positions["Инженер-технолог"].pk, f"position_{nurse}": busy.pk},
    )
    assert response.status_code == 400 and "уже есть редакция в работе" in response.content.decode()
    assert Version.objects.count() == 1 and not Version.objects.filter(instruction__position__title="Инженер-технолог")
    batch.refresh_from_db()
    assert batch.status == ImportStatus.READ


def test_two_files_for_one_position_are_refused(hr, positions):
    batch = read_upload(hr)
    engineer, nurse = entry_index(batch, "engineer.docx"), entry_index(batch, "nurse.rtf")
    target = positions["Лаборант"].pk
    response = login(hr).post(
        reverse("library:import_confirm", args=[batch.pk]),
        {f"position_{engineer}": target, f"position_{nurse}": target},
    )
    page = response.content.decode()
    assert response.status_code == 400 and "одной и той же должности" in page, page[page.find("<main") :][:3000]
    assert not Version.objects.exists()


def test_several_files_chosen_together_are_read_as_one_upload(hr, positions):
    files = [SimpleUploadedFile(name.split("/")[-1], (EVAL / source).read_bytes()) for name, source in FILES.items()]
    with committed():
        assert login(hr).post(UPLOAD, {"files": files}).status_code == 302
    run_tasks()
    batch = ImportBatch.objects.get()
    assert batch.status == ImportStatus.READ
    assert sorted(entry["file"] for entry in batch.results) == ["engineer.docx", "lab.odt", "nurse.rtf"]


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("instructions.zip", b"PK\x03\x04 this is not a zip", "не zip-архив"),
        ("program.exe", b"MZ...", "не документ, который читает импорт"),
        ("empty.zip", zipped({}), "нет ни одного файла"),
        ("many.zip", zipped({f"{n}.txt": b"x" for n in range(201)}), "не больше 200"),
    ],
)
def test_a_bad_upload_is_refused_with_a_message_and_nothing_is_stored(hr, positions, name, data, message):
    response = upload(login(hr), SimpleUploadedFile(name, data))
    assert response.status_code == 200 and message in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_an_upload_announcing_more_than_the_limit_is_refused_unread(hr):
    response = login(hr).post(UPLOAD, {}, CONTENT_LENGTH=str(import_batches.MAX_UPLOAD_BYTES + 10**6))
    assert response.status_code == 413 and 'id="import-refused"' in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_an_upload_whose_length_is_not_a_number_reads_no_body_and_shows_the_form_again(hr):
    response = login(hr).post(UPLOAD, {"files": SimpleUploadedFile("a.docx", b"x")}, CONTENT_LENGTH="many")
    assert response.status_code == 200 and not response.context["form"].is_bound
    assert not ImportBatch.objects.exists()


def test_a_zip_bomb_is_refused_before_anything_is_unpacked(hr, positions):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("bomb.txt", b"\0" * (101 * 1024 * 1024))
    assert len(buffer.getvalue()) < 1024 * 1024
    response = upload(login(hr), SimpleUploadedFile("bomb.zip", buffer.getvalue()))
    assert "слишком большой объём данных" in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_a_path_outside_the_archive_is_refused_for_that_file(hr, positions):
    batch = read_upload(hr, instructions_zip(**{"../../etc/evil.txt": b"x", "/abs.txt": b"y"}))
    errors = {entry["file"]: entry["error"] for entry in batch.results if entry["error"]}
    assert all("за пределы архива" in error for error in errors.values()) and len(errors) == 2


def test_the_progress_bar_is_polled_until_the_report_is_ready(hr, positions):
    with committed():
        login(hr).post(UPLOAD, {"files": [SimpleUploadedFile("i.zip", instructions_zip())]})
    batch = ImportBatch.objects.get()
    progress = reverse("library:import_progress", args=[batch.pk])
    page = login(hr).get(reverse("library:import_batch", args=[batch.pk])).content.decode()
    assert f'hx-get="{progress}"' in page and 'hx-trigger="every 1s"' in page
    ImportBatch.objects.filter(pk=batch.pk).update(status=ImportStatus.READING, files_done=2, current_file="nurse.rtf")
    bar = login(hr).get(progress).content.decode()
    assert 'value="2" max="3"' in bar and "nurse.rtf" in bar
    run_tasks()
    done = login(hr).get(progress)
    assert done.status_code == 204 and done["HX-Refresh"] == "true"


def test_an_error_of_the_reader_fails_the_upload_instead_of_leaving_it_waiting(hr, organisation, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("a bug in a reader")

    monkeypatch.setattr(import_batches, "read_batch", broken)
    batch = ImportBatch.objects.create(organisation=organisation, name="x.zip", content=b"PK", uploaded_by=hr)
    import_batches.read(batch.pk)
    batch.refresh_from_db()
    assert batch.status == ImportStatus.FAILED and batch.error and batch.content == b""


def test_a_file_that_cannot_be_read_fails_the_upload_with_its_reason(hr, organisation):
    batch = ImportBatch.objects.create(organisation=organisation, name="x.zip", content=b"garbage", uploaded_by=hr)
    import_batches.read(batch.pk)
    batch.refresh_from_db()
    assert batch.status == ImportStatus.FAILED and "не zip-архив" in batch.error
    page = login(hr).get(reverse("library:import_batch", args=[batch.pk])).content.decode()
    assert 'id="import-error"' in page


def test_only_hr_of_the_organisation_reaches_an_upload(hr, lawyer, outsider, positions):
    batch = read_upload(hr)
    url = reverse("library:import_batch", args=[batch.pk])
    assert login(lawyer).get(url).status_code == 403
    assert login(outsider).get(url).status_code == 404
    confirm = reverse("library:import_confirm", args=[batch.pk])
    assert login(outsider).post(confirm, {"position_0": positions["Лаборант"].pk}).status_code == 404
    with pytest.raises(import_batches.ImportBatchError):
        imports.confirm(batch=batch, by=lawyer, choices={0: positions["Лаборант"].pk})
    assert not Version.objects.exists()


def test_a_hostile_file_name_and_title_show_as_text(hr, positions):
    hostile = "<script>alert(1)</script>.txt"
    text = (
        "ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ <b onmouseover=steal()>кладовщика</b>\n"
        "1. Общие положения\n1.1. Кладовщик относится к рабочим.\n"
    )
    batch = read_upload(hr, zipped({hostile: text.encode()}))
    page = login(hr).get(reverse("library:import_batch", args=[batch.pk])).content.decode()
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;.txt" in page
    assert "onmouseover=steal()>" not in page


def test_a_weak_match_is_suggested_but_not_chosen_for_hr(hr, organisation):
    workshop = Position.objects.create(organisation=organisation, title="Инженер-технолог механического цеха")
    batch = read_upload(hr, zipped({"engineer.docx": (EVAL / FILES["engineer.docx"]).read_bytes()}))
    (entry,) = batch.results
    assert entry["match"]["position"] == workshop.pk and entry["match"]["confidence"] < 0.85
    page = login(hr).get(reverse("library:import_batch", args=[batch.pk])).content.decode()
    assert f'<option value="{workshop.pk}" selected' not in page and '<option value="" selected' in page
    assert "не уверенно" in page
