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


def test_the_import_figure_keeps_its_comma_and_groups_the_ratios_thousands():
    result = {"files": 50, "zip_kb": 1946, "total_ms": 7800, "ratio": 1559.4, "reference_ms": 5.0}
    result.update(read_ms=3400, confirm_ms=4300, matched_right=50, drafts=50, clauses=3000, errors=0)
    measured = report.instruction_import_figures(result)[0].measured
    assert measured == "7.8 s (1 559 × the reference page of 5.0 ms; read 3.4 s, drafts 4.3 s)"
