"""Pages of the clause library: add, retire and restore a clause, the near-duplicates.

The list, a clause's page and its edit show and carry the clause into the instructions, so they live above
the library, in jobdesc/instructions/propagation/clause_views.py.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jobdesc.accounts.access import organisation_of, role_required
from jobdesc.accounts.roles import Role

from . import services
from .duplicates import duplicate_groups, merge
from .forms import ClauseForm, MergeForm
from .models import Clause


def visible_clause(request, pk):
    """A clause of the shared library or of the user's organisation; another organisation's is a 404."""
    return get_object_or_404(Clause.objects.visible_to(organisation_of(request)).select_related("section"), pk=pk)


def _own_clause(request, pk):
    """A clause the organisation may change: its own. Shared clauses are read-only (403)."""
    clause = visible_clause(request, pk)
    if clause.organisation_id is None:
        raise PermissionDenied
    return clause


@role_required(Role.HR)
def clause_add(request):
    form = ClauseForm(request.POST or None, organisation=organisation_of(request))
    if request.method == "POST" and form.is_valid():
        clause = services.add_clause(form=form)
        messages.success(request, _("The clause was added to your library."))
        return redirect("library:detail", pk=clause.pk)
    return render(request, "library/clause_form.html", {"form": form})


@require_POST
@role_required(Role.HR)
def clause_retire(request, pk):
    clause = services.retire_clause(clause=_own_clause(request, pk))
    messages.success(request, _("The clause was retired; instructions that use it keep it."))
    return redirect("library:detail", pk=clause.pk)


@require_POST
@role_required(Role.HR)
def clause_restore(request, pk):
    clause = services.restore_clause(clause=_own_clause(request, pk))
    messages.success(request, _("The clause is in use again."))
    return redirect("library:detail", pk=clause.pk)


@role_required(Role.HR)
def duplicates(request):
    """Groups of near-duplicate clauses the organisation sees, each with a form to keep one and retire the rest."""
    groups = duplicate_groups(organisation_of(request))
    # HR can act on a group with a clause of its own; the shared library's own repeats are the team's to curate.
    own = [group for group in groups if any(clause.organisation_id for clause in group.clauses)]
    context = {"groups": own, "shared_groups": len(groups) - len(own)}
    return render(request, "library/duplicates.html", context)


@require_POST
@role_required(Role.HR)
def duplicates_merge(request):
    organisation = organisation_of(request)
    form = MergeForm(request.POST, organisation=organisation)
    if not form.is_valid():
        messages.error(request, _("Choose the clause to keep and the own clauses to retire."))
        return redirect("library:duplicates")
    retired = merge([form.cleaned_data["keep"], *form.cleaned_data["retire"]], organisation=organisation)
    messages.success(
        request, _("%(count)d clauses were retired; instructions that use them keep them.") % {"count": retired}
    )
    return redirect("library:duplicates")
