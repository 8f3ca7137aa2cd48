"""The library's pages that show a clause in the instructions: the list with its use counts, one clause with
where it is used and its revisions, and the edit that records a revision and offers to carry it.

Served under /library/ in the library's URL namespace (jobdesc/instructions/library_urls.py).
"""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from jobdesc.accounts.access import organisation_of, role_required
from jobdesc.accounts.roles import Role
from jobdesc.instructions.propagation import services as propagation
from jobdesc.library.forms import ClauseEditForm, ClauseFilterForm
from jobdesc.library.search import library_clauses, sources, tag_names
from jobdesc.library.similarity import scope_stamp
from jobdesc.library.views import visible_clause
from jobdesc.lists import paginate


@role_required(Role.HR)
def clause_list(request):
    organisation = organisation_of(request)
    # The library's stamp, read once: the source filter's choices and the search are kept by it.
    stamp = scope_stamp(organisation.pk)
    form = ClauseFilterForm(request.GET or None, sources=sources(organisation, stamp))
    clauses = library_clauses(organisation, **form.filters(), prefetch_tags=False, stamp=stamp)
    page = paginate(clauses, request.GET.get("page"))
    context = {"form": form, "page": page, "tags": tag_names(page), "organisation": organisation}
    context["uses"] = propagation.use_counts(organisation, [clause.pk for clause in page])
    if request.headers.get("HX-Request") and request.headers.get("HX-Target") == "clause-results":
        return render(request, "library/_clause_results.html", context)
    return render(request, "library/clause_list.html", context)


@role_required(Role.HR)
def clause_detail(request, pk):
    clause = visible_clause(request, pk)
    organisation = organisation_of(request)
    context = {"clause": clause, "usages": propagation.items_from(clause, organisation), "tags": clause.tags.all()}
    context["carriers"] = propagation.where_used(clause, organisation)
    context["revisions"] = propagation.revisions_of(clause)
    return render(request, "library/clause_detail.html", context)


@role_required(Role.HR)
def clause_edit(request, pk):
    clause = visible_clause(request, pk)
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
