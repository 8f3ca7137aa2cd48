"""Search of clauses by words — Russian word forms on PostgreSQL, a plain fallback elsewhere — and by meaning."""

import pytest
from django.db import connection

from jobdesc.library.models import Clause, SectionKind
from jobdesc.library.search import text_matches


@pytest.fixture
def clauses(db):
    duties = SectionKind.objects.get(code="duties")
    return {
        "clients": Clause.objects.create(section=duties, text="Поддерживает постоянный контакт с клиентами компании."),
        "contracts": Clause.objects.create(section=duties, text="Заключает договоры поставки продукции."),
        "reports": Clause.objects.create(section=duties, text="Готовит отчёты о продажах."),
    }


def found(query):
    return set(text_matches(Clause.objects.all(), query).values_list("text", flat=True))


def test_an_empty_query_narrows_nothing(clauses):
    assert len(found("  ")) == 3


def test_it_finds_a_clause_whatever_the_letter_case(clauses):
    assert found("КЛИЕНТАМИ") == {clauses["clients"].text}


def test_every_word_of_the_query_must_match(clauses):
    assert found("договоры продукции") == {clauses["contracts"].text}
    assert found("договоры клиентами") == set()


def test_it_finds_other_forms_of_a_word(clauses):
    assert found("клиентов") == {clauses["clients"].text}
    assert found("договор") == {clauses["contracts"].text}


def test_ё_and_е_are_the_same_letter(clauses):
    assert found("отчеты") == {clauses["reports"].text}


@pytest.mark.postgres
def test_postgresql_understands_russian_word_forms(postgresql, clauses):
    assert found("договором") == {clauses["contracts"].text}
    assert found("клиент компания") == {clauses["clients"].text}
    assert found("продаже") == {clauses["reports"].text}


@pytest.mark.postgres
def test_postgresql_uses_the_russian_text_search_index(postgresql, clauses):
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'library_clause_text_russian_fts'")
        (definition,) = cursor.fetchone()
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = text_matches(Clause.objects.all(), "договором").explain()
    assert "to_tsvector('russian'::regconfig" in definition
    assert "library_clause_text_russian_fts" in plan
