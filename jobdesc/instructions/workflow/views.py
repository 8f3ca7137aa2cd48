"""Pages of the approval process: a version's page with its steps, comments, inbox, diff and history."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jobdesc.accounts.access import organisation_of, role_required
from jobdesc.accounts.roles import Role
from jobdesc.instructions.errors import WorkflowError
from jobdesc.instructions.models import Comment, Decision, Item, Status, Version, Visa
from jobdesc.instructions.selectors import flat_items, outline, version_for_user, version_with_context
from jobdesc.instructions.workflow import services as workflow
from jobdesc.instructions.workflow.forms import ApproveForm, CommentForm, DecisionForm, ReasonForm, SubmitForm


def _submit_form(version, data=None):
    """Officials proposed: those of the last round (a returned draft goes back to them), else the defaults."""
    organisation = version.instruction.organisation
    last_round = Visa.objects.filter(version=version, round=version.agreement_round).values_list("official", flat=True)
    initial = list(last_round) or list(organisation.agreeing_officials.values_list("pk", flat=True))
    return SubmitForm(data, officials=workflow.agreeing_officials(organisation), initial_officials=initial)


# How the status badge looks; the template names no status.
@role_required()
def version_page(request, pk, forms=None):
    version = version_for_user(request.user, pk)
    sections = outline(version)
    numbered = [entry for _s, entry in flat_items(sections)]
    visas = Visa.objects.filter(version=version).select_related("official").order_by("-round", "order")
    previous = (
        Version.objects.filter(instruction=version.instruction, number__lt=version.number).order_by("-number").first()
    )
    steps = workflow.allowed_steps(version, request.user)
    context = {
        "version": version,
        "position": version.instruction.position,
        "visas": visas,
        "comments": Comment.objects.filter(version=version).select_related("author"),
        "previous": previous,
        # The one answer to «what may this person do here»: the same rules the steps themselves enforce.
        "steps": steps,
        "offers_history": request.user.is_hr,
        # The sheet of an approved edition, for HR to collect signatures and the head to see them.
        "offers_acknowledgement_sheet": version.is_frozen and (request.user.is_hr or request.user.is_approver),
        # The approval card: the head's approve or return; an official asked for a visa returns from the visa card.
        "shows_approval": workflow.Step.APPROVE in steps
        or (workflow.Step.RETURN in steps and workflow.Step.AGREE not in steps),
        # Why the head may return but not approve (the separation of duties, say), shown beside the return.
        "approve_refusal": workflow.refusal(version, request.user, workflow.Step.APPROVE)
        if workflow.Step.RETURN in steps and workflow.Step.APPROVE not in steps
        else "",
        "submit_form": _submit_form(version),
        "decision_form": DecisionForm(numbered_items=numbered),
        "approve_form": ApproveForm(),
        "withdraw_form": ReasonForm(),
        "comment_form": CommentForm(numbered_items=numbered),
    }
    context.update(forms or {})
    return render(request, "instructions/version.html", context, status=400 if forms else 200)


def _step(request, pk, run, form=None, form_name=None, success=""):
    """Run a workflow step; on refusal show the version page again with the user's input and the reason."""
    version = version_for_user(request.user, pk)
    try:
        run(version)
    except WorkflowError as error:
        messages.error(request, str(error))
        return version_page(request, pk, forms={form_name: form} if form is not None else {"failed": True})
    messages.success(request, success)
    return redirect("instructions:version", pk=pk)


@require_POST
@role_required(Role.HR)
def submit(request, pk):
    version = version_for_user(request.user, pk)
    form = _submit_form(version, request.POST)
    officials = list(form.cleaned_data["officials"]) if form.is_valid() else []
    return _step(
        request,
        pk,
        lambda v: workflow.submit(version=v, user=request.user, officials=officials),
        form,
        "submit_form",
        _("The draft is sent for agreement."),
    )


@require_POST
@role_required(Role.AGREEING)
def agree(request, pk):
    form = DecisionForm(request.POST)
    comment = form.cleaned_data["comment"] if form.is_valid() else ""
    return _step(
        request,
        pk,
        lambda v: workflow.agree(version=v, user=request.user, comment=comment),
        form,
        "decision_form",
        _("Your visa is recorded."),
    )


