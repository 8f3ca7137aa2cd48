"""Separation of duties: nobody approves what they drafted, sent or agreed, unless the organisation relaxes it."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from jobdesc.accounts.roles import Role
from jobdesc.instructions.drafting.services import start_draft
from jobdesc.instructions.errors import WorkflowError
from jobdesc.instructions.models import Status, Version, Visa
from jobdesc.instructions.workflow import services as workflow
from jobdesc.orgs.models import Organisation
from tests.conftest import COMPLETE_SECTIONS, PASSWORD, login, make_user


def give(user, *roles):
    for role in roles:
        user.groups.add(Group.objects.get(name=role.value))
    user.__dict__.pop("_role_names", None)
    return user


@pytest.fixture
def one_person(organisation):
    """Someone holding every role of the process: HR, agreeing official and approver."""
    return give(make_user(organisation, "everyone", Role.HR, "Один Иван"), Role.AGREEING, Role.APPROVER)


def draft_by(user, position):
    return start_draft(position=position, user=user, sections=COMPLETE_SECTIONS)


def status_of(version):
    return Version.objects.get(pk=version.pk).status


def test_one_person_cannot_send_their_draft_to_themselves(one_person, position):
    version = draft_by(one_person, position)
    with pytest.raises(WorkflowError, match="separation of duties"):
        workflow.submit(version=version, user=one_person, officials=[one_person])
    assert status_of(version) == Status.DRAFT


def test_the_drafter_and_sender_cannot_approve(one_person, lawyer, position):
    version = draft_by(one_person, position)
    workflow.submit(version=version, user=one_person, officials=[lawyer])
    workflow.agree(version=version, user=lawyer)
    with pytest.raises(WorkflowError, match="drafted.*sent"):
        workflow.approve(version=version, user=one_person, password=PASSWORD)
    assert status_of(version) == Status.APPROVAL


def test_an_agreeing_official_cannot_approve(complete_draft, hr, approver):
    give(approver, Role.AGREEING)
    workflow.submit(version=complete_draft, user=hr, officials=[approver])
    workflow.agree(version=complete_draft, user=approver)
    with pytest.raises(WorkflowError, match="agreeing officials"):
        workflow.approve(version=complete_draft, user=approver, password=PASSWORD)
    assert status_of(complete_draft) == Status.APPROVAL


def test_the_sender_does_not_agree_their_own_draft(complete_draft, hr, lawyer):
    give(hr, Role.AGREEING)
    # Chosen before the rule: a visa of the sender that is already asked for cannot be given.
    workflow.submit(version=complete_draft, user=hr, officials=[lawyer])
    Visa.objects.create(version=complete_draft, official=hr, round=1, order=1)
    with pytest.raises(WorkflowError, match="separation of duties"):
        workflow.agree(version=complete_draft, user=hr)


def test_the_approve_page_refuses_with_the_reason(one_person, lawyer, position):
    version = draft_by(one_person, position)
    workflow.submit(version=version, user=one_person, officials=[lawyer])
    workflow.agree(version=version, user=lawyer)
    data = {"password": PASSWORD, "effective_date": datetime.date.today().isoformat()}
    response = login(one_person).post(reverse("instructions:approve", args=[version.pk]), data)
    assert response.status_code == 400
    assert "разделение обязанностей" in response.content.decode()
    assert status_of(version) == Status.APPROVAL


def test_a_small_organisation_relaxes_it_and_the_history_says_so(one_person, position, organisation):
    Organisation.objects.filter(pk=organisation.pk).update(relaxed_duties=True)
    version = draft_by(one_person, position)
    workflow.submit(version=version, user=one_person, officials=[one_person])
    workflow.agree(version=version, user=one_person)
    workflow.approve(version=version, user=one_person, password=PASSWORD)
    assert status_of(version) == Status.APPROVED
    reasons = list(Version.objects.get(pk=version.pk).history.values_list("history_change_reason", flat=True))
    assert sum(1 for reason in reasons if reason and "Separation of duties relaxed" in reason) == 3
    page = login(one_person).get(reverse("instructions:history", args=[version.pk])).content.decode()
    assert "duty-note" in page


def test_the_organisation_settings_page_offers_the_switch(hr_client, organisation):
    page = hr_client.get(reverse("orgs:settings")).content.decode()
    assert 'name="relaxed_duties"' in page


def test_the_page_tells_the_head_why_they_may_only_return(one_person, lawyer, position):
    version = draft_by(one_person, position)
    workflow.submit(version=version, user=one_person, officials=[lawyer])
    workflow.agree(version=version, user=lawyer)
    page = login(one_person).get(reverse("instructions:version", args=[version.pk])).content.decode()
    assert 'id="approve-form"' not in page and 'id="return-form"' in page
    assert "вы составили эту редакцию" in page
