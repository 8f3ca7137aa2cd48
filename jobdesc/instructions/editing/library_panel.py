"""The editor's library panel: clauses of one section kind matching what the HR officer types."""

from jobdesc.instructions.models import Item
from jobdesc.library.models import Clause
from jobdesc.library.search import search_clauses
from jobdesc.library.suggestions import offer
from jobdesc.library.text_checks import normalised

PANEL_SIZE = 20


def library_results(version, section_code, query):
    """Active clauses of the section kind in the version's language, best matches first, at most PANEL_SIZE.

    Without a query, the clauses nearest in meaning to the position that do not contradict it. A clause
    the draft already holds is not offered again.
    """

    if not query:
        return offered_clauses(version, section_code, count=PANEL_SIZE)

    # A clause the draft already holds, or its very words under another library entry, is not offered again.
    items = Item.objects.filter(section__version=version)
    texts = {normalised(text) for text in items.values_list("text", flat=True)}
    clauses = (
        Clause.objects.visible_to(version.instruction.organisation)
        .active()
        .filter(section__code=section_code, language=version.language)
        .exclude(pk__in=items.filter(clause__isnull=False).values("clause_id"))
    )
    found = search_clauses(clauses, query, organisation=version.instruction.organisation)[: PANEL_SIZE * 2]
    return [clause for clause in found if normalised(clause.text) not in texts][:PANEL_SIZE]


def offered_clauses(version, section_code, count=PANEL_SIZE):
    """The library's nearest clauses for a section of the version's position, minus those it already has."""

    position = version.instruction.position
    present = Item.objects.filter(section__version=version, section__kind__code=section_code).only("text")
    return offer(
        organisation=version.instruction.organisation,
        section_code=section_code,
        title=position.title,
        category=position.category,
        department=position.department.name if position.department_id else "",
        reports_to=position.reports_to.title if position.reports_to_id else "",
        language=version.language,
        present=present,
        count=count,
    )
