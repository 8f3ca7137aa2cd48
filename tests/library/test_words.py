"""The word index answers the library's word matches as PostgreSQL's `@@` and `ts_rank` would, to the last bit."""

import random

import numpy as np
import pytest
from django.db import connection

from jobdesc.library import search, similarity
from jobdesc.library import words as word_index
from jobdesc.library.models import Clause, SectionKind
from jobdesc.library.search import library_clauses
from tests.library.test_search import LIBRARY


def test_a_vector_is_read_with_its_positions_weights_and_quoted_lexemes():
    assert word_index.parse_vector("'a':1A,3 'b''c':2B 'd\\\\e' 'ф':7C") == [
        ("a", ((1, 3), (3, 0))),
        ("b'c", ((2, 2),)),
        ("d\\e", None),
        ("ф", ((7, 1),)),
    ]
    assert word_index.parse_vector("") == []


def test_only_a_conjunction_of_words_and_prefixes_is_answered_by_the_index():
    assert word_index.parse_query("'клиент':* & 'ab'") == [("клиент", True), ("ab", False)]
    assert word_index.parse_query("") == []
    assert word_index.parse_query("'интернет-магазин':* <-> 'интернет':*") is None
    assert word_index.parse_query("'a' | 'b'") is None
    assert word_index.parse_query("!'a'") is None
    # The same lexeme as a word and as a prefix: which of them PostgreSQL ranks by is up to its sort.
    assert word_index.parse_query("'ab' & 'ab':*") is None
    assert word_index.parse_query("'ab':* & 'ab':*") == [("ab", True), ("ab", True)]


def random_vector(rng, letters="абвгд"):
    lexemes = sorted({"".join(rng.choice(letters) for _ in range(rng.randint(1, 3))) for _ in range(rng.randint(1, 6))})
    entries = []
    for lexeme in lexemes:
        if rng.random() < 0.1:
            entries.append(f"'{lexeme}'")
            continue
        positions = sorted(rng.sample(range(1, 120), rng.randint(1, 4)))
        entries.append(f"'{lexeme}':" + ",".join(f"{p}{rng.choice(['', 'A', 'B', 'C'])}" for p in positions))
    return " ".join(entries)


def random_query(rng, letters="абвгд"):
    terms = ["".join(rng.choice(letters) for _ in range(rng.randint(1, 2))) for _ in range(rng.randint(1, 3))]
    return " & ".join(f"'{term}'" + (":*" if rng.random() < 0.5 else "") for term in terms)


def test_matches_and_ranks_are_postgresql_s_for_any_vector_and_query(postgresql):
    """Vectors with weights, positions far apart and lexemes without positions, which the library's own
    vectors never have, against queries of one to three words and prefixes."""
    rng = random.Random(7)
    vectors = [random_vector(rng) for _ in range(300)]
    index = word_index.WordIndex(None, [(n, True, 1, vector) for n, vector in enumerate(vectors)])
    compared = ranked_by_and = 0
    with connection.cursor() as cursor:
        for _ in range(150):
            query = random_query(rng)
            operands = word_index.parse_query(query)
            if operands is None:
                continue
            cursor.execute(
                "SELECT n - 1, ts_rank(v::tsvector, %s::tsquery) FROM unnest(%s::text[]) WITH ORDINALITY AS t(v, n) "
                "WHERE v::tsvector @@ %s::tsquery ORDER BY n",
                [query, vectors, query],
            )
            expected = cursor.fetchall()
            rows, ranks = index.search(operands)
            sent = ranks.astype(np.float32).astype(str).astype(float).tolist()
            assert list(zip(rows.tolist(), sent, strict=True)) == expected
            compared += len(expected)
            ranked_by_and += len(expected) if len({lexeme for lexeme, _prefix in operands}) > 1 else 0
    assert compared > 500 and ranked_by_and > 50


@pytest.fixture
def library(organisation, other_organisation):
    kinds = {kind.code: kind for kind in SectionKind.objects.all()}
    owners = [None, organisation, other_organisation]
    made = [
        Clause.objects.create(section=kinds[code], text=text, organisation=owners[n % 3])
        for n, (code, text) in enumerate(LIBRARY)
    ]
    Clause.objects.filter(pk=made[4].pk).update(is_active=False)
    similarity.clause_vectors([(clause.pk, clause.language, clause.text) for clause in made], reuse=False)
    return made


def the_database_s(monkeypatch):
    """Have the search ask PostgreSQL for its word matches, as it did before the index."""
    monkeypatch.setattr(word_index, "parse_query", lambda text: None)


def found(organisation, query, **filters):
    ranked = library_clauses(organisation, query=query, **filters)
    return [(pk, ranked.scores[pk]) for pk in ranked.ranked]


def test_the_library_search_finds_and_ranks_as_the_database_does(postgresql, library, organisation, monkeypatch):
    texts = [search.words_of(text) for _code, text in LIBRARY]
    queries = [" ".join(words) for text in texts for words in (text[:1], text[:2], text)]
    queries += ["товар", "клиентов", "и", "касса склад", "до"]
    filters = [{}, {"status": "retired"}, {"status": "all"}, {"section": SectionKind.objects.get(code="rights")}]
    answers = {(query, n): found(organisation, query, **f) for query in queries for n, f in enumerate(filters)}
    assert sum(1 for answer in answers.values() if len(answer) > 1) > 10
    the_database_s(monkeypatch)
    for (query, n), answer in answers.items():
        assert found(organisation, query, **filters[n]) == answer, (query, filters[n])


def test_a_clause_rewritten_by_update_is_found_by_its_new_words_at_once(postgresql, library, organisation):
    assert found(organisation, "бухгалтерия") == []
    Clause.objects.filter(pk=library[1].pk).update(text="Ведёт учёт для бухгалтерии.")
    assert [pk for pk, _score in found(organisation, "бухгалтерия")] == [library[1].pk]


def test_the_word_index_is_read_once_until_the_library_changes(postgresql, library, organisation, monkeypatch):
    reads = []
    built = word_index.WordIndex
    monkeypatch.setattr(word_index, "WordIndex", lambda *args: reads.append(1) or built(*args))
    word_index.forget()
    for _ in range(3):
        found(organisation, "товар")
    assert len(reads) == 1
    Clause.objects.create(organisation=organisation, section=library[0].section, text="Ведёт учёт товара.")
    found(organisation, "товар")
    assert len(reads) == 2
