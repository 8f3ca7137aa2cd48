"""The duplicates report: as a command and as a page where HR keeps one clause and retires its own others."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from jobdesc.library.duplicates import duplicate_groups
from jobdesc.library.models import Clause, SectionKind
from tests.conftest import login

PAGE = reverse("library:duplicates")
MERGE = reverse("library:duplicates_merge")


@pytest.fixture
def twins(organisation):
    duties = SectionKind.objects.get(code="duties")
    shared = Clause.objects.create(section=duties, text="Принимает товар на склад.")
    own = Clause.objects.create(organisation=organisation, section=duties, text="Принимает товары на склад.")
    other = Clause.objects.create(section=duties, text="Ведёт кассовую книгу.")
    rights = Clause.objects.create(section=SectionKind.objects.get(code="rights"), text="Принимает товар на склад.")
    return {"shared": shared, "own": own, "other": other, "rights": rights}


def test_groups_stay_within_a_section_and_keep_the_organisation_s_own_first(twins, organisation):
    (group,) = duplicate_groups(organisation)
    assert group.clauses == [twins["own"], twins["shared"]]
    assert group.section.code == "duties" and group.language == "ru"


def test_the_shared_library_alone_has_no_group_here(twins):
    assert duplicate_groups() == []


def test_the_command_lists_the_groups_as_json_and_can_fail_a_check(twins, organisation):
    out = StringIO()
    call_command("library_duplicates", "--organisation", str(organisation.pk), "--format", "json", stdout=out)
    (group,) = json.loads(out.getvalue())
    assert [clause["pk"] for clause in group["clauses"]] == [twins["own"].pk, twins["shared"].pk]
    with pytest.raises(Exception, match="near-duplicate"):
        call_command("library_duplicates", "--organisation", str(organisation.pk), "--fail", stdout=StringIO())


def test_hr_sees_the_groups_and_merges_by_retiring_the_own_copy(hr_client, twins):
    page = hr_client.get(PAGE)
    assert page.status_code == 200 and twins["own"].text in page.content.decode()
    response = hr_client.post(MERGE, {"keep": twins["shared"].pk, "retire": [twins["own"].pk]})
    assert response.status_code == 302
    twins["own"].refresh_from_db()
    assert not twins["own"].is_active
    assert Clause.objects.get(pk=twins["shared"].pk).is_active


def test_a_shared_clause_or_the_one_kept_cannot_be_retired(hr_client, twins):
    hr_client.post(MERGE, {"keep": twins["own"].pk, "retire": [twins["shared"].pk]})
    hr_client.post(MERGE, {"keep": twins["own"].pk, "retire": [twins["own"].pk]})
    assert Clause.objects.filter(is_active=False).count() == 0


def test_an_outsider_cannot_retire_this_organisation_s_clause(outsider_client, twins):
    outsider_client.post(MERGE, {"keep": twins["shared"].pk, "retire": [twins["own"].pk]})
    assert Clause.objects.get(pk=twins["own"].pk).is_active
    assert twins["own"].text not in outsider_client.get(PAGE).content.decode()


def test_another_role_is_refused(lawyer, twins):
    assert login(lawyer).get(PAGE).status_code == 403


def test_clauses_for_different_categories_are_not_grouped(organisation):
    general = SectionKind.objects.get(code="general")
    managers = Clause.objects.create(section=general, text="Работник назначается на должность приказом директора.")
    managers.categories = ["managers"]
    managers.save()
    workers = Clause.objects.create(
        organisation=organisation, section=general, text="Работник назначается на должность приказом директора!"
    )
    workers.categories = ["workers"]
    workers.save()
    assert duplicate_groups(organisation) == []


def test_the_page_shows_only_groups_with_an_own_clause_and_counts_the_shared_ones(hr_client, twins):
    Clause.objects.create(section=twins["other"].section, text="Ведёт кассовую  книгу")
    page = hr_client.get(PAGE)
    assert [group.clauses for group in page.context["groups"]] == [[twins["own"], twins["shared"]]]
    assert page.context["shared_groups"] == 1
