"""The library's word matches on PostgreSQL, answered in the process from each scope's stored search vectors.

Scanning every clause's `search_vector` with `@@` and `ts_rank` takes PostgreSQL longer than anything else a
search does (each of 10 000 vectors is read and matched), and a GIN index does not help a prefix as common as
«клиент:*». So each scope's vectors are read once into an index of their lexemes (`WordIndex`), kept per
process and read again only when the scope's stamp changes (`similarity.scope_stamp`), as the vectors of
meaning are. PostgreSQL still normalises the query's words (`to_tsquery` with the library's configuration),
so the words are stemmed and their stop words dropped exactly as before.

The matches are those of `@@` for a conjunction of words and prefixes, and the ranks are `ts_rank`'s with its
default weights, computed as PostgreSQL's tsrank.c computes them, in single precision where it works in single
precision: the search ranks the same clauses in the same order with the same scores. A query of any other
form (a phrase, which `to_tsquery` makes of a hyphenated word) is left to the database.
"""

import bisect
import math
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass

import numpy as np
from django.db import connection

from .models import SectionKind

# tsrank.c: the weights of D, C, B and A (float4), and what a position beyond the last stands for.
WEIGHTS = tuple(float(np.float32(weight)) for weight in (0.1, 0.2, 0.4, 1.0))
MAX_ENTRY_POSITION = (1 << 14) - 1
# PostgreSQL's sum of 1/i² to infinity, as tsrank.c writes it (a double).
PI_SQUARED_BY_SIX = 1.64493406685
SCOPES_KEPT = 8

ENTRY = re.compile(r"'((?:''|\\.|[^'\\])*)'(?::([0-9A-D,]+))?")
OPERAND = re.compile(r"'((?:''|\\.|[^'\\])*)'(:\*)?")
UNESCAPE = re.compile(r"''|\\(.)")
POSITION = re.compile(r"(\d+)([A-D]?)")
WEIGHT_OF = {"": 0, "D": 0, "C": 1, "B": 2, "A": 3}
# A lexeme stored without positions (a stripped vector): `None` stands for tsrank.c's placeholder.
NO_POSITIONS = None

_lock = threading.Lock()
_scopes: OrderedDict = OrderedDict()


def f32(value: float) -> float:
    """`value` rounded to single precision, as a C float holds it."""
    return float(np.float32(value))


def _unescape(text: str) -> str:
    return UNESCAPE.sub(lambda match: "'" if match[0] == "''" else match[1], text)


def parse_positions(text: str) -> tuple | None:
    """A lexeme's positions as the text form writes them («3,7B») as ((position, weight index), ...); None for none."""
    if not text:
        return NO_POSITIONS
    return tuple((int(number), WEIGHT_OF[weight]) for number, weight in POSITION.findall(text))


def _entries(text: str) -> list[tuple[str, str]]:
    """A tsvector's text form as (lexeme, its positions' text), in its stored order."""
    return [
        (_unescape(lexeme) if "'" in lexeme or "\\" in lexeme else lexeme, positions)
        for lexeme, positions in ENTRY.findall(text or "")
    ]


def parse_vector(text: str) -> list[tuple[str, tuple | None]]:
    """A tsvector's text form as (lexeme, ((position, weight index), ...) or None), in its stored order."""
    return [(lexeme, parse_positions(positions)) for lexeme, positions in _entries(text)]


def parse_query(text: str) -> list[tuple[str, bool]] | None:
    """A tsquery's text form as its operands (lexeme, is a prefix), if it is a conjunction of them; else None.

    The empty query (only stop words) has no operands and matches nothing. A lexeme both as a word and as a
    prefix is left to the database too: which of the two tsrank.c keeps is up to its sort.
    """
    text = text.strip()
    if not text:
        return []
    operands = []
    for part in text.split(" & "):
        match = OPERAND.fullmatch(part)
        if match is None:
            return None
        operands.append((_unescape(match[1]), bool(match[2])))
    if len({lexeme for lexeme, _prefix in operands}) < len(set(operands)):
        return None
    return operands


