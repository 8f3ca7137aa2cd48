"""Reads of the clause library: search by words and by meaning, and the filtered list an organisation sees.

A search finds the clauses that contain every word of the query in some form and those nearest to it in
meaning (`similarity.py`), and ranks them by a mix of both. On PostgreSQL the words are matched with the
`russian` text search configuration, so «клиентов» finds «с клиентами», against each clause's stored search
vector and its GIN index (migration 0007), so no search computes a vector; elsewhere by their stems in lower
case, which SQLite's LIKE cannot do for Cyrillic.
"""

import re
import threading
from collections import OrderedDict
from collections.abc import Sequence

import numpy as np
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import F

from jobdesc.queries import placeholders

from . import similarity
from . import words as word_index
from .models import Clause, Tag

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
# Clauses nearest in meaning checked against the searched ones per query, and the most missing vectors
# (of clauses not searched, such as retired ones never indexed) still checked by one query.
MEANING_BATCH = 64
MISSING_CHECKED = 500
# The organisations whose source documents are kept per process (`sources`).
SOURCES_KEPT = 64
_sources: OrderedDict = OrderedDict()
_sources_lock = threading.Lock()


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


def _raw_query(words) -> str:
    # Each word as a prefix, so a half-typed word already finds its clauses; but not a word of one or
    # two letters, whose prefix matches most of the library and would have all of it ranked.
    return " & ".join(f"{word}:*" if len(word) >= MIN_PREFIX else word for word in words)


def _tsquery(words) -> SearchQuery:
    return SearchQuery(_raw_query(words), config=SEARCH_CONFIG, search_type="raw")


def _contains_stems(text: str, stems: list[str]) -> bool:
    text = text.lower().replace("ё", "е")
    return all(stem in text for stem in stems)


def _stem(word: str) -> str:
    """A crude stem for the fallback: long words lose up to three letters of ending («клиентами» → «клиент»)."""
    return word[: max(4, len(word) - 3)] if len(word) >= 5 else word


def search_clauses(clauses, query: str, *, by_meaning: bool = True, organisation=None, status=None, stamp=None):
    """`clauses` matching `query` by words or by meaning, best first: a sequence that pages like a queryset.

    Without words in the query, `clauses` itself. `clauses` are some of the organisation's visible library
    (`Clause.objects.visible_to`), or of all clauses without `organisation`: the stored vectors of that
    scope are kept by the process as one matrix and read again only when a clause of it changes. So a
    search costs one small query for the scope's stamp, one for the word matches (their ranks, on
    PostgreSQL), usually one to tell which of the clauses nearest in meaning are among `clauses`, and
    one per page shown — as many and as quick for 10 000 clauses as for ten. When some of `clauses`
    have no up-to-date stored vector yet, the search reads them all and computes a few
    (`_search_rows`), as it did before any were stored. On PostgreSQL the word matches come from the
    scope's word index (`words.py`), kept the same way: `status` ("active", "retired" or "" for both) says
    that `clauses` are the whole scope narrowed by no more than that, so not even their membership is asked.
    """
    words = words_of(query)
    if not words:
        return clauses
    if not by_meaning:
        pks, ranks, orders = _text_ranks(clauses, words)
        return _ordered(clauses, pks, ranks.astype(np.float32), orders)
    scope = "all" if organisation is None else organisation.pk
    visible = Clause.objects.all() if organisation is None else Clause.objects.visible_to(organisation)
    stored = similarity.stored_vectors(scope, visible, stamp=stamp)
    text = _text_ranks(clauses, words, indexed=(scope, visible, stored.stamp), status=status)
    ranked = _search_stored(clauses, query, text, stored)
    if ranked is None:
        ranked = _search_rows(clauses, text, query)
        similarity.forget_stored(scope)
    return ranked


