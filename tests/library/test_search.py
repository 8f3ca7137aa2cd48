"""Search of clauses by words — Russian word forms on PostgreSQL, a plain fallback elsewhere — and by meaning."""

import pytest
from django.db import connection

from jobdesc.library import search, similarity
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
def test_postgresql_searches_the_stored_vector_through_its_index(postgresql, clauses):
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'library_clause_search_vector_gin'")
        (definition,) = cursor.fetchone()
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = text_matches(Clause.objects.all(), "договором").explain()
    assert "gin (search_vector)" in definition
    assert "library_clause_search_vector_gin" in plan
    assert "to_tsvector" not in plan


def stored_vector(clause):
    with connection.cursor() as cursor:
        cursor.execute("SELECT search_vector::text FROM library_clause WHERE id = %s", [clause.pk])
        return cursor.fetchone()[0]


@pytest.mark.postgres
def test_the_stored_vector_follows_every_write_of_the_text(postgresql, clauses):
    clause = clauses["contracts"]
    assert "'договор'" in stored_vector(clause)
    clause.text = "Ведёт переписку с поставщиками."
    clause.save()
    assert found("поставщик") == {clause.text}
    Clause.objects.filter(pk=clause.pk).update(text="Проверяет накладные.")
    assert found("накладная") == {"Проверяет накладные."}
    Clause.objects.filter(pk=clause.pk).update(is_active=False)
    assert "'накладн'" in stored_vector(clause)
    duties = SectionKind.objects.get(code="duties")
    Clause.objects.bulk_create([Clause(section=duties, text="Ведёт учёт инвентаря.")])
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO library_clause (section_id, language, text, source, is_active, suits_managers,"
            " suits_specialists, suits_technical, suits_workers, profession, standard, created_at,"
            " updated_at) VALUES (%s, 'ru', 'Составляет график отпусков.', '', true, true, true, true,"
            " true, '', false, now(), now())",
            [duties.pk],
        )
    assert found("инвентарь") == {"Ведёт учёт инвентаря."}
    assert found("отпуск") == {"Составляет график отпусков."}


@pytest.mark.postgres
def test_the_loaded_library_has_its_vectors_stored(postgresql):
    from django.core.management import call_command

    call_command("loaddata", "clauses", verbosity=0)
    assert Clause.objects.count() > 100
    assert not Clause.objects.filter(search_vector__isnull=True).exists()


def test_sqlite_leaves_the_column_empty_and_searches_the_text(clauses):
    if connection.vendor == "postgresql":
        pytest.skip("SQLite's path")
    assert not Clause.objects.filter(search_vector__isnull=False).exists()
    assert found("клиентов") == {clauses["clients"].text}


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


LIBRARY = [
    ("duties", "Принимает товар на склад."),
    ("duties", "Отпускает товары со склада по накладным."),
    ("duties", "Ведёт кассовую книгу."),
    ("duties", "Проводит уроки по учебной программе."),
    ("duties", "Консультирует покупателей по ассортименту."),
    ("duties", "Организует приёмку товаров от поставщиков."),
    ("duties", "Консультирует клиентов по вопросам обслуживания."),
    ("duties", "Поддерживает постоянный контакт с клиентами компании."),
    ("duties", "Проверяет накладные при приёмке продукции."),
    ("duties", "Составляет график отпусков работников."),
    ("duties", "Ведёт учёт товарно-материальных ценностей на складе."),
    ("duties", "Принимает оплату от покупателей через кассу."),
    ("rights", "Запрашивать у поставщиков документы на товар."),
    ("rights", "Требовать от клиентов соблюдения условий договора."),
    ("responsibility", "За сохранность товаров на складе."),
    ("responsibility", "За ошибки в кассовых документах."),
]
QUERIES = ["приёмка товаров", "товар", "клиентов", "касса", "склад", "обслуживание покупателей", "уроки"]


@pytest.fixture
def library(organisation, other_organisation):
    kinds = {kind.code: kind for kind in SectionKind.objects.all()}
    owners = [None, organisation, other_organisation]
    made = [
        Clause.objects.create(section=kinds[code], text=text, organisation=owners[n % 3])
        for n, (code, text) in enumerate(LIBRARY)
    ]
    similarity.clause_vectors([(clause.pk, clause.language, clause.text) for clause in made], reuse=False)
    return made


