"""Reads of the clause library: search by words and by meaning, and the filtered list an organisation sees.

A search finds the clauses that contain every word of the query in some form and those nearest to it in
meaning (`similarity.py`), and ranks them by a mix of both. On PostgreSQL the words are matched with the
`russian` text search configuration, so «клиентов» finds «с клиентами», against each clause's stored search
vector and its GIN index (migration 0007), so no search computes a vector; elsewhere by their stems in lower
case, which SQLite's LIKE cannot do for Cyrillic.
"""

import re
from collections.abc import Sequence

import numpy as np
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import F

from . import similarity
from .models import Clause

SEARCH_CONFIG = "russian"
WORD_RE = re.compile(r"[^\W_]+")
MIN_PREFIX = 3
# Clauses found by meaning alone: at most this many, and only those nearly as close as the nearest one.
MEANING_RESULTS = 15
MEANING_MARGIN = {"e5-small-q4-1": 0.025, "lemmas-1": 0.25}
MEANING_FLOOR = {"e5-small-q4-1": 0.84, "lemmas-1": 0.3}
# A clause containing the query's words ranks above one that only means something close.
TEXT_WEIGHT = 0.05
# Vectors a search computes for clauses that have none yet; `manage.py index_clauses` does the rest.
COMPUTE_PER_SEARCH = 64


def words_of(query: str) -> list[str]:
    return WORD_RE.findall(query.lower().replace("ё", "е"))


def text_matches(clauses, query: str):
    """`clauses` narrowed to those containing every word of `query` in some form, best matches first."""
    words = words_of(query)
    if not words:
        return clauses
    if connection.vendor == "postgresql":
        tsquery = _tsquery(words)
        # Filter and order by expressions rather than annotations: a COUNT then needs neither the rank
        # nor a GROUP BY, and the index answers it alone.
        return clauses.filter(search_vector=tsquery).order_by(
            SearchRank(F("search_vector"), tsquery).desc(), "section__order", "pk"
        )
    stems = [_stem(word) for word in words]
    matching = [pk for pk, text in clauses.values_list("pk", "text") if _contains_stems(text, stems)]
    return clauses.filter(pk__in=matching)


def _tsquery(words) -> SearchQuery:
    # Each word as a prefix, so a half-typed word already finds its clauses; but not a word of one or
    # two letters, whose prefix matches most of the library and would have all of it ranked.
    terms = [f"{word}:*" if len(word) >= MIN_PREFIX else word for word in words]
    return SearchQuery(" & ".join(terms), config=SEARCH_CONFIG, search_type="raw")


def _contains_stems(text: str, stems: list[str]) -> bool:
    text = text.lower().replace("ё", "е")
    return all(stem in text for stem in stems)


def _stem(word: str) -> str:
    """A crude stem for the fallback: long words lose up to three letters of ending («клиентами» → «клиент»)."""
    return word[: max(4, len(word) - 3)] if len(word) >= 5 else word


def search_clauses(clauses, query: str, *, by_meaning: bool = True):
    """`clauses` matching `query` by words or by meaning, best first: a sequence that pages like a queryset.

    Without words in the query, `clauses` itself. Otherwise one query reads the candidates' texts, one
    ranks the word matches (PostgreSQL), stored vectors are read only for clauses this process has not
    seen, and each page shown is one more query of `clauses` — as many for 10 000 clauses as for ten.
    """
    words = words_of(query)
    if not words:
        return clauses
    rows = list(clauses.order_by("section__order", "pk").values_list("pk", "language", "text"))
    if not rows:
        return RankedClauses(clauses, [], {})
    pks = np.fromiter((row[0] for row in rows), dtype=np.int64, count=len(rows))
    index_of = {pk: index for index, pk in enumerate(pks.tolist())}
    text_rank = np.zeros(len(rows), dtype=np.float32)
    for pk, rank in _text_ranks(clauses, words, rows).items():
        text_rank[index_of[pk]] = rank
    found = text_rank > 0
    if by_meaning:
        score = _closeness(rows, query) + TEXT_WEIGHT * text_rank
        found |= _nearest_in_meaning(score - TEXT_WEIGHT * text_rank)
    else:
        score = text_rank
    chosen = np.flatnonzero(found)
    # Best first; among equals the library's order (section, then primary key), which `rows` is in.
    ranked = chosen[np.lexsort((chosen, -score[chosen]))]
    ranked_pks = pks[ranked].tolist()
    return RankedClauses(clauses, ranked_pks, dict(zip(ranked_pks, score[ranked].tolist(), strict=True)))


