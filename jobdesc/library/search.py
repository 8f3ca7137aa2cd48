"""Reads of the clause library: full-text search, the filtered list an organisation sees, and where a clause is used.

On PostgreSQL the search uses the `russian` text search configuration, so «клиентов» finds «с
клиентами», and the GIN index of migration 0003; elsewhere it falls back to matching word stems in
lower case, which SQLite's LIKE cannot do for Cyrillic.
"""

import re

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector, SearchVectorExact
from django.db import connection
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from jobdesc.instructions.models import Item

from .models import Clause

SEARCH_CONFIG = "russian"
WORD_RE = re.compile(r"[^\W_]+")
MIN_PREFIX = 3


def words_of(query: str) -> list[str]:
    return WORD_RE.findall(query.lower().replace("ё", "е"))


def search_clauses(clauses, query: str):
    """`clauses` narrowed to those matching every word of `query` in some form, best matches first."""
    words = words_of(query)
    if not words:
        return clauses
    if connection.vendor == "postgresql":
        vector = SearchVector("text", config=SEARCH_CONFIG)
        # Each word as a prefix, so a half-typed word already finds its clauses; but not a word of one or
        # two letters, whose prefix matches most of the library and would have all of it ranked.
        terms = [f"{word}:*" if len(word) >= MIN_PREFIX else word for word in words]
        tsquery = SearchQuery(" & ".join(terms), config=SEARCH_CONFIG, search_type="raw")
        # Filter and order by expressions rather than annotations: the paginator's COUNT then needs
        # neither the rank nor a GROUP BY, and the index answers it alone.
        return clauses.filter(SearchVectorExact(vector, tsquery)).order_by(
            SearchRank(vector, tsquery).desc(), "section__order", "pk"
        )
    stems = [_stem(word) for word in words]
    matching = [
        pk
        for pk, text in clauses.values_list("pk", "text")
        if all(stem in text.lower().replace("ё", "е") for stem in stems)
    ]
    return clauses.filter(pk__in=matching)


def _stem(word: str) -> str:
    """A crude stem for the fallback: long words lose up to three letters of ending («клиентами» → «клиент»)."""
    return word[: max(4, len(word) - 3)] if len(word) >= 5 else word


def library_clauses(organisation, *, query="", section=None, language="", tag=None, source="", status="active"):
    """The clauses an organisation's library page lists, each with how often the organisation uses it."""
    clauses = Clause.objects.visible_to(organisation)
    if status == "active":
        clauses = clauses.filter(is_active=True)
    elif status == "retired":
        clauses = clauses.filter(is_active=False)
    if section is not None:
        clauses = clauses.filter(section=section)
    if language:
        clauses = clauses.filter(language=language)
    if tag is not None:
        clauses = clauses.filter(tags=tag)
    if source:
        clauses = clauses.filter(source=source)
    # A correlated count rather than a join with GROUP BY: only the rows of the page shown are counted.
    uses = (
        Item.objects.filter(_used_by(organisation), clause=OuterRef("pk"))
        .order_by()
        .values("clause")
        .annotate(count=Count("pk"))
        .values("count")
    )
    clauses = (
        clauses.select_related("section", "organisation")
        .prefetch_related("tags")
        .annotate(uses=Coalesce(Subquery(uses), 0))
        .order_by("section__order", "pk")
    )
    return search_clauses(clauses, query)


def _used_by(organisation) -> Q:
    return Q(section__version__instruction__organisation=organisation)


def sources(organisation) -> list[str]:
    """The documents the visible clauses came from, for the source filter."""
    clauses = Clause.objects.visible_to(organisation).exclude(source="")
    return list(clauses.order_by("source").values_list("source", flat=True).distinct())


def usages(clause, organisation):
    """The items of the organisation's instruction versions that were taken from `clause`."""
    return (
        Item.objects.filter(_used_by(organisation), clause=clause)
        .select_related("section__kind", "section__version__instruction__position")
        .order_by("section__version__instruction__position__title", "-section__version__number")
    )