@require_POST
@role_required(Role.AGREEING, Role.APPROVER)
def return_version(request, pk):
    version = version_for_user(request.user, pk)
    form = DecisionForm(request.POST, numbered_items=[e for _s, e in flat_items(outline(version))])
    valid = form.is_valid()
    comment = form.cleaned_data["comment"] if valid else ""
    item_id = form.cleaned_data.get("item") if valid else None

    return _step(
        request,
        pk,
        lambda v: workflow.return_version(version=v, user=request.user, comment=comment, item_id=item_id),
        form,
        "decision_form",
        _("The draft is returned to HR with your comment."),
    )


@require_POST
@role_required(Role.APPROVER)
def approve(request, pk):
    form = ApproveForm(request.POST, request=request)
    if not form.is_valid():
        messages.error(request, _("Enter your password and the date from which the instruction is in force."))
        return version_page(request, pk, forms={"approve_form": form})
    data = form.cleaned_data
    return _step(
        request,
        pk,
        lambda v: workflow.approve(
            version=v, user=request.user, password=data["password"], effective_date=data["effective_date"]
        ),
        form,
        "approve_form",
        _("The instruction is approved and registered in the journal."),
    )


@require_POST
@role_required(Role.APPROVER)
def withdraw(request, pk):
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    return _step(
        request,
        pk,
        lambda v: workflow.withdraw(version=v, user=request.user, reason=reason),
        form,
        "withdraw_form",
        _("The instruction is withdrawn."),
    )


@require_POST
@role_required(Role.HR)
def start_new_version(request, pk):
    version = version_for_user(request.user, pk)
    try:
        draft = workflow.new_version(version=version, user=request.user)
    except WorkflowError as error:
        messages.error(request, str(error))
        return redirect("instructions:version", pk=pk)
    messages.success(
        request, _("Version %(number)s is started as a copy of the one in force.") % {"number": draft.number}
    )
    return redirect("instructions:editor", pk=draft.pk)


@require_POST
@role_required(Role.HR, Role.AGREEING, Role.APPROVER)
def comment(request, pk):
    version = version_for_user(request.user, pk)
    form = CommentForm(request.POST, numbered_items=[e for _s, e in flat_items(outline(version))])
    if not form.is_valid():
        messages.error(request, _("The comment could not be saved: write something."))
        return version_page(request, pk, forms={"comment_form": form})
    return _step(
        request,
        pk,
        lambda v: workflow.add_comment(
            version=v, user=request.user, text=form.cleaned_data["text"], item_id=form.cleaned_data["item"]
        ),
        form,
        "comment_form",
        _("The comment is added."),
    )


@role_required()
def inbox(request):
    """What waits for the user: visas to give, versions to approve, drafts returned to HR."""
    user = request.user
    base = version_with_context().filter(instruction__organisation=organisation_of(request))
    to_agree = base.awaiting_agreement_by(user) if user.is_agreeing_official else base.none()
    to_approve = base.awaiting_approval() if user.is_approver else base.none()
    drafts = base.filter(status=Status.DRAFT) if user.is_hr else base.none()
    on_the_way = base.filter(status__in=[Status.AGREEMENT, Status.APPROVAL]) if user.is_hr else base.none()
    returned_ids = set(
        Visa.objects.filter(version__in=drafts, decision=Decision.RETURNED).values_list("version_id", flat=True)
    )
    return render(
        request,
        "instructions/inbox.html",
        {
            # Which lists the person has: visas for an official, approvals for the approver, drafts for HR.
            "shows_visas": user.is_agreeing_official,
            "shows_approvals": user.is_approver,
            "shows_drafts": user.is_hr,
            "to_agree": to_agree,
            "to_approve": to_approve,
            "drafts": drafts,
            "on_the_way": on_the_way,
            "returned_ids": returned_ids,
        },
    )


@role_required(Role.HR)
def history(request, pk):
    """Who did what and when: the version's states and every change of its clauses."""
    version = version_for_user(request.user, pk)
    version_records = version.history.select_related("history_user").order_by("-history_date")
    item_records = (
        Item.history.filter(section__version_id=version.pk)
        .select_related("history_user")
        .order_by("-history_date")[:500]
    )
    return render(
        request,
        "instructions/history.html",
        {"version": version, "version_records": version_records, "item_records": item_records},
    )