def _or_share(positions) -> float:
    """What one matching lexeme adds to `calc_rank_or`'s sum, before the float addition: a double."""
    if positions is NO_POSITIONS:
        positions = ((0, 0),)
    share, heaviest, heaviest_at = 0.0, -1.0, 0
    for j, (_position, weight_class) in enumerate(positions):
        weight = WEIGHTS[weight_class]
        share = f32(share + f32(weight / ((j + 1) * (j + 1))))
        if weight > heaviest:
            heaviest, heaviest_at = weight, j
    square = (heaviest_at + 1) * (heaviest_at + 1)
    return f32(f32(heaviest + share) - f32(heaviest / square)) / PI_SQUARED_BY_SIX


def _word_distance(distance: int) -> float:
    if distance > 100:
        return f32(1e-30)
    return f32(1.0 / (1.005 + 0.05 * math.exp(float(distance) / 1.5 - 2)))


@dataclass
class Lexeme:
    """The clauses (rows of the index) whose vector has the lexeme, and its positions in each: read from their
    text when a query first matches the lexeme, as most lexemes never are."""

    rows: np.ndarray
    position_texts: list
    _positions: list | None = None
    _shares: np.ndarray | None = None
    _by_row: dict | None = None

    @property
    def positions(self) -> list:
        if self._positions is None:
            self._positions = [parse_positions(text) for text in self.position_texts]
        return self._positions

    def shares(self) -> np.ndarray:
        if self._shares is None:
            self._shares = np.array([_or_share(positions) for positions in self.positions], dtype=np.float64)
        return self._shares

    def by_row(self) -> dict:
        if self._by_row is None:
            self._by_row = dict(zip(self.rows.tolist(), self.positions, strict=True))
        return self._by_row


class WordIndex:
    """The lexemes of a scope's clauses: which clauses have each, where, and each clause's status and section."""

    def __init__(self, stamp, rows):
        self.stamp = stamp
        pks, active, sections, found = [], [], [], {}
        for row, (pk, is_active, section_id, vector) in enumerate(rows):
            pks.append(pk)
            active.append(is_active)
            sections.append(section_id)
            for lexeme, positions in _entries(vector):
                entry = found.get(lexeme)
                if entry is None:
                    entry = found[lexeme] = ([], [])
                entry[0].append(row)
                entry[1].append(positions)
        self.pks = np.array(pks, dtype=np.int64)
        self.active = np.array(active, dtype=bool)
        self.sections = np.array(sections, dtype=np.int64)
        # Python orders strings by code point, which is the byte order of UTF-8 that PostgreSQL sorts lexemes in.
        self.vocabulary = sorted(found)
        self.lexemes = {
            lexeme: Lexeme(np.array(found[lexeme][0], dtype=np.int64), found[lexeme][1]) for lexeme in self.vocabulary
        }

    def _matching(self, lexeme: str, prefix: bool) -> list[str]:
        """The vocabulary's lexemes an operand matches, in their order (a prefix matches every lexeme it starts)."""
        if not prefix:
            return [lexeme] if lexeme in self.lexemes else []
        start = bisect.bisect_left(self.vocabulary, lexeme)
        end = start
        while end < len(self.vocabulary) and self.vocabulary[end].startswith(lexeme):
            end += 1
        return self.vocabulary[start:end]

    def search(self, operands: list[tuple[str, bool]]) -> tuple[np.ndarray, np.ndarray]:
        """The rows matching every operand (`@@`), in row order, and their `ts_rank` (float32 values as float64)."""
        if not operands or not len(self.pks):
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64)
        matched = [(lexeme, prefix, self._matching(lexeme, prefix)) for lexeme, prefix in operands]
        rows = None
        for _lexeme, _prefix, lexemes in matched:
            present = np.zeros(len(self.pks), dtype=bool)
            for name in lexemes:
                present[self.lexemes[name].rows] = True
            rows = present if rows is None else rows & present
        rows = np.flatnonzero(rows)
        # tsrank.c's SortAndUniqItems: the operands in the lexemes' order, each lexeme once.
        unique = {}
        for lexeme, _prefix, lexemes in sorted(matched, key=lambda entry: entry[0]):
            unique.setdefault(lexeme, lexemes)
        items = list(unique.values())
        # tsrank.c's calc_rank: a conjunction of two lexemes or more by their distances, else by their counts.
        if len(operands) > 1 and len(items) > 1:
            return rows, self._and_ranks(rows, items)
        return rows, self._or_ranks(rows, items)

    def _or_ranks(self, rows: np.ndarray, items: list[list[str]]) -> np.ndarray:
        total = np.zeros(len(self.pks), dtype=np.float32)
        chosen = np.zeros(len(self.pks), dtype=bool)
        chosen[rows] = True
        for lexemes in items:
            for name in lexemes:
                lexeme = self.lexemes[name]
                keep = chosen[lexeme.rows]
                at = lexeme.rows[keep]
                # float + double in double, kept as a float: tsrank.c's `res = res + (...) / 1.64493406685`.
                total[at] = (total[at].astype(np.float64) + lexeme.shares()[keep]).astype(np.float32)
        ranks = total[rows] / np.float32(len(items))
        return ranks.astype(np.float64)

    def _and_ranks(self, rows: np.ndarray, items: list[list[str]]) -> np.ndarray:
        lookups = [[self.lexemes[name].by_row() for name in lexemes] for lexemes in items]
        ranks = np.empty(len(rows), dtype=np.float64)
        for index, row in enumerate(rows.tolist()):
            ranks[index] = _and_rank([[found[row] for found in lexemes if row in found] for lexemes in lookups])
        return ranks


