"""The reference page of the benchmarks: the base template for a logged-in person, served only with the bench URLs."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse

from tests.conftest import login


def test_the_app_itself_has_no_reference_page():
    with pytest.raises(NoReverseMatch):
        reverse("bench_reference")


@pytest.mark.urls("jobdesc.bench.urls")
def test_it_shows_the_base_template_to_a_logged_in_person_with_a_few_queries(hr):
    client = login(hr)
    client.get(reverse("bench_reference"))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("bench_reference"))
    assert response.status_code == 200
    assert [template.name for template in response.templates][:2] == ["bench/reference.html", "base.html"]
    assert len(queries) <= 6


@pytest.mark.urls("jobdesc.bench.urls")
def test_an_anonymous_visitor_is_sent_to_log_in(db, client):
    response = client.get(reverse("bench_reference"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
