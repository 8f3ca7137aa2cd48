"""`manage.py index_clauses`: the vectors of every active clause, computed once."""

from io import StringIO

from django.core.management import call_command

from jobdesc.library import similarity
from jobdesc.library.models import Clause, ClauseVector, SectionKind


def test_it_stores_a_vector_for_every_active_clause_and_skips_them_next_time(db):
    duties = SectionKind.objects.get(code="duties")
    Clause.objects.create(section=duties, text="Принимает товар на склад.")
    Clause.objects.create(section=duties, text="Ведёт кассовую книгу.")
    Clause.objects.create(section=duties, text="Старый пункт.", is_active=False)
    out = StringIO()
    call_command("index_clauses", stdout=out)
    assert ClauseVector.objects.count() == 2
    assert "2" in out.getvalue() and similarity.model().name in out.getvalue()
    stored = set(ClauseVector.objects.values_list("clause_id", "digest"))
    call_command("index_clauses", stdout=StringIO())
    assert set(ClauseVector.objects.values_list("clause_id", "digest")) == stored
