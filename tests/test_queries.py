"""`AmongKeys` keeps the rows whose key is among a subquery's, written for the planner of each database."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext

from jobdesc.queries import AmongKeys

pytestmark = pytest.mark.django_db


def test_the_rows_among_the_keys_and_no_others():
    kept = [Group.objects.create(name=f"kept {number}") for number in range(3)]
    Group.objects.create(name="left out")
    keys = Group.objects.filter(name__startswith="kept").values("pk")
    with CaptureQueriesContext(connection) as queries:
        found = set(Group.objects.filter(AmongKeys(F("pk"), keys)).values_list("name", flat=True))
    assert found == {group.name for group in kept}
    written = queries.captured_queries[0]["sql"]
    if connection.vendor == "postgresql":
        assert "= ANY(ARRAY(SELECT" in written
    else:
        assert " IN (SELECT" in written


def test_no_key_keeps_no_row():
    Group.objects.create(name="alone")
    assert not Group.objects.filter(AmongKeys(F("pk"), Group.objects.none().values("pk"))).exists()
    assert not Group.objects.filter(AmongKeys(F("pk"), Group.objects.filter(name="nobody").values("pk"))).exists()
