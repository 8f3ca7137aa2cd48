"""API operations on the clause library: the clauses the organisation sees, searched as on the library page."""

from typing import Literal

from ninja import Path, Query, Router

from jobdesc.instructions.propagation.services import use_counts
from jobdesc.languages import Language
from jobdesc.library.models import SectionKind
from jobdesc.library.search import library_clauses
from jobdesc.orgs.models import Category

from .access import organisation, require
from .problems import WITH_INPUT, WITH_OBJECT, not_found
from .schemas import ClauseOut, Id, Paging, Text, page, paged

router = Router(tags=["library"])

ClausePage = paged(ClauseOut, "ClausePage")
CATEGORY_FLAGS = {
    "managers": "suits_managers",
    "specialists": "suits_specialists",
    "technical": "suits_technical",
    "workers": "suits_workers",
}


def _row(clause, organisation_id, uses: int) -> dict:
    return {
        "id": clause.pk,
        "section": clause.section.code,
        "language": clause.language,
        "text": clause.text,
        "tags": [tag.name for tag in clause.tags.all()],
        "source": clause.source,
        "profession": clause.profession,
        "is_active": clause.is_active,
        "standard": clause.standard,
        "own": clause.organisation_id == organisation_id,
        "categories": [category for category, flag in CATEGORY_FLAGS.items() if getattr(clause, flag)],
        "uses": uses,
    }


@router.get(
    "/clauses",
    response={200: ClausePage, **WITH_INPUT},
    summary="Library clauses",
    description="With `q`: the library search (every word in some form, and clauses close in meaning), best first.",
)
def list_clauses(
    request,
    paging: Query[Paging],
    q: Text = "",
    section: Text = "",
    language: Literal[tuple(Language.values)] | None = None,  # type: ignore[valid-type]
    category: Literal[tuple(Category.values)] | None = None,  # type: ignore[valid-type]
    status: Literal["active", "retired", "all"] = "active",
):
    require(request, perm="library.view_clause")
    org = organisation(request)
    kind = SectionKind.objects.filter(code=section).first() if section else None
    if section and kind is None:
        return {"count": 0, "limit": paging.limit, "offset": paging.offset, "items": []}
    rows = library_clauses(
        org,
        query=q,
        section=kind,
        language=language or "",
        category=category or "",
        status=status,
    )
    result = page(rows, paging)
    uses = use_counts(org, [clause.pk for clause in result["items"]])
    result["items"] = [_row(clause, org.pk, uses.get(clause.pk, 0)) for clause in result["items"]]
    return result


@router.get("/clauses/{clause_id}", response={200: ClauseOut, **WITH_OBJECT}, summary="A library clause")
def get_clause(request, clause_id: Path[Id]):
    require(request, perm="library.view_clause")
    org = organisation(request)
    clause = library_clauses(org, status="all").filter(pk=clause_id).first()
    if clause is None:
        raise not_found()
    return _row(clause, org.pk, use_counts(org, [clause.pk]).get(clause.pk, 0))
