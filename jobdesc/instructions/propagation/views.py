"""Pages that carry a library clause's revision into the instructions: the preview, the confirmation, the export."""

from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from jobdesc import exports, input_rules
from jobdesc.accounts.access import organisation_of, role_required
from jobdesc.accounts.roles import Role
from jobdesc.instructions.errors import WorkflowError
from jobdesc.instructions.propagation import services as propagation
from jobdesc.instructions.propagation import tasks as propagation_tasks
from jobdesc.library.models import ClauseRevision


def _revision(request, pk, number):
    """A revision of one of the organisation's own clauses; anything else is a 404."""
    return get_object_or_404(
        ClauseRevision.objects.select_related("clause__section", "origin", "edited_by"),
        clause__pk=pk,
        clause__organisation=organisation_of(request),
        number=number,
    )


def _context(revision, organisation):
    targets = propagation.preview(revision, organisation)
    return {
        "revision": revision,
        "clause": revision.clause,
        "targets": targets,
        "applicable": [t for t in targets if t.applicable],
        "editions": sum(1 for t in targets if t.applicable and t.action == propagation.Action.EDITION),
        "drafts": sum(1 for t in targets if t.applicable and t.action == propagation.Action.DRAFT),
        "labour_function": propagation.labour_function_changed(revision),
        "agreement_needed": propagation.needs_supplementary_agreement(revision, organisation),
        "organisation": organisation,
        "words": propagation.word_diff(revision.old_text, revision.new_text),
    }


@role_required(Role.HR)
def revision_page(request, pk, number):
    """The preview: every instruction carrying the clause and the exact change each would get; nothing is written."""
    revision = _revision(request, pk, number)
    context = _context(revision, organisation_of(request))
    context["in_background"] = propagation_tasks.pending(revision)
    context["newer"] = propagation.newer_revision(revision)
    return render(request, "library/revision.html", context)


@require_POST
@role_required(Role.HR)
def revision_apply(request, pk, number):
    """One confirmation: the chosen drafts are edited and the chosen instructions in force get new editions."""
    revision = _revision(request, pk, number)
    only = request.POST.get("only", "")
    chosen = [only] if only else request.POST.getlist("instruction")
    confirmed = {}
    for value in chosen:
        fingerprint = request.POST.get(f"fingerprint-{value}", "")
        instruction_id = input_rules.as_id(value)
        if instruction_id and fingerprint:
            confirmed[instruction_id] = fingerprint
    if not confirmed:
        messages.error(request, _("Choose at least one instruction to apply the change to."))
        return redirect("library:revision", pk=pk, number=number)
    if len(confirmed) > settings.PROPAGATION_SYNC_LIMIT:
        # Each new edition copies a whole instruction: many of them are made on the worker, in one transaction.
        arguments = {
            "organisation_id": revision.clause.organisation_id,
            "revision_id": revision.pk,
            "user_id": request.user.pk,
            "confirmed": {str(key): value for key, value in confirmed.items()},
        }
        transaction.on_commit(lambda: propagation_tasks.apply_revision.enqueue(**arguments))
        messages.info(
            request,
            _("%(count)d instructions are being changed in the background; this page shows each one once it is done.")
            % {"count": len(confirmed)},
        )
        return redirect("library:revision", pk=pk, number=number)
    try:
        outcome = propagation.apply(revision=revision, user=request.user, confirmed=confirmed)
    except WorkflowError as error:
        messages.error(request, str(error))
        return redirect("library:revision", pk=pk, number=number)
    if outcome.drafts:
        messages.success(
            request,
            ngettext("%(count)d draft was updated.", "%(count)d drafts were updated.", outcome.drafts)
            % {"count": outcome.drafts},
        )
    if outcome.editions:
        count = len(outcome.editions)
        messages.success(
            request,
            ngettext(
                "%(count)d new edition was started; it goes through agreement and approval as usual.",
                "%(count)d new editions were started; they go through agreement and approval as usual.",
                count,
            )
            % {"count": count},
        )
    for title, reason in outcome.skipped:
        messages.warning(
            request, _("«%(position)s» was not changed: %(reason)s.") % {"position": title, "reason": reason}
        )
    return redirect("library:revision", pk=pk, number=number)


@role_required(Role.HR)
def agreements_export(request, pk, number):
    """The employees who need a supplementary agreement (ТК ст. 72) for this change, as a spreadsheet."""
    revision = _revision(request, pk, number)
    organisation = organisation_of(request)
    header = [
        _("Employee"),
        _("Personnel number"),
        _("Position"),
        _("Department"),
        _("Instruction version"),
        _("Clause"),
        _("Wording now"),
        _("New wording"),
    ]
    rows = []
    for target in propagation.preview(revision, organisation):
        if target.action == propagation.Action.CURRENT:
            continue
        position = target.position
        for employee in target.employees:
            for change in target.changes:
                rows.append(
                    [
                        employee.full_name,
                        employee.personnel_number,
                        position.title,
                        position.department.name if position.department else "",
                        target.version.number,
                        change.number,
                        change.old_text,
                        change.new_text,
                    ]
                )
    return exports.xlsx_response(
        f"agreements-{pk}-{number}.xlsx",
        header,
        rows,
        title=_("Supplementary agreements"),
        bold_header=True,
        widths=exports.fit(10, 60),
    )
