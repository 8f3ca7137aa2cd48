"""`manage.py seed_demo` ends with approved demo instructions built from the clause library, PDFs stored."""

import io

from django.core.management import call_command

from jobdesc.demo.management.commands.seed_demo import APPROVED_INSTRUCTIONS
from jobdesc.instructions.models import JournalEntry, Status, Version


def seed():
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def test_the_demo_has_approved_instructions_with_stored_pdfs_and_a_second_run_changes_nothing(db):
    call_command("loaddata", "clauses", verbosity=0)
    seed()
    versions = list(Version.objects.select_related("instruction__position").order_by("pk"))
    assert [v.instruction.position.title for v in versions] == APPROVED_INSTRUCTIONS
    assert {v.status for v in versions} == {Status.APPROVED}
    for version in versions:
        assert version.pdf_sha256
        assert version.pdf.read().startswith(b"%PDF-")
        assert version.visas.filter(decision="agreed").count() == 2
    before = [(v.pk, v.pdf.name, v.pdf_sha256) for v in versions]

    output = seed()
    assert [(v.pk, v.pdf.name, v.pdf_sha256) for v in Version.objects.order_by("pk")] == before
    assert JournalEntry.objects.count() == 2
    assert "Kept the instruction of «Менеджер по работе с клиентами»" in output


def test_without_a_clause_library_the_demo_has_no_instructions_and_says_why(db):
    output = seed()
    assert not Version.objects.exists()
    assert "loaddata clauses" in output
