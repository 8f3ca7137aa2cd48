"""Search of clauses by words — Russian word forms on PostgreSQL, a plain fallback elsewhere — and by meaning."""

import pytest
from django.db import connection

from jobdesc.library.models import Clause, SectionKind
from jobdesc.library.search import search_clauses, text_matches


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


@pytest.fixture
def warehouse(db):
    duties = SectionKind.objects.get(code="duties")
    texts = [
        "Принимает товар на склад.",
        "Отпускает товары со склада по накладным.",
        "Ведёт кассовую книгу.",
        "Проводит уроки по учебной программе.",
        "Консультирует покупателей по ассортименту.",
        "Организует приёмку товаров от поставщиков.",
    ]
    return {text: Clause.objects.create(section=duties, text=text) for text in texts}


def ranked(query, clauses=None):
    return [clause.text for clause in search_clauses(clauses or Clause.objects.all(), query)]


def test_a_search_finds_a_clause_by_its_meaning_when_it_lacks_the_query_s_words(warehouse):
    results = ranked("приёмка товаров")
    assert "Принимает товар на склад." in results[:3]
    assert "Проводит уроки по учебной программе." not in results


def test_a_clause_with_the_query_s_words_ranks_first(warehouse):
    assert ranked("приёмка товаров")[0] == "Организует приёмку товаров от поставщиков."


def test_meaning_alone_can_be_turned_off(warehouse):
    results = [c.text for c in search_clauses(Clause.objects.all(), "приёмка товаров", by_meaning=False)]
    assert results == ["Организует приёмку товаров от поставщиков."]


def test_search_results_page_like_a_queryset(warehouse):
    results = search_clauses(Clause.objects.all(), "товар")
    assert len(results) == results.count() >= 2
    assert [clause.text for clause in results[:1]] == [results[0].text]


def test_the_number_of_queries_of_a_search_does_not_grow_with_the_library(warehouse):
    from django.test.utils import CaptureQueriesContext

    def queries():
        list(search_clauses(Clause.objects.all(), "приёмка товаров")[:25])  # warm: vectors computed and stored
        with CaptureQueriesContext(connection) as captured:
            list(search_clauses(Clause.objects.all(), "приёмка товаров")[:25])
        return len(captured)

    few = queries()
    duties = SectionKind.objects.get(code="duties")
    Clause.objects.bulk_create(Clause(section=duties, text=f"Складской пункт номер {n}.") for n in range(40))
    assert queries() == few
