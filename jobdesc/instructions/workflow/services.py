"""The workflow of a version: every step, who may take it, and everything it causes, in one place.

Who may take which step is one table (`RULES`, read through `refusal` and `allowed_steps`): roles,
states, the requested visa and the separation of duties. The version page offers exactly the steps
`allowed_steps` returns, and each step below locks the version row, asks the same table, moves the
status through the model's transition (django-fsm refuses an illegal move), records who and when,
and writes the e-mails into the outbox, which sends them once the transaction has committed.
"""

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django_fsm import TransitionNotAllowed

from jobdesc.accounts.models import User
from jobdesc.accounts.roles import Role
from jobdesc.instructions import record
from jobdesc.instructions.acknowledgements import services as acknowledgements
from jobdesc.instructions.drafting.services import start_draft
from jobdesc.instructions.editing.checks import check
from jobdesc.instructions.errors import WorkflowError
from jobdesc.instructions.models import (
    OPEN_STATUSES,
    Comment,
    Decision,
    Instruction,
    JournalEntry,
    Status,
    Version,
    Visa,
)
from jobdesc.instructions.selectors import flat_items, outline
from jobdesc.instructions.signals import version_approved
from jobdesc.instructions.workflow import notifications
from jobdesc.orgs.models import Organisation


def _lock(version, user) -> Version:
    locked = Version.objects.select_for_update().select_related("instruction__position").get(pk=version.pk)
    if user.organisation_id is None or locked.instruction.organisation_id != user.organisation_id:
        raise WorkflowError(_("This instruction belongs to another organisation."))
    return locked


def _move(version, transition_name):
    try:
        getattr(version, transition_name)()
    except TransitionNotAllowed:
        raise WorkflowError(_state_refusal(version)) from None


def _state_refusal(version) -> str:
    return _("This step is not possible while the version is «%(status)s».") % {"status": version.get_status_display()}


class Step:
    """The steps a person may take on a version; `allowed_steps` says which are open to whom."""

    EDIT = "edit"
    SUBMIT = "submit"
    AGREE = "agree"
    RETURN = "return"
    APPROVE = "approve"
    WITHDRAW = "withdraw"
    NEW_VERSION = "new_version"
    COMMENT = "comment"


# Who takes each step and in which states of the version: the one table the services enforce and
# the views and templates read (through `allowed_steps`). Roles are the groups of accounts/roles.py.
RULES = {
    Step.EDIT: ((Role.HR,), {Status.DRAFT}, _lazy("Only an HR officer of the organisation can edit this instruction.")),
    Step.SUBMIT: ((Role.HR,), {Status.DRAFT}, _lazy("Only an HR officer sends a draft for agreement.")),
    Step.AGREE: ((Role.AGREEING,), {Status.AGREEMENT}, _lazy("Your role does not allow this step.")),
    Step.RETURN: (
        (Role.AGREEING, Role.APPROVER),
        {Status.AGREEMENT, Status.APPROVAL},
        _lazy("Your role does not allow this step."),
    ),
    Step.APPROVE: (
        (Role.APPROVER,),
        {Status.APPROVAL},
        _lazy("Only the head of the organisation approves instructions."),
    ),
    Step.WITHDRAW: (
        (Role.APPROVER,),
        {Status.APPROVED},
        _lazy("Only the head of the organisation withdraws an instruction."),
    ),
    Step.NEW_VERSION: ((Role.HR,), {Status.APPROVED}, _lazy("Only an HR officer starts a new version.")),
    Step.COMMENT: (
        (Role.HR, Role.AGREEING, Role.APPROVER),
        set(Status),
        _lazy("Your role does not allow comments."),
    ),
}


