"""Every step of the workflow, tried by every role: allowed to the right one, refused to all others."""

import pytest
from django.core import mail

from jobdesc.instructions.errors import WorkflowError
from jobdesc.instructions.models import Comment, Decision, JournalEntry, Status, Version, Visa
from jobdesc.instructions.workflow import services as workflow
from tests.conftest import PASSWORD, approve_through_workflow, make_user
from tests.outbox.worker import run_tasks

ROLES = ["hr", "lawyer", "approver", "employee_user", "outsider"]


def on_agreement(draft, hr, lawyer):
    return workflow.submit(version=draft, user=hr, officials=[lawyer])


def on_approval(draft, hr, lawyer):
    version = on_agreement(draft, hr, lawyer)
    return workflow.agree(version=version, user=lawyer)


def approved(draft, hr, lawyer, approver):
    return approve_through_workflow(draft, hr, [lawyer], approver)


# step: (the role that may take it, the state it starts from)
STEPS = {
    "submit": ("hr", lambda d, hr, lw, ap: d),
    "agree": ("lawyer", lambda d, hr, lw, ap: on_agreement(d, hr, lw)),
    "return_from_agreement": ("lawyer", lambda d, hr, lw, ap: on_agreement(d, hr, lw)),
    "approve": ("approver", lambda d, hr, lw, ap: on_approval(d, hr, lw)),
    "return_from_approval": ("approver", lambda d, hr, lw, ap: on_approval(d, hr, lw)),
    "withdraw": ("approver", approved),
    "new_version": ("hr", approved),
}


def take(step, version, user, lawyer):
    if step == "submit":
        return workflow.submit(version=version, user=user, officials=[lawyer])
    if step == "agree":
        return workflow.agree(version=version, user=user)
    if step in ("return_from_agreement", "return_from_approval"):
        return getattr(workflow, step)(version=version, user=user, comment="Уточните пункт 2.1.")
    if step == "approve":
        return workflow.approve(version=version, user=user, password=PASSWORD)
    if step == "withdraw":
        return workflow.withdraw(version=version, user=user, reason="Должность сокращена.")
    return workflow.new_version(version=version, user=user)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("step", list(STEPS))
def test_each_step_is_allowed_to_its_role_only(step, role, request, complete_draft, hr, lawyer, approver):
    allowed, prepare = STEPS[step]
    version = prepare(complete_draft, hr, lawyer, approver)
    status_before = Version.objects.get(pk=version.pk).status
    user = request.getfixturevalue(role)
    if role == allowed:
        take(step, version, user, lawyer)
    else:
        with pytest.raises(WorkflowError):
            take(step, version, user, lawyer)
        assert Version.objects.get(pk=version.pk).status == status_before


EXPECTED = {
    "submit": Status.AGREEMENT,
    "agree": Status.APPROVAL,
    "return_from_agreement": Status.DRAFT,
    "approve": Status.APPROVED,
    "return_from_approval": Status.DRAFT,
    "withdraw": Status.WITHDRAWN,
}


@pytest.mark.parametrize("step", list(EXPECTED))
def test_each_step_moves_the_version_to_its_next_state(step, complete_draft, hr, lawyer, approver):
    allowed, prepare = STEPS[step]
    version = prepare(complete_draft, hr, lawyer, approver)
    user = {"hr": hr, "lawyer": lawyer, "approver": approver}[allowed]
    take(step, version, user, lawyer)
    assert Version.objects.get(pk=version.pk).status == EXPECTED[step]


@pytest.mark.parametrize(
    "step, state",
    [
        ("agree", "draft"),
        ("approve", "draft"),
        ("approve", "agreement"),
        ("withdraw", "approval"),
        ("submit", "approval"),
        ("return_from_approval", "agreement"),
        ("new_version", "draft"),
    ],
)
def test_a_step_from_the_wrong_state_is_refused(step, state, complete_draft, hr, lawyer, approver):
    version = {
        "draft": lambda: complete_draft,
        "agreement": lambda: on_agreement(complete_draft, hr, lawyer),
        "approval": lambda: on_approval(complete_draft, hr, lawyer),
    }[state]()
    user = {"hr": hr, "lawyer": lawyer, "approver": approver}[STEPS[step][0]]
    with pytest.raises(WorkflowError):
        take(step, version, user, lawyer)
    assert Version.objects.get(pk=version.pk).status == state


def test_all_officials_must_agree_before_approval(complete_draft, hr, lawyer, organisation):
    from jobdesc.accounts.roles import Role

    head = make_user(organisation, "sales-head", Role.AGREEING)
    version = workflow.submit(version=complete_draft, user=hr, officials=[lawyer, head])
    workflow.agree(version=version, user=lawyer)
    assert Version.objects.get(pk=version.pk).status == Status.AGREEMENT
    with pytest.raises(WorkflowError):
        workflow.agree(version=version, user=lawyer)
    workflow.agree(version=version, user=head)
    assert Version.objects.get(pk=version.pk).status == Status.APPROVAL