def _search_stored(clauses, query, text, stored):
    """The search over the scope's stored vectors; None when some of `clauses` lack one (`_search_rows` then)."""
    text_pks, text_rank, text_orders = text
    text_rows = stored.rows_of(text_pks)
    if (text_rows < 0).any() or _lack_vectors(clauses, stored):
        return None
    closeness = stored.matrix @ similarity.query_vector(query, _language_of(query))
    text_rank = text_rank.astype(np.float32)
    text_score = closeness[text_rows] + TEXT_WEIGHT * text_rank
    # As `_search_rows` compares them: the score less its share from the words.
    meaning = _nearest_stored(clauses, stored, closeness, text_rows, text_score - TEXT_WEIGHT * text_rank)
    return _ordered(
        clauses,
        np.concatenate([text_pks, np.fromiter(meaning, dtype=np.int64, count=len(meaning))]),
        np.concatenate([text_score, np.array([value for value, _order in meaning.values()], dtype=np.float32)]),
        np.concatenate([text_orders, np.array([order for _value, order in meaning.values()], dtype=np.int64)]),
    )


def _lack_vectors(clauses, stored) -> bool:
    """Whether some of `clauses` have no up-to-date stored vector (as far as the scope's matrix knows)."""
    if not len(stored.missing):
        return False
    if len(stored.missing) > MISSING_CHECKED:
        return True
    return clauses.filter(pk__in=stored.missing.tolist()).exists()


def _nearest_stored(clauses, stored, closeness, text_rows, text_closeness) -> dict[int, tuple[float, int]]:
    """The clauses of `clauses` without the query's words that join the results by meaning: primary key →
    (closeness, section order).

    The scope's clauses are taken in order of closeness, a batch at a time, and one query tells which of
    a batch are among `clauses`, until no further clause could be one of the nearest.
    """
    name = similarity.model().name
    floor_at_least, margin = MEANING_FLOOR.get(name, 0.5), MEANING_MARGIN.get(name, 0.1)
    # The word matches are among `clauses` already, and only their nearest few could be among the nearest
    # (ahead of a clause found by meaning alone as close as they are): their closeness as `_search_rows`
    # has it, best first. So a search matching thousands by words sorts none of them again per batch.
    text_values = np.sort(text_closeness)[::-1][:MEANING_RESULTS].tolist()
    found: dict[int, tuple[float, int]] = {}
    examined = np.zeros(len(closeness), dtype=bool)
    examined[text_rows] = True
    size = MEANING_BATCH
    while len(closeness):
        size = min(size, len(closeness))
        top = np.argpartition(-closeness, size - 1)[:size] if size < len(closeness) else np.arange(size)
        fresh = top[~examined[top]]
        examined[fresh] = True
        if len(fresh):
            pks = stored.pks[fresh].tolist()
            among = dict(clauses.filter(pk__in=pks).order_by().values_list("pk", "section__order"))
            for pk, value in zip(pks, closeness[fresh].tolist(), strict=True):
                if pk in among:
                    found[pk] = (value, among[pk])
        if size == len(closeness):
            break
        # No clause not yet examined is closer than `bound`: stop when none of them could be chosen.
        bound = float(closeness[top].min())
        values = sorted([*text_values, *(value for value, _order in found.values())], reverse=True)
        floor = max(floor_at_least, values[0] - margin) if values else floor_at_least
        if bound < floor or (len(values) >= MEANING_RESULTS and values[MEANING_RESULTS - 1] >= bound):
            break
        size *= 4
    # Among equals a word match (no primary key here: it is in the results already) comes first.
    candidates = [(value, None, None) for value in text_values]
    candidates += [(value, pk, order) for pk, (value, order) in found.items()]
    nearest = sorted(candidates, key=lambda entry: -entry[0])[:MEANING_RESULTS]
    if not nearest:
        return {}
    floor = max(floor_at_least, nearest[0][0] - margin)
    values = np.array([value for value, _pk, _order in nearest], dtype=np.float32)
    chosen = (values >= floor).tolist()
    return {
        pk: (value, order) for (value, pk, order), keep in zip(nearest, chosen, strict=True) if keep and pk is not None
    }


def _ordered(clauses, pks: np.ndarray, score: np.ndarray, order: np.ndarray):
    """`RankedClauses` best first; among equals in the library's order (section, then primary key)."""
    ranked = np.lexsort((pks, order, -score))
    ranked_pks = pks[ranked].tolist()
    return RankedClauses(clauses, ranked_pks, dict(zip(ranked_pks, score[ranked].tolist(), strict=True)))