def refusal(version, user, step: str) -> str:
    """Why `user` may not take `step` on `version` now, in words for them; "" when they may."""
    roles, statuses, role_refusal = RULES[step]
    if user.organisation_id is None or version.instruction.organisation_id != user.organisation_id:
        return _("This instruction belongs to another organisation.")
    if not any(user.has_role(role) for role in roles):
        return str(role_refusal)
    if version.status not in statuses:
        if step == Step.NEW_VERSION:
            return _("A new version is made from the version in force.")
        if step == Step.EDIT:
            return _("Only a draft can be edited; this version is «%(status)s».") % {
                "status": version.get_status_display()
            }
        return _state_refusal(version)
    if step == Step.RETURN and version.status == Status.APPROVAL and not user.has_role(Role.APPROVER):
        return _("Only the head of the organisation returns a version from approval.")
    if step in (Step.AGREE, Step.RETURN) and version.status == Status.AGREEMENT and not _visa_requested(version, user):
        return _("Your visa is not requested on this version, or you have already given it.")
    if step in (Step.AGREE, Step.APPROVE) and not version.instruction.organisation.relaxed_duties:
        reasons = duty_conflicts(version, user, step)
        if reasons:
            return _duty_refusal(reasons)
    if step == Step.NEW_VERSION and version.instruction.versions.filter(status__in=OPEN_STATUSES).exists():
        return _("This instruction already has a version in work.")
    return ""


def allowed_steps(version, user) -> frozenset[str]:
    """The steps `user` may take on `version` now: what the version page offers and the services accept."""
    return frozenset(step for step in RULES if not refusal(version, user, step))


def _require(version, user, step: str) -> None:
    reason = refusal(version, user, step)
    if reason:
        raise WorkflowError(reason)


def _visa_requested(version, user) -> bool:
    return Visa.objects.filter(
        version=version, official=user, round=version.agreement_round, decision=Decision.PENDING
    ).exists()


def _duty_refusal(reasons) -> str:
    return _("Another person must take this step (separation of duties): %(reasons)s.") % {
        "reasons": "; ".join(reasons)
    }


def duty_conflicts(version, user, step: str, officials=()) -> list[str]:
    """Why `user` should not take `step` on `version` under the separation of duties (empty: no conflict).

    The approver is not the drafter, the submitter or an agreeing official of the version; an
    official does not agree a draft they sent (so the sender does not choose themselves). An
    organisation may relax this (`relaxed_duties`).
    """
    reasons = []
    if step == Step.APPROVE:
        if version.created_by_id == user.pk:
            reasons.append(_("you drafted this version"))
        if version.submitted_by_id == user.pk:
            reasons.append(_("you sent it for agreement"))
        if Visa.objects.filter(version=version, round=version.agreement_round, official=user).exists():
            reasons.append(_("you are one of its agreeing officials"))
    elif step == Step.AGREE and version.submitted_by_id == user.pk:
        reasons.append(_("you sent it for agreement"))
    elif step == Step.SUBMIT and any(official.pk == user.pk for official in officials):
        reasons.append(_("you cannot agree a draft you send"))
    return reasons


def _check_duties(version, user, step: str, officials=()) -> None:
    """Refuse a step that breaks the separation of duties; where it is relaxed, note that in the history.

    The note is the change reason of the version's next history record, so the step saves the version.
    """
    reasons = duty_conflicts(version, user, step, officials)
    if not reasons:
        return
    if not version.instruction.organisation.relaxed_duties:
        raise WorkflowError(_duty_refusal(reasons))
    version._change_reason = (
        _("Separation of duties relaxed for %(user)s: %(reasons)s.")
        % {
            "user": user.display_name,
            "reasons": "; ".join(reasons),
        }
    )[:100]


def _save_step(version) -> None:
    """Save a step's changes; a note of relaxed duties belongs to this history record only."""
    version.save()
    version.__dict__.pop("_change_reason", None)


def agreeing_officials(organisation):
    """The people who may be asked for a visa: agreeing officials of the organisation."""
    return (
        User.objects.filter(organisation=organisation, is_active=True, groups__name=Role.AGREEING.value)
        .order_by("last_name", "first_name")
        .distinct()
    )


