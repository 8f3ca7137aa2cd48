"""The library's count of writes per scope, kept by triggers: every way of writing a clause or its vector moves
the stamp of the scope it belongs to, and only that one (and every scope, for the shared library)."""

import pytest
from django.db import connection

from jobdesc.library import similarity
from jobdesc.library.models import Clause, ClauseVector, LibraryWrites, SectionKind
from jobdesc.library.search import search_clauses


@pytest.fixture
def duties(db):
    return SectionKind.objects.get(code="duties")


def stamps(*organisations):
    return [similarity.scope_stamp(organisation.pk) for organisation in organisations]


def test_every_way_of_writing_a_clause_counts_for_its_organisation_only(duties, organisation, other_organisation):
    clause = Clause.objects.create(organisation=organisation, section=duties, text="Ведёт учёт товаров.")
    writes = [
        lambda: Clause.objects.create(organisation=organisation, section=duties, text="Принимает товар."),
        lambda: clause.save(),
        lambda: Clause.objects.filter(pk=clause.pk).update(text="Ведёт учёт товаров на складе."),
        lambda: Clause.objects.bulk_create(
            [Clause(organisation=organisation, section=duties, text="Отпускает товар.")]
        ),
        lambda: similarity.store_vector(clause),
        lambda: ClauseVector.objects.filter(pk=clause.pk).update(digest="0" * 32),
        lambda: ClauseVector.objects.filter(pk=clause.pk).delete(),
        lambda: Clause.objects.filter(text="Принимает товар.").delete(),
    ]
    if connection.vendor == "postgresql":
        table = Clause._meta.db_table
        writes.append(
            lambda: connection.cursor().execute(f"UPDATE {table} SET is_active = false WHERE id = %s", [clause.pk])
        )
    for write in writes:
        ours, theirs = stamps(organisation, other_organisation)
        write()
        after_ours, after_theirs = stamps(organisation, other_organisation)
        assert after_ours != ours
        assert after_theirs == theirs


def test_a_write_to_the_shared_library_counts_for_every_organisation(duties, organisation, other_organisation):
    before = stamps(organisation, other_organisation)
    shared = Clause.objects.create(section=duties, text="Соблюдает правила внутреннего трудового распорядка.")
    after = stamps(organisation, other_organisation)
    assert after[0] != before[0] and after[1] != before[1]
    assert similarity.scope_stamp("all") != ()
    # A clause taken from the shared library into an organisation's own counts for both scopes.
    everyone = similarity.scope_stamp("all")
    Clause.objects.filter(pk=shared.pk).update(organisation=organisation)
    moved = stamps(organisation, other_organisation)
    assert moved[0] != after[0] and moved[1] != after[1]
    assert similarity.scope_stamp("all") != everyone


def test_a_count_written_again_from_nothing_never_repeats_a_stamp(duties, organisation):
    Clause.objects.create(organisation=organisation, section=duties, text="Ведёт учёт товаров.")
    first = similarity.scope_stamp(organisation.pk)
    LibraryWrites.objects.all().delete()  # as a flushed test database is
    Clause.objects.create(organisation=organisation, section=duties, text="Принимает товар.")
    again = similarity.scope_stamp(organisation.pk)
    assert [writes for _scope, writes, _token in again] == [writes for _scope, writes, _token in first]
    assert again != first


def test_a_clause_rewritten_by_an_update_is_searched_by_its_new_meaning_at_once(duties, organisation):
    clauses = [
        Clause.objects.create(organisation=organisation, section=duties, text=text)
        for text in ("Принимает товар на склад.", "Проводит уроки по учебной программе.", "Ведёт кассовую книгу.")
    ]
    for clause in clauses:
        similarity.store_vector(clause)
    visible = Clause.objects.visible_to(organisation)

    def texts():
        return [clause.text for clause in search_clauses(visible, "приёмка товаров", organisation=organisation)]

    assert "Проводит уроки по учебной программе." not in texts()
    # No save(), so no new `updated_at`: the old stamp of counts and dates did not see this.
    Clause.objects.filter(pk=clauses[1].pk).update(text="Размещает принятый товар на стеллажах склада.")
    assert "Размещает принятый товар на стеллажах склада." in texts()
