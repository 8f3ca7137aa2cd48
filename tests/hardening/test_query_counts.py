"""The heavy pages need as many SQL queries for an organisation with many rows as for one with a few,
and a search never asks PostgreSQL to rank most of the library.

The organisations are built by the benchmark's own data builder (jobdesc/bench/data.py), so the
figures `make bench` reports and these counts come from the same kind of data.
"""

from dataclasses import asdict

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jobdesc.bench.data import Sizes, build, make_people
from jobdesc.bench.stages import PASSWORD, page_urls
from jobdesc.library.models import Clause
from jobdesc.library.search import text_matches
from jobdesc.orgs.models import Organisation
from tests.conftest import login

FEW = Sizes(editor_items=3, clauses=3, journal_versions=3, employees=3)
# More rows than one page of each list holds (journal 50, signatures 100, library 25).
MANY = Sizes(editor_items=40, clauses=60, journal_versions=120, employees=120)


def organisation_of(sizes, inn):
    organisation = Organisation.objects.create(full_name=f"ООО «Размер {inn}»", short_name=f"Размер {inn}", inn=inn)
    people = make_people(organisation, PASSWORD, prefix=f"{inn}-")
    built = build(organisation, people, sizes)
    return people["hr"], asdict(built)


def queries(user, url):
    client = login(user)
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


@pytest.mark.parametrize("page", ["editor", "library_search", "journal", "ack_dashboard"])
def test_a_heavy_page_needs_no_more_queries_for_many_rows_than_for_a_few(db, page):
    few_hr, few = organisation_of(FEW, "7703000001")
    many_hr, many = organisation_of(MANY, "7703000002")
    assert queries(many_hr, page_urls(many)[page]) == queries(few_hr, page_urls(few)[page])


def test_a_word_of_one_or_two_letters_is_not_a_prefix_that_would_rank_the_whole_library(db):
    if connection.vendor != "postgresql":
        pytest.skip("the prefix search is PostgreSQL's")
    sql = str(text_matches(Clause.objects.all(), "по кл клиент").query)
    assert "клиент:*" in sql
    assert "кл:*" not in sql and "по:*" not in sql
