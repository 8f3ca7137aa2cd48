"""The home page lists the positions of the user's organisation, and nothing of any other."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from jobdesc.accounts.models import User
from jobdesc.instructions.drafting.services import start_draft
from jobdesc.instructions.workflow.services import new_version
from jobdesc.orgs.models import Position


def test_it_shows_the_positions_of_the_users_organisation(hr_client, position):
    response = hr_client.get(reverse("home"))
    assert response.status_code == 200
    assert "Менеджер по работе с клиентами" in response.content.decode()


def test_it_shows_nothing_of_another_organisation(outsider_client, position, other_organisation):
    Position.objects.create(organisation=other_organisation, title="Кладовщик")
    page = outsider_client.get(reverse("home")).content.decode()
    assert "Кладовщик" in page
    assert "Менеджер по работе с клиентами" not in page
    assert "Ромашка" not in page


def test_an_anonymous_visitor_is_sent_to_log_in(db):
    response = Client().get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_superuser_without_an_organisation_is_sent_to_the_set_up_and_refused_inside(db):
    admin = User.objects.create_superuser("root", "root@example.com", "x")
    client = Client()
    client.force_login(admin)
    assert client.get(reverse("home"))["Location"] == reverse("setup:organisations")
    assert client.get(reverse("orgs:positions")).status_code == 403


@pytest.mark.parametrize("extra", [1, 15])
def test_the_query_count_does_not_grow_with_the_positions(
    extra, hr_client, organisation, hr, django_assert_max_num_queries
):
    for n in range(extra):
        position = Position.objects.create(organisation=organisation, title=f"Должность {n}")
        start_draft(position=position, user=hr)
    with django_assert_max_num_queries(8):
        assert hr_client.get(reverse("home")).status_code == 200


def test_each_instruction_shows_its_latest_version_read_alone(hr_client, approved_version, hr):
    draft = new_version(version=approved_version, user=hr)
    with CaptureQueriesContext(connection) as queries:
        response = hr_client.get(reverse("home"))
    page = response.content.decode()
    # Only the latest version of each instruction is read, however long its history.
    [position] = [position for position in response.context["positions"] if hasattr(position, "instruction")]
    assert position.instruction.newest == [draft]
    # The new edition, a draft HR continues in the editor; the approved one is not on the page.
    assert f'href="{reverse("instructions:editor", args=[draft.pk])}"' in page
    assert f"редакция {draft.number}, проект" in page
    assert reverse("instructions:version", args=[approved_version.pk]) not in page
    versions = [query for query in queries.captured_queries if query["sql"].startswith('SELECT "instructions_version"')]
    assert len(versions) == 1