def _text_ranks(clauses, words, *, indexed=None, status=None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The clauses that contain the query's words: their primary keys, ranks from 0.5 to 1 and section orders.

    `indexed` is (scope, its clauses, its stamp), whose word index answers on PostgreSQL (`_indexed_matches`).
    """
    indexed = indexed if connection.vendor == "postgresql" else None
    answer = _indexed_matches(clauses, words, *indexed, status) if indexed else None
    if answer is not None:
        pks, ranks, orders = answer
    elif connection.vendor == "postgresql":
        tsquery = _tsquery(words)
        matches = (
            clauses.filter(search_vector=tsquery)
            .order_by()
            .annotate(rank=SearchRank(F("search_vector"), tsquery))
            .values_list("pk", "rank", "section__order")
        )
        pks, ranks, orders = _as_arrays(matches, ("pk", "rank", "section__order"))
    else:
        stems = [_stem(word) for word in words]
        rows = clauses.order_by().values_list("pk", "section__order", "text")
        found = [(pk, order) for pk, order, text in rows if _contains_stems(text, stems)]
        pks = [pk for pk, _order in found]
        ranks, orders = [1.0] * len(found), [order for _pk, order in found]
    ranks = np.array(ranks, dtype=np.float64)
    best = float(ranks.max()) if len(ranks) else 0
    return np.array(pks, dtype=np.int64), 0.5 + 0.5 * ranks / (best or 1), np.array(orders, dtype=np.int64)


def _indexed_matches(clauses, words, scope, visible, stamp, status):
    """`_text_ranks`'s matches from the scope's word index: (primary keys, ranks, section orders), or None for a
    query the index does not answer. The ranks are as the database sends `ts_rank`'s float4 (its shortest
    decimal form, read as a double)."""
    operands, section_orders = word_index.normalised(SEARCH_CONFIG, _raw_query(words))
    if operands is None:
        return None
    index = word_index.index_of(scope, visible, stamp)
    rows, ranks = index.search(operands)
    # Each distinct float4 once through its shortest decimal form: a search has a few dozen distinct ranks.
    distinct, where = np.unique(ranks.astype(np.float32), return_inverse=True)
    ranks = distinct.astype(str).astype(np.float64)[where]
    if status is not None:
        keep = np.ones(len(rows), dtype=bool) if not status else index.active[rows] == (status == "active")
        rows, ranks = rows[keep], ranks[keep]
        orders = [section_orders[section] for section in index.sections[rows].tolist()]
        return index.pks[rows].tolist(), ranks.tolist(), orders
    pks = index.pks[rows]
    if not len(pks):
        return [], [], []
    among_pks, among_orders = _as_arrays(
        clauses.filter(pk__in=pks.tolist()).order_by().values_list("pk", "section__order"), ("pk", "section__order")
    )
    rank_of = dict(zip(pks.tolist(), ranks.tolist(), strict=True))
    return among_pks, [rank_of[pk] for pk in among_pks], among_orders


def _as_arrays(rows, names) -> list[list]:
    """The columns of a `values_list` query on PostgreSQL, each as one array: a single row to read however
    many clauses match, rather than a Python tuple per clause."""
    sql, params = rows.query.sql_with_params()
    columns = ", ".join(f"array_agg(matches.{connection.ops.quote_name(name)})" for name in names)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {columns} FROM ({sql}) AS matches", params)
        return [column or [] for column in cursor.fetchone()]


def _search_rows(clauses, text, query):
    """The search over every one of `clauses` read with its text, computing up to COMPUTE_PER_SEARCH vectors."""
    rows = list(clauses.order_by("section__order", "pk").values_list("pk", "language", "text"))
    if not rows:
        return RankedClauses(clauses, [], {})
    pks = np.fromiter((row[0] for row in rows), dtype=np.int64, count=len(rows))
    index_of = {pk: index for index, pk in enumerate(pks.tolist())}
    text_rank = np.zeros(len(rows), dtype=np.float32)
    text_pks, text_ranks, _orders = text
    for pk, rank in zip(text_pks.tolist(), text_ranks.tolist(), strict=True):
        text_rank[index_of[pk]] = rank
    found = text_rank > 0
    score = _closeness(rows, query) + TEXT_WEIGHT * text_rank
    found |= _nearest_in_meaning(score - TEXT_WEIGHT * text_rank)
    chosen = np.flatnonzero(found)
    # Best first; among equals the library's order (section, then primary key), which `rows` is in.
    ranked = chosen[np.lexsort((chosen, -score[chosen]))]
    ranked_pks = pks[ranked].tolist()
    return RankedClauses(clauses, ranked_pks, dict(zip(ranked_pks, score[ranked].tolist(), strict=True)))


def _language_of(query: str) -> str:
    return "ru" if re.search("[а-яё]", query.lower()) else "et"


def _closeness(rows, query: str) -> np.ndarray:
    matrix = similarity.clause_vectors(rows, compute_limit=COMPUTE_PER_SEARCH)
    return matrix @ similarity.query_vector(query, _language_of(query))


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
            # In rank order below: the database need not sort them.
            found = {clause.pk: clause for clause in self.clauses.filter(pk__in=pks).order_by()}
            return [found[pk] for pk in pks if pk in found]
        pk = self.ranked[index]
        return self.clauses.get(pk=pk)

    def __iter__(self):
        return iter(self[:])


# The columns of a clause that no list of the library shows.
UNSHOWN = ("search_vector", "created_at", "updated_at", "lead_in")


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
    prefetch_tags=True,
    stamp=None,
):
    """The clauses an organisation's library page lists (how often the organisation uses each comes from the
    instructions' side, `use_counts`). Without `prefetch_tags` the caller reads the tags of the clauses it shows
    with `tag_names`. `stamp` is the library's `similarity.scope_stamp`, when the caller has read it already."""
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
    # The callers show the section and whether a clause is the organisation's own (its organisation_id):
    # no organisation row is joined.
    # Nor do they show the stored search vector, the longest column, the times or the lead-in (the times alone
    # cost a page of 25 clauses a tenth of its fetch, read into Python).
    clauses = clauses.select_related("section").defer(*UNSHOWN).order_by("section__order", "pk")
    if prefetch_tags:
        clauses = clauses.prefetch_related("tags")
    # Clauses narrowed by their status alone are what the word index knows without asking the database.
    narrowed = category or scope or section is not None or language or tag is not None or source
    plain_status = None if narrowed else (status if status in ("active", "retired") else "")
    return search_clauses(clauses, query, organisation=organisation, status=plain_status, stamp=stamp)


