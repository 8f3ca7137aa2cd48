"""Pages of the clause library: the list with filters and search, one clause and where it is used, add, edit, retire."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jobdesc.accounts.access import organisation_of, role_required
from jobdesc.accounts.roles import Role
from jobdesc.instructions.propagation import services as propagation
from jobdesc.lists import paginate

from . import services
from .duplicates import duplicate_groups, merge
from .forms import ClauseEditForm, ClauseFilterForm, ClauseForm, MergeForm
from .models import Clause
from .search import library_clauses, sources, usages


def _visible_clause(request, pk):
    """A clause of the shared library or of the user's organisation; another organisation's is a 404."""
    return get_object_or_404(Clause.objects.visible_to(organisation_of(request)).select_related("section"), pk=pk)


def _own_clause(request, pk):
    """A clause the organisation may change: its own. Shared clauses are read-only (403)."""
    clause = _visible_clause(request, pk)
    if clause.organisation_id is None:
        raise PermissionDenied
    return clause


@role_required(Role.HR)
def clause_list(request):
    organisation = organisation_of(request)
    form = ClauseFilterForm(request.GET or None, sources=sources(organisation))
    clauses = library_clauses(organisation, **form.filters())
    page = paginate(clauses, request.GET.get("page"))
    context = {"form": form, "page": page, "organisation": organisation}
    if request.headers.get("HX-Request") and request.headers.get("HX-Target") == "clause-results":
        return render(request, "library/_clause_results.html", context)
    return render(request, "library/clause_list.html", context)


@role_required(Role.HR)
def clause_detail(request, pk):
    clause = _visible_clause(request, pk)
    organisation = organisation_of(request)
    context = {"clause": clause, "usages": usages(clause, organisation), "tags": clause.tags.all()}
    context["carriers"] = propagation.where_used(clause, organisation)
    context["revisions"] = propagation.revisions_of(clause)
    return render(request, "library/clause_detail.html", context)


@role_required(Role.HR)
def clause_add(request):
    form = ClauseForm(request.POST or None, organisation=organisation_of(request))
    if request.method == "POST" and form.is_valid():
        clause = services.add_clause(form=form)
        messages.success(request, _("The clause was added to your library."))
        return redirect("library:detail", pk=clause.pk)
    return render(request, "library/clause_form.html", {"form": form})


@role_required(Role.HR)
def clause_edit(request, pk):
    clause = _visible_clause(request, pk)
    organisation = organisation_of(request)
    shared = clause.organisation_id is None
    old_text = clause.text
    if shared:
        # The shared library stays as seeded: editing it writes the organisation's own copy.
        initial = {"section": clause.section, "language": clause.language, "text": clause.text}
        initial["tag_names"] = ", ".join(tag.name for tag in clause.tags.all())
        initial.update(categories=clause.categories, profession=clause.profession, standard=clause.standard)
        form = ClauseEditForm(request.POST or None, organisation=organisation, initial=initial)
        form.instance.source = clause.source
    else:
        form = ClauseEditForm(request.POST or None, organisation=organisation, instance=clause)
    if request.method == "POST" and form.is_valid():
        edit = propagation.edit_clause(origin=clause, old_text=old_text, form=form, user=request.user)
        saved, revision = edit.clause, edit.revision
        if shared:
            messages.success(request, _("Your own copy of the clause was saved; the shared clause is unchanged."))
        else:
            messages.success(request, _("The clause was saved. Instructions that already use it keep their text."))
        if edit.drafts_fixed:
            messages.info(request, _("The typo fix was made in %(count)d drafts.") % {"count": edit.drafts_fixed})
        if revision and any(t.applicable for t in propagation.preview(revision, organisation)):
            return redirect("library:revision", pk=saved.pk, number=revision.number)
        return redirect("library:detail", pk=saved.pk)
    context = {"form": form, "clause": clause, "shared": shared}
    context["usages"] = propagation.where_used(clause, organisation)
    return render(request, "library/clause_form.html", context)


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