@transaction.atomic
def submit(*, version, user, officials) -> Version:
    """HR sends a checked draft to the chosen agreeing officials (a new round of visas)."""
    version = _lock(version, user)
    _require(version, user, Step.SUBMIT)
    problems = check(version, outline(version))
    if problems:
        raise WorkflowError(_("The draft is not ready: %(problem)s") % {"problem": problems[0].message})
    allowed = set(agreeing_officials(version.instruction.organisation_id).values_list("pk", flat=True))
    chosen = [official for official in officials if official.pk in allowed]
    if not chosen or len(chosen) != len(officials):
        raise WorkflowError(_("Choose at least one agreeing official of the organisation."))
    _move(version, "submit")
    _check_duties(version, user, Step.SUBMIT, chosen)
    version.submitted_by, version.submitted_at = user, timezone.now()
    _save_step(version)
    Visa.objects.bulk_create(
        Visa(version=version, official=official, round=version.agreement_round, order=index)
        for index, official in enumerate(chosen)
    )
    notifications.agreement_requested(version, chosen)
    return version


def _pending_visa(version, user) -> Visa:
    visa = (
        Visa.objects.select_for_update()
        .filter(version=version, official=user, round=version.agreement_round, decision=Decision.PENDING)
        .first()
    )
    if visa is None:
        raise WorkflowError(_("Your visa is not requested on this version, or you have already given it."))
    return visa


@transaction.atomic
def agree(*, version, user, comment="") -> Version:
    """An agreeing official puts their visa; the last visa sends the version on to approval."""
    version = _lock(version, user)
    _require(version, user, Step.AGREE)
    visa = _pending_visa(version, user)
    _check_duties(version, user, Step.AGREE)
    visa.decision, visa.comment, visa.decided_at = Decision.AGREED, comment.strip(), timezone.now()
    visa.save()
    if comment.strip():
        Comment.objects.create(version=version, author=user, text=comment.strip())
    still_pending = Visa.objects.filter(version=version, round=version.agreement_round, decision=Decision.PENDING)
    if not still_pending.exists():
        _move(version, "complete_agreement")
        _save_step(version)
        notifications.approval_requested(version)
    elif getattr(version, "_change_reason", ""):
        _save_step(version)
    return version


@transaction.atomic
def return_from_agreement(*, version, user, comment, item_id=None) -> Version:
    """An agreeing official sends the draft back to HR with the reason."""
    if not (comment or "").strip():
        raise WorkflowError(_("Say why you return the draft: the comment is required."))
    version = _lock(version, user)
    _require(version, user, Step.RETURN)
    if version.status != Status.AGREEMENT:
        raise WorkflowError(_("The version is not on agreement."))
    visa = _pending_visa(version, user)
    _move(version, "return_from_agreement")
    version.save()
    visa.decision, visa.comment, visa.decided_at = Decision.RETURNED, comment.strip(), timezone.now()
    visa.save()
    for other in Visa.objects.filter(version=version, round=version.agreement_round, decision=Decision.PENDING):
        other.decision = Decision.CLOSED
        other.save()
    _create_comment(version, user, comment, item_id)
    notifications.returned(version, user, comment.strip())
    return version


