"""Many files at once: the per-file report, the matching of titles to positions, the drafts, the limits."""

import io
import json
import zipfile
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from jobdesc.instructions.drafting.services import start_draft
from jobdesc.instructions.errors import WorkflowError
from jobdesc.instructions.models import Item, Version
from jobdesc.library.importer import ImporterError
from jobdesc.library.importer.batch import MAX_FILES, create_drafts, match_positions, read_batch
from jobdesc.orgs.models import Position

from .conftest import IMPORTS

EVAL = IMPORTS / "eval"


def zipped(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


@pytest.fixture
def positions(organisation):
    titles = ["Инженер-технолог", "Водитель автомобиля", "Медицинская сестра палатная", "Бухгалтер", "Лаборант"]
    return [Position.objects.create(organisation=organisation, title=title) for title in titles]


def test_a_title_is_matched_exactly_by_its_case_forms_and_by_a_short_name(positions):
    engineer, driver, nurse, accountant, _lab = positions
    assert match_positions("Инженер-технолог", positions)[0].how == "exact"
    by_case = match_positions("водителя автомобиля", positions)[0]
    assert (by_case.position_id, by_case.how) == (driver.pk, "inflected")
    short = match_positions("Бухгалтер по расчётам с поставщиками", positions)
    assert (short[0].position_id, short[0].how) == (accountant.pk, "short name")
    assert short[0].confidence < 0.85
    assert match_positions("Сварщик", positions) == []


def test_a_zip_is_reported_file_by_file_without_writing_anything(positions):
    archive = zipped(
        {
            "engineer.docx": (EVAL / "process_engineer_multilevel.docx").read_bytes(),
            "nurse.rtf": (EVAL / "ward_nurse.rtf").read_bytes(),
            "lab/lab.odt": (EVAL / "lab_assistant.odt").read_bytes(),
            "old.doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100,
            "notes.csv": b"a;b",
            "__MACOSX/._engineer.docx": b"junk",
        }
    )
    seen = []
    reports = read_batch(archive, positions, progress=lambda done, total, name: seen.append((done, total, name)))
    by_name = {report.name: report for report in reports}
    assert set(by_name) == {"engineer.docx", "nurse.rtf", "lab/lab.odt", "old.doc", "notes.csv"}
    assert [done for done, _total, _name in seen] == [1, 2, 3, 4, 5] and seen[-1][1] == 5
    engineer = by_name["engineer.docx"]
    assert engineer.title == "Инженер-технолог" and engineer.match.how == "exact"
    assert {kind: count for kind, _heading, count in engineer.sections}["relationships"] == 6
    assert by_name["nurse.rtf"].match.title == "Медицинская сестра палатная"
    assert "save it as .docx" in by_name["old.doc"].error
    assert "not a document" in by_name["notes.csv"].error
    assert not Version.objects.exists()


def test_an_unclassified_section_is_reported_as_left_for_a_person(positions):
    (report,) = read_batch([EVAL / "lab_assistant.odt"], positions)
    assert any("Техника безопасности в лаборатории" in line for line in report.left_out)
    assert ("unclassified", "Техника безопасности в лаборатории", 2) in report.sections


def test_confirmed_matches_become_drafts_and_a_busy_position_is_reported(positions):
    engineer, driver, *_ = positions
    start_draft(position=driver)
    reports = read_batch([EVAL / "process_engineer_multilevel.docx", EVAL / "driver.rtf"], positions)
    results = create_drafts(
        reports,
        {"process_engineer_multilevel.docx": engineer.pk, "driver.rtf": driver.pk},
        positions={position.pk: position for position in positions},
        start_draft=start_draft,
        errors=(WorkflowError,),
    )
    assert results[0].version.instruction.position == engineer and not results[0].error
    assert "already has a version in work" in results[1].error
    relationships = Item.objects.filter(section__version=results[0].version, section__kind__code="relationships")
    assert relationships.count() == 6


def test_a_position_of_another_organisation_is_never_drafted(positions, other_organisation):
    foreign = Position.objects.create(organisation=other_organisation, title="Инженер-технолог")
    reports = read_batch([EVAL / "process_engineer_multilevel.docx"], positions)
    (result,) = create_drafts(
        reports,
        {"process_engineer_multilevel.docx": foreign.pk},
        positions={position.pk: position for position in positions},
        start_draft=start_draft,
        errors=(WorkflowError,),
    )
    assert "not one of the organisation's" in result.error
    assert not Version.objects.exists()


def test_paths_outside_the_archive_are_refused(positions):
    archive = zipped({"../evil.txt": b"x", "/etc/passwd.txt": b"x"})
    reports = read_batch(archive, positions)
    assert all("path outside the archive" in report.error for report in reports)


def test_too_many_files_or_too_much_data_is_refused_whole(positions):
    with pytest.raises(ImporterError, match="at most"):
        read_batch(zipped({f"{index}.txt": b"x" for index in range(MAX_FILES + 1)}), positions)
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        for index in range(60):
            archive.writestr(f"{index}.txt", b"0" * (2 * 1024 * 1024))
    with pytest.raises(ImporterError, match="too much data"):
        read_batch(bomb.getvalue(), positions)
    with pytest.raises(ImporterError, match="not a valid zip"):
        read_batch(b"PK\x03\x04 broken", positions)


def run(*args):
    out = StringIO()
    call_command("import_instruction", *map(str, args), stdout=out)
    return out.getvalue()


def test_the_command_prints_the_report_of_a_folder_with_dry_run(positions, tmp_path, capsys):
    for name in ("process_engineer_numbered.txt", "driver_lists.html"):
        (tmp_path / name).write_bytes((EVAL / name).read_bytes())
    payload = json.loads(run(tmp_path, "--dry-run", "--format", "json"))
    assert [(entry["file"], entry["match"]["title"]) for entry in payload] == [
        ("driver_lists.html", "Водитель автомобиля"),
        ("process_engineer_numbered.txt", "Инженер-технолог"),
    ]
    assert "[2/2] process_engineer_numbered.txt" in capsys.readouterr().err
    assert not Version.objects.exists()


def test_the_command_drafts_every_confident_match_of_a_zip(positions, tmp_path):
    path = tmp_path / "instructions.zip"
    path.write_bytes(
        zipped(
            {
                "engineer.txt": (EVAL / "process_engineer_numbered.txt").read_bytes(),
                "accountant.odt": (EVAL / "accountant.odt").read_bytes(),
            }
        )
    )
    output = run(path, "--classify", "Служебные отношения=relationships")
    assert "engineer.txt → draft version 1 of «Инженер-технолог»" in output
    assert "skipped accountant.odt" in output
    assert Version.objects.count() == 1


def test_the_command_needs_an_organisation_when_there_are_several(positions, other_organisation, tmp_path):
    with pytest.raises(CommandError, match="--organisation"):
        run(tmp_path, "--dry-run")
