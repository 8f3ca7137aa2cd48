"""`allowed_steps`: one answer to «who may take which step», given alike to the services, the views and the pages."""

import pytest
from django.urls import reverse

from jobdesc.instructions.errors import WorkflowError
from jobdesc.instructions.models import Version
from jobdesc.instructions.workflow import services as workflow
from jobdesc.instructions.workflow.services import Step, allowed_steps
from tests.conftest import PASSWORD, login


def steps(version, user):
    return allowed_steps(Version.objects.get(pk=version.pk), user)


def test_a_draft(complete_draft, hr, lawyer, approver, employee_user, outsider):
    assert steps(complete_draft, hr) == {Step.EDIT, Step.SUBMIT, Step.COMMENT}
    assert steps(complete_draft, lawyer) == {Step.COMMENT}
    assert steps(complete_draft, approver) == {Step.COMMENT}
    assert steps(complete_draft, employee_user) == set()
    assert steps(complete_draft, outsider) == set()


def test_on_agreement_and_on_approval(complete_draft, hr, lawyer, approver):
    workflow.submit(version=complete_draft, user=hr, officials=[lawyer])
    assert steps(complete_draft, lawyer) == {Step.AGREE, Step.RETURN, Step.COMMENT}
    assert steps(complete_draft, hr) == {Step.COMMENT}
    assert steps(complete_draft, approver) == {Step.COMMENT}
    workflow.agree(version=complete_draft, user=lawyer)
    assert steps(complete_draft, lawyer) == {Step.COMMENT}, "a visa is given once"
    assert steps(complete_draft, approver) == {Step.APPROVE, Step.RETURN, Step.COMMENT}


def test_an_approved_version(approved_version, hr, lawyer, approver):
    assert steps(approved_version, hr) == {Step.NEW_VERSION, Step.COMMENT}
    assert steps(approved_version, approver) == {Step.WITHDRAW, Step.COMMENT}
    workflow.new_version(version=approved_version, user=hr)
    assert steps(approved_version, hr) == {Step.COMMENT}, "one version in work at a time"


SERVICES = {
    Step.SUBMIT: lambda v, u, o: workflow.submit(version=v, user=u, officials=o),
    Step.AGREE: lambda v, u, o: workflow.agree(version=v, user=u),
    Step.RETURN: lambda v, u, o: workflow.return_version(version=v, user=u, comment="Причина"),
    Step.APPROVE: lambda v, u, o: workflow.approve(version=v, user=u, password=PASSWORD),
    Step.WITHDRAW: lambda v, u, o: workflow.withdraw(version=v, user=u, reason="Причина"),
    Step.NEW_VERSION: lambda v, u, o: workflow.new_version(version=v, user=u),
}


@pytest.mark.parametrize("person", ["hr", "lawyer", "approver"])
def test_the_services_refuse_every_step_left_out(person, complete_draft, hr, lawyer, approver, request):
    user = request.getfixturevalue(person)
    workflow.submit(version=complete_draft, user=hr, officials=[lawyer])
    version = Version.objects.get(pk=complete_draft.pk)
    open_steps = allowed_steps(version, user)
    for step, run in SERVICES.items():
        if step not in open_steps:
            with pytest.raises(WorkflowError, match=workflow.refusal(version, user, step)[:20]):
                run(version, user, [lawyer])
    assert Version.objects.get(pk=complete_draft.pk).status == version.status


def test_the_version_page_offers_only_the_allowed_steps(complete_draft, hr, lawyer, approver):
    workflow.submit(version=complete_draft, user=hr, officials=[lawyer])
    workflow.agree(version=complete_draft, user=lawyer)
    url = reverse("instructions:version", args=[complete_draft.pk])
    assert 'id="approve-form"' in login(approver).get(url).content.decode()
    assert 'id="approve-form"' not in login(lawyer).get(url).content.decode()
    assert 'id="decision-form"' not in login(lawyer).get(url).content.decode()