def test_a_return_closes_the_other_visas_of_the_round(complete_draft, hr, lawyer, organisation):
    from jobdesc.accounts.roles import Role

    head = make_user(organisation, "sales-head", Role.AGREEING)
    version = workflow.submit(version=complete_draft, user=hr, officials=[lawyer, head])
    workflow.return_from_agreement(version=version, user=lawyer, comment="Нужна правка.")
    assert Visa.objects.get(official=head).decision == Decision.CLOSED
    with pytest.raises(WorkflowError):
        workflow.agree(version=Version.objects.get(pk=version.pk), user=head)


def test_a_return_needs_a_comment_and_starts_a_new_round(complete_draft, hr, lawyer):
    version = on_agreement(complete_draft, hr, lawyer)
    with pytest.raises(WorkflowError):
        workflow.return_from_agreement(version=version, user=lawyer, comment="  ")
    workflow.return_from_agreement(version=version, user=lawyer, comment="Уточните пункт 2.1.")
    version = workflow.submit(version=Version.objects.get(pk=version.pk), user=hr, officials=[lawyer])
    assert version.agreement_round == 2
    assert list(Visa.objects.filter(version=version).values_list("round", "decision").order_by("round")) == [
        (1, Decision.RETURNED),
        (2, Decision.PENDING),
    ]
    assert Comment.objects.get(version=version).text == "Уточните пункт 2.1."


def test_a_draft_with_problems_cannot_be_sent(position, hr, lawyer):
    from jobdesc.instructions.drafting.services import start_draft

    version = start_draft(position=position, user=hr)
    with pytest.raises(WorkflowError, match="The draft is not ready"):
        workflow.submit(version=version, user=hr, officials=[lawyer])


def test_an_official_of_another_organisation_cannot_be_chosen(complete_draft, hr, other_organisation):
    from jobdesc.accounts.roles import Role

    stranger = make_user(other_organisation, "stranger", Role.AGREEING)
    with pytest.raises(WorkflowError):
        workflow.submit(version=complete_draft, user=hr, officials=[stranger])
    assert Version.objects.get(pk=complete_draft.pk).status == Status.DRAFT


def test_approval_needs_the_right_password(complete_draft, hr, lawyer, approver):
    version = on_approval(complete_draft, hr, lawyer)
    with pytest.raises(WorkflowError, match="The password is not correct"):
        workflow.approve(version=version, user=approver, password="wrong")
    assert Version.objects.get(pk=version.pk).status == Status.APPROVAL
    assert not JournalEntry.objects.exists()


def test_approval_registers_numbers_and_supersedes_the_previous_version(approved_version, hr, lawyer, approver):
    entry = approved_version.journal_entry
    assert (entry.number, entry.organisation_id) == (1, approved_version.instruction.organisation_id)
    second = workflow.new_version(version=approved_version, user=hr)
    second = approve_through_workflow(second, hr, [lawyer], approver)
    assert second.journal_entry.number == 2
    first = Version.objects.get(pk=approved_version.pk)
    assert (first.status, second.status) == (Status.SUPERSEDED, Status.APPROVED)
    assert first.superseded_at == second.approved_at


def test_notifications_go_to_the_people_of_each_step(
    complete_draft, hr, lawyer, approver, django_capture_on_commit_callbacks
):
    for user, address in ((hr, "hr@example.org"), (lawyer, "lawyer@example.org"), (approver, "director@example.org")):
        user.email = address
        user.save()
    with django_capture_on_commit_callbacks(execute=True):
        version = workflow.submit(version=complete_draft, user=hr, officials=[lawyer])
    with django_capture_on_commit_callbacks(execute=True):
        workflow.agree(version=version, user=lawyer)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.approve(version=version, user=approver, password=PASSWORD)
    run_tasks()
    assert [message.to for message in mail.outbox] == [
        ["lawyer@example.org"],
        ["director@example.org"],
        ["hr@example.org"],
    ]


def test_a_new_version_copies_the_content_with_its_lineage(approved_version, hr):
    from jobdesc.instructions.models import Item

    draft = workflow.new_version(version=approved_version, user=hr)
    old = list(Item.objects.filter(section__version=approved_version).order_by("section__order", "order"))
    new = list(Item.objects.filter(section__version=draft).order_by("section__order", "order"))
    assert [(i.key, i.text) for i in old] == [(i.key, i.text) for i in new]
    assert (draft.number, draft.status) == (2, Status.DRAFT)
