"""The demo's own instructions pass every check, the reading of their text among them."""

import io

from django.core.management import call_command

from jobdesc.demo.management.commands.seed_demo import APPROVED_INSTRUCTIONS
from jobdesc.instructions.editing.checks import check, review
from jobdesc.instructions.models import Version
from jobdesc.instructions.selectors import outline, version_with_context
from jobdesc.library import text_checks


def test_every_demo_instruction_passes_the_checks_and_fits_its_position(db):
    call_command("loaddata", "clauses", verbosity=0)
    call_command("seed_demo", stdout=io.StringIO())
    versions = list(version_with_context().order_by("pk"))
    assert [version.instruction.position.title for version in versions] == APPROVED_INSTRUCTIONS
    for version in versions:
        position = version.instruction.position
        sections = outline(version)
        assert check(version, sections) == [], position.title
        assert [problem.message for problem in review(version, sections)] == [], position.title
        items = list(Version.objects.get(pk=version.pk).sections.values_list("items__clause__profession", flat=True))
        assert all(not profession or position.title in profession for profession in items), position.title
        texts = [entry.item.text for section in sections for entry in section.items]
        assert text_checks.subordination_conflicts(texts, position.reports_to.title) == []
        assert "филиал" not in " ".join(texts).lower()
