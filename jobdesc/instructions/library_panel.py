"""The editor's library panel: clauses of one section kind matching what the HR officer types."""

from jobdesc.library.models import Clause

PANEL_SIZE = 20


def library_results(version, section_code, query):
    """Active clauses of the section kind in the version's language, best matches first, at most PANEL_SIZE."""
    from jobdesc.library.search import search_clauses

    clauses = (
        Clause.objects.visible_to(version.instruction.organisation)
        .active()
        .filter(section__code=section_code, language=version.language)
    )
    return list(search_clauses(clauses, query)[:PANEL_SIZE]) if query else list(clauses[:PANEL_SIZE])
