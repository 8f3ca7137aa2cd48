"""The workflow of a version: every step, who may take it, and everything it causes, in one place.

Each step locks the version row, checks the role, the organisation and the state, moves the status
through the model's transition (django-fsm refuses an illegal move), records who and when, and
writes the e-mails into the outbox, which sends them once the transaction has committed.
"""

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django_fsm import TransitionNotAllowed, has_transition_perm

from jobdesc.accounts.models import User
from jobdesc.accounts.roles import Role
from jobdesc.documents.pdf import store_pdf
from jobdesc.orgs.models import Organisation

from . import acknowledgements, notifications
from .checks import check
from .errors import WorkflowError
from .models import Comment, Decision, Instruction, Item, JournalEntry, Status, Version, Visa
from .selectors import outline
from .services import start_draft


def _lock(version, user) -> Version:
    locked = Version.objects.select_for_update().select_related("instruction__position").get(pk=version.pk)
    if user.organisation_id is None or locked.instruction.organisation_id != user.organisation_id:
        raise WorkflowError(_("This instruction belongs to another organisation."))
    return locked


def _move(version, transition_name, user=None):
    method = getattr(version, transition_name)
    if user is not None and not has_transition_perm(method, user):
        raise WorkflowError(_("Your role does not allow this step."))
    try:
        method()
    except TransitionNotAllowed:
        raise WorkflowError(
            _("This step is not possible while the version is «%(status)s».") % {"status": version.get_status_display()}
        ) from None


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
    if not user.is_hr:
        raise WorkflowError(_("Only an HR officer sends a draft for agreement."))
    problems = check(version, outline(version))
    if problems:
        raise WorkflowError(_("The draft is not ready: %(problem)s") % {"problem": problems[0].message})
    allowed = set(agreeing_officials(version.instruction.organisation_id).values_list("pk", flat=True))
    chosen = [official for official in officials if official.pk in allowed]
    if not chosen or len(chosen) != len(officials):
        raise WorkflowError(_("Choose at least one agreeing official of the organisation."))
    _move(version, "submit", user)
    version.submitted_by, version.submitted_at = user, timezone.now()
    version.save()
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
    if version.status != Status.AGREEMENT:
        raise WorkflowError(_("The version is not on agreement."))
    if not has_transition_perm(version.return_from_agreement, user):
        raise WorkflowError(_("Your role does not allow this step."))
    visa = _pending_visa(version, user)
    visa.decision, visa.comment, visa.decided_at = Decision.AGREED, comment.strip(), timezone.now()
    visa.save()
    if comment.strip():
        Comment.objects.create(version=version, author=user, text=comment.strip())
    still_pending = Visa.objects.filter(version=version, round=version.agreement_round, decision=Decision.PENDING)
    if not still_pending.exists():
        _move(version, "complete_agreement")
        version.save()
        notifications.approval_requested(version)
    return version


@transaction.atomic
def return_from_agreement(*, version, user, comment) -> Version:
    """An agreeing official sends the draft back to HR with the reason."""
    if not (comment or "").strip():
        raise WorkflowError(_("Say why you return the draft: the comment is required."))
    version = _lock(version, user)
    if version.status != Status.AGREEMENT:
        raise WorkflowError(_("The version is not on agreement."))
    visa = _pending_visa(version, user)
    _move(version, "return_from_agreement", user)
    version.save()
    visa.decision, visa.comment, visa.decided_at = Decision.RETURNED, comment.strip(), timezone.now()
    visa.save()
    for other in Visa.objects.filter(version=version, round=version.agreement_round, decision=Decision.PENDING):
        other.decision = Decision.CLOSED
        other.save()
    Comment.objects.create(version=version, author=user, text=comment.strip())
    notifications.returned(version, user, comment.strip())
    return version