def read_every_clause(clauses, query):
    """The search as it was before the scope's matrix was kept: every clause read with its text."""
    return search._search_rows(clauses, search._text_ranks(clauses, search.words_of(query)), query)


def results(ranked):
    return [(pk, round(ranked.scores[pk], 5)) for pk in ranked.ranked]


def test_the_kept_matrix_finds_the_same_clauses_in_the_same_order_as_reading_every_clause(
    library, organisation, monkeypatch
):
    everyone = Clause.objects.all()
    visible = Clause.objects.visible_to(organisation).active()
    duties = visible.filter(section__code="duties")
    expected = {
        (name, query): results(read_every_clause(clauses, query))
        for name, clauses in (("all", everyone), ("visible", visible), ("duties", duties))
        for query in QUERIES
    }
    assert any(len(found) > 3 for found in expected.values())

    def unread(*args):
        raise AssertionError("every clause was read")

    monkeypatch.setattr(search, "_search_rows", unread)
    for query in QUERIES:
        assert results(search_clauses(everyone, query)) == expected["all", query], query
        for name, clauses in (("visible", visible), ("duties", duties)):
            assert results(search_clauses(clauses, query, organisation=organisation)) == expected[name, query], query


def texts(query, organisation):
    found = search_clauses(Clause.objects.visible_to(organisation).active(), query, organisation=organisation)
    return [clause.text for clause in found]


def test_a_clause_added_edited_or_retired_changes_the_next_search_at_once(library, organisation):
    from jobdesc.library.services import retire_clause

    edited = library[3]
    assert edited.text not in texts("приёмка товаров", organisation)
    added = Clause.objects.create(
        organisation=organisation, section=library[0].section, text="Принимает товары на склад по количеству."
    )
    similarity.store_vector(added)
    assert added.text in texts("приёмка товаров", organisation)

    # By meaning alone: the new wording has none of the query's words.
    edited.text = "Размещает принятый товар на стеллажах склада."
    edited.save()
    similarity.store_vector(edited)
    assert edited.text in texts("приёмка товаров", organisation)
    edited.text = "Проводит уроки по учебной программе."
    edited.save()
    similarity.store_vector(edited)
    assert edited.text not in texts("приёмка товаров", organisation)

    # Saved without a new vector: the search computes it, as for a clause never indexed.
    edited.text = "Принимает товары от поставщиков на склад."
    edited.save()
    assert edited.text in texts("приёмка товаров", organisation)

    retire_clause(clause=added)
    assert added.text not in texts("приёмка товаров", organisation)
    Clause.objects.filter(pk=edited.pk).delete()
    assert edited.text not in texts("приёмка товаров", organisation)


def test_a_search_reads_the_library_s_texts_only_when_it_changed(library, organisation):
    from django.test.utils import CaptureQueriesContext

    def reads_texts():
        with CaptureQueriesContext(connection) as captured:
            list(search_clauses(Clause.objects.visible_to(organisation), "склад", organisation=organisation)[:25])
        # Every clause's text, not the page's clauses.
        return any('"library_clause"."text" AS "text"' in query["sql"] for query in captured)

    # SQLite's search by words reads the texts each time; PostgreSQL's reads the stored search vectors.
    words_read_texts = connection.vendor != "postgresql"
    assert reads_texts()
    assert reads_texts() is words_read_texts
    added = Clause.objects.create(organisation=organisation, section=library[0].section, text="Ведёт складской учёт.")
    similarity.store_vector(added)
    assert reads_texts()
    assert reads_texts() is words_read_texts


def test_the_source_filter_reads_the_sources_once_and_lists_a_new_one_at_once(
    library, organisation, django_assert_num_queries
):
    from jobdesc.library.search import sources

    assert "Положение о складе.docx" not in sources(organisation)
    stamp = similarity.scope_stamp(organisation.pk)
    with django_assert_num_queries(0):
        kept = sources(organisation, stamp)
    assert kept == list(Clause.objects.visible_to(organisation).exclude(source="").values_list("source", flat=True))
    Clause.objects.create(
        organisation=organisation, section=library[0].section, text="Ведёт учёт.", source="Положение о складе.docx"
    )
    assert "Положение о складе.docx" in sources(organisation)