def _and_rank(entries: list[list]) -> float:
    """tsrank.c's `calc_rank_and` of one vector: `entries[i]` are the positions of each lexeme matching operand i."""
    placeholder = ((MAX_ENTRY_POSITION, 0),)
    positions = [None] * len(entries)
    result = -1.0
    for i, matching in enumerate(entries):
        for found in matching:
            absent = found is NO_POSITIONS
            positions[i] = (placeholder, True) if absent else (found, False)
            here, here_absent = positions[i]
            for k in range(i):
                if positions[k] is None:
                    continue
                there, there_absent = positions[k]
                for position, weight_class in here:
                    for other, other_class in there:
                        distance = abs(position - other)
                        if distance or here_absent or there_absent:
                            if not distance:
                                distance = MAX_ENTRY_POSITION
                            product = f32(f32(WEIGHTS[weight_class] * WEIGHTS[other_class]) * _word_distance(distance))
                            weight = f32(math.sqrt(product))
                            result = weight if result < 0 else f32(1.0 - (1.0 - result) * (1.0 - weight))
    return result if result >= 0 else f32(1e-20)


def index_of(scope, clauses, stamp) -> WordIndex:
    """The word index of `clauses`, the whole of a scope, as of `stamp` (`similarity.scope_stamp`)."""
    with _lock:
        ready = _scopes.get(scope)
        if ready is not None and ready.stamp == stamp:
            _scopes.move_to_end(scope)
            return ready
    rows = clauses.order_by("pk").values_list("pk", "is_active", "section_id", "search_vector")
    index = WordIndex(stamp, rows)
    with _lock:
        _scopes[scope] = index
        _scopes.move_to_end(scope)
        while len(_scopes) > SCOPES_KEPT:
            _scopes.popitem(last=False)
    return index


def normalised(config: str, raw_query: str) -> tuple[list[tuple[str, bool]] | None, dict[int, int]]:
    """The operands PostgreSQL makes of a raw query (`parse_query`), and the order of each section kind."""
    kinds = SectionKind._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f'SELECT to_tsquery(%s::regconfig, %s)::text, ARRAY(SELECT id FROM "{kinds}" ORDER BY id), '
            f'ARRAY(SELECT "order" FROM "{kinds}" ORDER BY id)',
            [config, raw_query],
        )
        text, ids, orders = cursor.fetchone()
    return parse_query(text), dict(zip(ids, orders, strict=True))


def forget() -> None:
    with _lock:
        _scopes.clear()
