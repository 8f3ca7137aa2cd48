"""`manage.py render_instruction` writes the stored PDFs of the versions in force."""

import io

import pytest
from django.core.management import CommandError, call_command

from jobdesc.instructions.models import Version


def run(*args):
    out = io.StringIO()
    call_command("render_instruction", *args, stdout=out)
    return out.getvalue()


def test_it_writes_the_stored_pdf_of_an_instruction(approved_version, tmp_path):
    output = run(str(approved_version.instruction_id), "--output-dir", str(tmp_path / "out"))
    files = list((tmp_path / "out").iterdir())
    assert [f.name for f in files] == [
        f"{approved_version.instruction_id}-менеджер-по-работе-с-клиентами-v{approved_version.number}.pdf"
    ]
    stored = Version.objects.get(pk=approved_version.pk)
    assert files[0].read_bytes() == stored.pdf.read()
    assert "[1/1]" in output


def test_all_writes_every_instruction_in_force_and_skips_drafts(approved_version, head_of_sales, hr, tmp_path):
    from jobdesc.instructions.drafting.services import start_draft

    start_draft(position=head_of_sales, user=hr)
    run("--all", "--output-dir", str(tmp_path))
    assert len(list(tmp_path.glob("*.pdf"))) == 1


def test_it_refuses_an_instruction_without_an_approved_version(complete_draft, tmp_path):
    with pytest.raises(CommandError, match="no approved version"):
        run(str(complete_draft.instruction_id), "--output-dir", str(tmp_path))


def test_it_refuses_an_unknown_id(db, tmp_path):
    with pytest.raises(CommandError, match="No instruction with id 999"):
        run("999", "--output-dir", str(tmp_path))


def test_it_needs_ids_or_all(db, tmp_path):
    with pytest.raises(CommandError):
        run("--output-dir", str(tmp_path))
