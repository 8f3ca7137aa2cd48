"""The library-change stage of the benchmark: it really starts a new edition of every instruction it built."""

from jobdesc.bench import propagation, report
from jobdesc.instructions.models import Item, Status, Version


def test_the_stage_makes_a_new_edition_of_each_instruction_and_reports_both_times(db):
    result = propagation.run(count=3)
    assert result["editions"] == 3
    drafts = Version.objects.filter(status=Status.DRAFT)
    assert drafts.count() == 3
    assert Item.objects.filter(section__version__in=drafts, text=propagation.NEW).count() == 3
    assert Item.objects.filter(section__version__in=drafts, text=propagation.OLD).count() == 0
    figures = report.propagation_figures(result)
    assert "3 new editions" in figures[1].figure and "× the trivial page" in figures[1].measured
