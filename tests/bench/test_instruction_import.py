"""The instruction-import stage of `bench`: Word files of real drafts, read, matched to their positions, confirmed."""

import pytest

from jobdesc.bench import instruction_import, report
from jobdesc.instructions.models import Version

pytestmark = pytest.mark.django_db


def test_titles_are_distinct_positions():
    names = instruction_import.titles()
    assert len(names) == len(set(names)) == instruction_import.FILES
    assert names[0] == "Инженер-технолог" and "Ведущий экономист" in names


def test_the_stage_imports_every_file_as_a_draft_of_its_own_position(complete_draft):
    result = instruction_import.run(complete_draft, count=3)
    assert (result["files"], result["matched_right"], result["drafts"], result["errors"]) == (3, 3, 3, 0)
    assert result["clauses"] > 0 and result["total_ms"] > result["read_ms"] > 0 and result["ratio"] > 1
    assert Version.objects.filter(instruction__organisation__short_name="ООО «Импорт»").count() == 3
    figures = report.instruction_import_figures(result)
    assert figures[-1].ok == "yes" and "3 of 3" in figures[-1].measured