def _text_ranks(clauses, words, rows) -> dict[int, float]:
    """Primary key → rank from 0.5 to 1 of every clause that contains the query's words."""
    if connection.vendor == "postgresql":
        tsquery = _tsquery(words)
        ranks = dict(
            clauses.filter(search_vector=tsquery)
            .order_by()
            .annotate(rank=SearchRank(F("search_vector"), tsquery))
            .values_list("pk", "rank")
        )
    else:
        stems = [_stem(word) for word in words]
        ranks = {pk: 1.0 for pk, _language, text in rows if _contains_stems(text, stems)}
    best = max(ranks.values(), default=0) or 1
    return {pk: 0.5 + 0.5 * rank / best for pk, rank in ranks.items()}


def _closeness(rows, query: str) -> np.ndarray:
    language = "ru" if re.search("[а-яё]", query.lower()) else "et"
    matrix = similarity.clause_vectors(rows, compute_limit=COMPUTE_PER_SEARCH)
    return matrix @ similarity.query_vector(query, language)


def _nearest_in_meaning(closeness: np.ndarray) -> np.ndarray:
    """Which clauses join the results by meaning alone: the nearest few, nearly as close as the nearest."""
    name = similarity.model().name
    nearest = np.argsort(-closeness)[:MEANING_RESULTS]
    floor = max(MEANING_FLOOR.get(name, 0.5), float(closeness[nearest[0]]) - MEANING_MARGIN.get(name, 0.1))
    chosen = np.zeros(len(closeness), dtype=bool)
    chosen[nearest[closeness[nearest] >= floor]] = True
    return chosen


class RankedClauses(Sequence):
    """Search results in rank order; slicing fetches just those clauses, with everything `clauses` annotates."""

    def __init__(self, clauses, ranked: list[int], scores: dict[int, float]):
        self.clauses = clauses
        self.ranked = ranked
        self.scores = scores

    def __len__(self):
        return len(self.ranked)

    def count(self, value=None):
        return len(self.ranked) if value is None else super().count(value)

    def __getitem__(self, index):
        if isinstance(index, slice):
            pks = self.ranked[index]
            found = {clause.pk: clause for clause in self.clauses.filter(pk__in=pks)}
            return [found[pk] for pk in pks if pk in found]
        pk = self.ranked[index]
        return self.clauses.get(pk=pk)

    def __iter__(self):
        return iter(self[:])


def library_clauses(
    organisation,
    *,
    query="",
    section=None,
    language="",
    tag=None,
    source="",
    category="",
    scope="",
    status="active",
    annotate=None,
):
    """The clauses an organisation's library page lists; `annotate` adds values the caller computes per clause
    (the instructions' side adds how often the organisation uses each)."""
    clauses = Clause.objects.visible_to(organisation)
    if category:
        clauses = clauses.suiting(category)
    if scope == "general":
        clauses = clauses.general()
    elif scope == "profession":
        clauses = clauses.exclude(profession="")
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
    clauses = (
        clauses.select_related("section", "organisation")
        .prefetch_related("tags")
        .annotate(**(annotate or {}))
        .order_by("section__order", "pk")
    )
    return search_clauses(clauses, query)


def sources(organisation) -> list[str]:
    """The documents the visible clauses came from, for the source filter."""
    clauses = Clause.objects.visible_to(organisation).exclude(source="")
    return list(clauses.order_by("source").values_list("source", flat=True).distinct())