def tag_names(clauses) -> dict[int, list[str]]:
    """The tag names of each of `clauses` (a page of `library_clauses`), in the order `clause.tags.all()` gives.

    One query of two columns, written out: a prefetch would build a Tag and a related manager for every clause
    of the page, and the ORM's join through the links costs more to build than to answer.
    """
    names = {clause.pk: [] for clause in clauses}
    if not names:
        return names
    links, tags = (connection.ops.quote_name(model._meta.db_table) for model in (Clause.tags.through, Tag))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT link.clause_id, tag.name FROM {links} link INNER JOIN {tags} tag ON link.tag_id = tag.id "
            f"WHERE link.clause_id IN ({placeholders(names)}) ORDER BY tag.name",
            list(names),
        )
        for clause_id, name in cursor.fetchall():
            names[clause_id].append(name)
    return names


def sources(organisation, stamp=None) -> list[str]:
    """The documents the visible clauses came from, for the source filter: kept per process, as of the library's
    `similarity.scope_stamp` (read here unless the caller has it)."""
    stamp = similarity.scope_stamp(organisation.pk) if stamp is None else stamp
    with _sources_lock:
        kept = _sources.get(organisation.pk)
        if kept is not None and kept[0] == stamp:
            _sources.move_to_end(organisation.pk)
            return kept[1]
    clauses = Clause.objects.visible_to(organisation).exclude(source="")
    found = list(clauses.order_by("source").values_list("source", flat=True).distinct())
    with _sources_lock:
        _sources[organisation.pk] = (stamp, found)
        _sources.move_to_end(organisation.pk)
        while len(_sources) > SOURCES_KEPT:
            _sources.popitem(last=False)
    return found