@transaction.atomic
def approve(*, version, user, password, effective_date=None) -> Version:
    """The head approves: the version is frozen, registered in the journal and replaces the one in force."""
    if not user.check_password(password or ""):
        raise WorkflowError(_("The password is not correct; the version is not approved."))
    version = _lock(version, user)
    if not user.is_approver:
        raise WorkflowError(_("Only the head of the organisation approves instructions."))
    # The organisation row serialises approvals, so journal numbers never repeat or skip.
    organisation = Organisation.objects.select_for_update().get(pk=version.instruction.organisation_id)
    Instruction.objects.select_for_update().get(pk=version.instruction_id)
    now = timezone.now()
    previous = Version.objects.filter(instruction_id=version.instruction_id, status=Status.APPROVED).first()
    if previous is not None:
        _move(previous, "supersede")
        previous.superseded_at = now
        previous.save()
    _move(version, "approve", user)
    version.approved_by, version.approved_at = user, now
    version.effective_date = effective_date or timezone.localdate()
    # The mode chosen for this version, else the organisation's default, fixed with the approval.
    version.original_mode = version.original_mode or organisation.original_mode
    version.save()
    number = (JournalEntry.objects.filter(organisation=organisation).aggregate(m=Max("number"))["m"] or 0) + 1
    JournalEntry.objects.create(organisation=organisation, number=number, version=version, registered_on=now.date())
    # The PDF carries the number and the date; a render failure rolls the whole approval back.
    store_pdf(version)
    acknowledgements.request_for_version(version)
    notifications.approved(version)
    return version


@transaction.atomic
def return_from_approval(*, version, user, comment) -> Version:
    if not (comment or "").strip():
        raise WorkflowError(_("Say why you return the draft: the comment is required."))
    version = _lock(version, user)
    if not user.is_approver:
        raise WorkflowError(_("Only the head of the organisation returns a version from approval."))
    _move(version, "return_from_approval", user)
    version.save()
    Comment.objects.create(version=version, author=user, text=comment.strip())
    notifications.returned(version, user, comment.strip())
    return version


@transaction.atomic
def withdraw(*, version, user, reason) -> Version:
    """The head withdraws an instruction in force (for example when the position is abolished)."""
    if not (reason or "").strip():
        raise WorkflowError(_("Give the reason for the withdrawal."))
    version = _lock(version, user)
    if not user.is_approver:
        raise WorkflowError(_("Only the head of the organisation withdraws an instruction."))
    _move(version, "withdraw", user)
    version.withdrawn_by, version.withdrawn_at = user, timezone.now()
    version.save()
    Comment.objects.create(version=version, author=user, text=reason.strip())
    return version


@transaction.atomic
def new_version(*, version, user) -> Version:
    """HR starts the next version as a draft copy of the approved one; clauses keep their lineage."""
    version = _lock(version, user)
    if not user.is_hr:
        raise WorkflowError(_("Only an HR officer starts a new version."))
    if version.status != Status.APPROVED:
        raise WorkflowError(_("A new version is made from the version in force."))
    draft = start_draft(position=version.instruction.position, user=user, language=version.language, sections=[])
    _copy_content(version, draft)
    return draft


def _copy_content(source, target):
    """Copy sections and items (with sub-items and lineage keys) from one version into a fresh draft."""
    target.sections.all().delete()
    sections = {}
    for section in source.sections.select_related("kind").order_by("order"):
        sections[section.pk] = target.sections.create(kind=section.kind, heading=section.heading, order=section.order)
    parents = {}
    items = Item.objects.filter(section__version=source).order_by("parent_id", "order")
    for item in sorted(items, key=lambda i: (i.parent_id is not None, i.order)):
        copy = Item.objects.create(
            section=sections[item.section_id],
            parent=parents.get(item.parent_id),
            order=item.order,
            text=item.text,
            clause_id=item.clause_id,
            key=item.key,
        )
        parents[item.pk] = copy


@transaction.atomic
def add_comment(*, version, user, text, item_id=None) -> Comment:
    """Anyone in the process (HR, officials, the approver) comments on the version or one of its clauses."""
    if not (text or "").strip():
        raise WorkflowError(_("A comment cannot be empty."))
    if not (user.is_hr or user.is_agreeing_official or user.is_approver):
        raise WorkflowError(_("Your role does not allow comments."))
    version = _lock(version, user)
    item_number = item_text = ""
    item = None
    if item_id:
        numbered = {entry.item.pk: entry for s in outline(version) for entry in _walk(s.items)}
        if int(item_id) not in numbered:
            raise WorkflowError(_("That clause is not in this version."))
        entry = numbered[int(item_id)]
        item, item_number, item_text = entry.item, entry.number, entry.item.text
    return Comment.objects.create(
        version=version, item=item, item_number=item_number, item_text=item_text, author=user, text=text.strip()
    )


def _walk(entries):
    for entry in entries:
        yield entry
        yield from entry.children