@transaction.atomic
def approve(*, version, user, password, effective_date=None) -> Version:
    """The head approves: the version is frozen, registered in the journal and replaces the one in force."""
    if not user.check_password(password or ""):
        raise WorkflowError(_("The password is not correct; the version is not approved."))
    version = _lock(version, user)
    _require(version, user, Step.APPROVE)
    # The organisation row serialises approvals, so journal numbers never repeat or skip.
    organisation = Organisation.objects.select_for_update().get(pk=version.instruction.organisation_id)
    Instruction.objects.select_for_update().get(pk=version.instruction_id)
    # Passed down: the snapshot, the requests and the e-mails read this one locked row, not fresh copies.
    version.instruction.organisation = organisation
    now = timezone.now()
    previous = Version.objects.filter(instruction_id=version.instruction_id, status=Status.APPROVED).first()
    if previous is not None:
        _move(previous, "supersede")
        previous.superseded_at = now
        previous.save()
    _move(version, "approve")
    _check_duties(version, user, Step.APPROVE)
    version.approved_by, version.approved_at = user, now
    version.effective_date = effective_date or timezone.localdate()
    # The mode chosen for this version, else the organisation's default, fixed with the approval.
    version.original_mode = version.original_mode or organisation.original_mode
    number = (JournalEntry.objects.filter(organisation=organisation).aggregate(m=Max("number"))["m"] or 0) + 1
    # Registered on the day of the organisation's clock, as the document prints it (not the UTC date).
    registered_on = timezone.localdate(now)
    JournalEntry.objects.create(organisation=organisation, number=number, version=version, registered_on=registered_on)
    # Written in the same save as the approval: from here on every rendering prints this, not live data.
    version.snapshot = record.capture(version)
    _save_step(version)
    # The PDF is rendered from the snapshot by the worker once this commits (the documents connect to this):
    # no render holds the organisation's lock, and a rolled-back approval leaves no file behind.
    version_approved.send(sender=Version, version=version)
    acknowledgements.request_for_version(version)
    notifications.approved(version)
    return version


def return_version(*, version, user, comment, item_id=None) -> Version:
    """The one «return» step: from agreement by an official, from approval by the head."""
    if version.status == Status.APPROVAL:
        return return_from_approval(version=version, user=user, comment=comment, item_id=item_id)
    return return_from_agreement(version=version, user=user, comment=comment, item_id=item_id)


@transaction.atomic
def return_from_approval(*, version, user, comment, item_id=None) -> Version:
    if not (comment or "").strip():
        raise WorkflowError(_("Say why you return the draft: the comment is required."))
    version = _lock(version, user)
    _require(version, user, Step.RETURN)
    if version.status != Status.APPROVAL:
        raise WorkflowError(_state_refusal(version))
    _move(version, "return_from_approval")
    version.save()
    _create_comment(version, user, comment, item_id)
    notifications.returned(version, user, comment.strip())
    return version


@transaction.atomic
def withdraw(*, version, user, reason) -> Version:
    """The head withdraws an instruction in force (for example when the position is abolished)."""
    if not (reason or "").strip():
        raise WorkflowError(_("Give the reason for the withdrawal."))
    version = _lock(version, user)
    _require(version, user, Step.WITHDRAW)
    _move(version, "withdraw")
    version.withdrawn_by, version.withdrawn_at = user, timezone.now()
    version.save()
    Comment.objects.create(version=version, author=user, text=reason.strip())
    return version


@transaction.atomic
def new_version(*, version, user) -> Version:
    """HR starts the next version as a draft copy of the approved one; clauses keep their lineage."""
    version = _lock(version, user)
    _require(version, user, Step.NEW_VERSION)
    return start_draft(position=version.instruction.position, user=user, language=version.language, copy_of=version)


@transaction.atomic
def add_comment(*, version, user, text, item_id=None) -> Comment:
    """Anyone in the process (HR, officials, the approver) comments on the version or one of its clauses."""
    if not (text or "").strip():
        raise WorkflowError(_("A comment cannot be empty."))
    version = _lock(version, user)
    _require(version, user, Step.COMMENT)
    return _create_comment(version, user, text, item_id)


def _create_comment(version, user, text, item_id=None) -> Comment:
    """A comment on the version, or on one of its clauses with the clause's number and text as they are now."""
    item_number = item_text = ""
    item = None
    if item_id:
        numbered = {entry.item.pk: entry for _section, entry in flat_items(outline(version))}
        if int(item_id) not in numbered:
            raise WorkflowError(_("That clause is not in this version."))
        entry = numbered[int(item_id)]
        item, item_number, item_text = entry.item, entry.number, entry.item.text
    return Comment.objects.create(
        version=version, item=item, item_number=item_number, item_text=item_text, author=user, text=text.strip()
    )
