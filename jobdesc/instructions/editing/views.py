"""Pages of an instruction: starting a draft, the editor with its actions, and the preview."""

from django.contrib import messages
from django.db.models import Exists, OuterRef
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jobdesc import input_rules
from jobdesc.accounts.access import role_required
from jobdesc.accounts.roles import Role
from jobdesc.instructions.editing import services as editing
from jobdesc.instructions.editing.checks import check, review
from jobdesc.instructions.editing.forms import ItemTextForm
from jobdesc.instructions.editing.library_panel import library_results
from jobdesc.instructions.errors import WorkflowError
from jobdesc.instructions.models import Comment, Item, Section
from jobdesc.instructions.printed import fill_clauses, fill_outline
from jobdesc.instructions.selectors import attach_comments, outline, versions_for_user
from jobdesc.library.models import SectionKind


def items_url(version) -> str:
    """The address every clause's actions start with, «…/version/<pk>/items/».

    The editor shows five actions on each of up to hundreds of clauses; reversing each of their URLs
    took a third of the page's time, so the template appends «<item>/<action>/» to this instead (a
    test checks the result against reverse()).
    """
    return reverse("instructions:edit_item", args=[version.pk, 0]).removesuffix("0/edit/")


def version_to_edit(user, pk):
    """The version `pk` as `version_for_user` gives it, joined only to what the editor names (its position with
    department and manager): the author and approver the document prints are left out.

    Its organisation can only be the user's own (`versions_for_user` filters by it), already loaded with the
    user: it is set rather than joined and built a second time. `has_comments` says whether any clause has a
    remark: a draft being written usually has none, and then the page need not query them.
    """
    related = ("instruction__position__department", "instruction__position__reports_to")
    commented = Comment.objects.filter(version=OuterRef("pk"), item__isnull=False)
    versions = versions_for_user(user).select_related(None).select_related(*related)
    version = get_object_or_404(versions.annotate(has_comments=Exists(commented)), pk=pk)
    version.instruction.organisation = user.organisation
    return version


def editor_urls(version) -> dict:
    """The addresses each section's forms post to, reversed once for the page rather than once per section."""
    return {name: reverse(f"instructions:{name}", args=[version.pk]) for name in ("add_item", "library", "editor")}


def _editor_context(request, version, **extra):
    kinds = list(SectionKind.objects.all())
    sections = outline(version, lean=True, kinds=kinds)
    fill_outline(version, sections)
    if version.has_comments:
        attach_comments(version, sections)
    present = {s.section.kind_id for s in sections}
    context = {
        "version": version,
        "items_url": items_url(version),
        "urls": editor_urls(version),
        "position": version.instruction.position,
        "sections": sections,
        "problems": check(version, sections, kinds),
        "missing_kinds": [k for k in kinds if k.pk not in present],
        "editing": _int(request.GET.get("edit")),
        "search_section": request.GET.get("section", ""),
    }
    context.update(extra)
    if context["search_section"]:
        results = library_results(version, context["search_section"], request.GET.get("q", ""))
        context["results"] = fill_clauses(version, results)
    return context


def _int(value):
    return input_rules.as_id(value)


@role_required(Role.HR)
def editor(request, pk):
    version = version_to_edit(request.user, pk)
    return render(request, "instructions/editor.html", _editor_context(request, version))


@role_required(Role.HR)
def library(request, pk):
    """Search-as-you-type results of one section's library panel (htmx partial; the editor page without JS)."""
    version = version_to_edit(request.user, pk)
    code = request.GET.get("section", "")
    section = get_object_or_404(Section, version=version, kind__code=code)
    results = fill_clauses(version, library_results(version, code, request.GET.get("q", "")))
    context = {"version": version, "results": results, "code": code, "section_pk": section.pk}
    return render(request, "instructions/_library_results.html", context)


def _after_change(request, version, section_code, error=None, **extra):
    """Answer an editor action: for htmx, the refreshed section and the checks panel (an out-of-band swap), both
    from one outline; for a plain post, back to the editor.

    The `draft-changed` event lets the page refresh its preview, which editor.js does once the edits pause.
    """
    if request.headers.get("HX-Request"):
        kinds = list(SectionKind.objects.all())
        sections = outline(version, lean=True, kinds=kinds)
        section = next((s for s in sections if s.section.kind.code == section_code), None)
        if section is not None:
            fill_outline(version, [section])
            if version.has_comments:
                attach_comments(version, [section])
        context = {
            "version": version,
            "items_url": items_url(version),
            "urls": editor_urls(version),
            "s": section,
            "error": error,
            **_checks_context(version, sections, kinds),
            **extra,
        }
        response = render(request, "instructions/_changed.html", context)
        response["HX-Trigger"] = "draft-changed"
        return response
    if error:
        messages.error(request, error)
    return redirect(reverse("instructions:editor", args=[version.pk]) + f"#section-{section_code}")


def _section_code(version, section_id):
    section_id = _int(section_id)
    if section_id is None:
        return ""
    return Section.objects.filter(pk=section_id, version=version).values_list("kind__code", flat=True).first() or ""


@require_POST
@role_required(Role.HR)
def add_item(request, pk):
    version = version_to_edit(request.user, pk)
    section_id = request.POST.get("section")
    code = _section_code(version, section_id)
    try:
        editing.add_item(
            version=version,
            user=request.user,
            section_id=section_id,
            text=request.POST.get("text", ""),
            clause_id=_int(request.POST.get("clause")),
        )
    except WorkflowError as error:
        text = request.POST.get("text", "")
        if not request.headers.get("HX-Request"):
            # Without JavaScript the editor is shown again with the typed text in its field, not redirected.
            failed_add = {"section": code, "text": text, "error": str(error)}
            if not code:
                messages.error(request, str(error))
            context = _editor_context(request, version, failed_add=failed_add)
            return render(request, "instructions/editor.html", context, status=400)
        return _after_change(request, version, code, str(error), new_text=text)
    return _after_change(request, version, code)


@require_POST
@role_required(Role.HR)
def edit_item(request, pk, item_pk):
    version = version_to_edit(request.user, pk)
    item = get_object_or_404(version_items(version), pk=item_pk)
    form = ItemTextForm(request.POST)
    code = item.section.kind.code
    if not form.is_valid():
        return _editor_error(
            request, version, code, item, request.POST.get("text", ""), _("The text could not be saved.")
        )
    try:
        editing.edit_item(
            version=version,
            user=request.user,
            item_id=item.pk,
            text=form.cleaned_data["text"],
            revision=form.cleaned_data["revision"] or 0,
        )
    except editing.StaleEdit as stale:
        return _editor_error(request, version, code, stale.item, stale.submitted_text, str(stale), stale=stale)
    except WorkflowError as error:
        return _editor_error(request, version, code, item, form.cleaned_data["text"], str(error))
    return _after_change(request, version, code)


def _editor_error(request, version, code, item, text, error, stale=None):
    """Show the item's edit form again with the user's own text and the reason; nothing typed is lost."""
    extra = {"editing": item.pk, "edit_text": text, "edit_error": error, "stale": stale}
    if request.headers.get("HX-Request"):
        return _after_change(request, version, code, **extra)
    response = render(request, "instructions/editor.html", _editor_context(request, version, **extra), status=409)
    return response


def version_items(version):
    return Item.objects.filter(section__version=version).select_related("section__kind")


@require_POST
@role_required(Role.HR)
def item_action(request, pk, item_pk, action):
    version = version_to_edit(request.user, pk)
    item = get_object_or_404(version_items(version), pk=item_pk)
    code = item.section.kind.code
    operations = {
        "delete": lambda: editing.delete_item(
            version=version, user=request.user, item_id=item.pk, revision=_int(request.POST.get("revision"))
        ),
        "up": lambda: editing.move_item(version=version, user=request.user, item_id=item.pk, direction="up"),
        "down": lambda: editing.move_item(version=version, user=request.user, item_id=item.pk, direction="down"),
        "indent": lambda: editing.indent_item(version=version, user=request.user, item_id=item.pk),
        "outdent": lambda: editing.outdent_item(version=version, user=request.user, item_id=item.pk),
    }
    if action not in operations:
        return HttpResponse(status=404)
    try:
        operations[action]()
    except editing.StaleEdit:
        message = _("Someone else changed this clause just now, so it is not deleted: check its new text first.")
        return _after_change(request, version, code, message)
    except WorkflowError as error:
        return _after_change(request, version, code, str(error))
    return _after_change(request, version, code)


@require_POST
@role_required(Role.HR)
def reorder(request, pk):
    version = version_to_edit(request.user, pk)
    section_id = request.POST.get("section")
    code = _section_code(version, section_id)
    try:
        editing.reorder(
            version=version, user=request.user, section_id=section_id, item_ids=request.POST.getlist("item")
        )
    except WorkflowError as error:
        return _after_change(request, version, code, str(error))
    return _after_change(request, version, code)


@require_POST
@role_required(Role.HR)
def add_section(request, pk):
    version = version_to_edit(request.user, pk)
    code = request.POST.get("kind", "")
    try:
        editing.add_section(version=version, user=request.user, kind_code=code)
    except WorkflowError as error:
        messages.error(request, str(error))
    return redirect(reverse("instructions:editor", args=[version.pk]) + f"#section-{code}")


@require_POST
@role_required(Role.HR)
def remove_section(request, pk, section_pk):
    version = version_to_edit(request.user, pk)
    try:
        editing.remove_section(version=version, user=request.user, section_id=section_pk)
    except WorkflowError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The section is removed."))
    return redirect("instructions:editor", pk=version.pk)


@role_required(Role.HR)
def checks(request, pk):
    """The checks panel (htmx partial): the mandatory checks and what reading the text finds."""
    version = version_to_edit(request.user, pk)
    kinds = list(SectionKind.objects.all())
    context = {"version": version, **_checks_context(version, outline(version, lean=True, kinds=kinds), kinds)}
    return render(request, "instructions/_checks.html", context)


def _checks_context(version, sections, kinds) -> dict:
    return {"problems": check(version, sections, kinds), "findings": review(version, sections)}


@require_POST
@role_required(Role.HR)
def fix(request, pk):
    """Apply the fix a check offers: replace or delete a clause, or insert a section's lead-in."""
    version = version_to_edit(request.user, pk)
    action = request.POST.get("action", "")
    anchor = "checks"
    try:
        if action in ("replace", "delete"):
            item = version_items(version).filter(pk=_int(request.POST.get("item"))).first()
            if item is None:
                raise WorkflowError(_("That clause is no longer in the draft; reload the page."))
            anchor = f"item-{item.pk}"
            revision = _int(request.POST.get("revision")) or 0
            if action == "delete":
                editing.delete_item(version=version, user=request.user, item_id=item.pk, revision=revision)
            else:
                text = request.POST.get("text", "")
                editing.edit_item(version=version, user=request.user, item_id=item.pk, text=text, revision=revision)
        elif action == "insert":
            section_id = request.POST.get("section")
            anchor = f"section-{_section_code(version, section_id)}"
            editing.insert_lead_in(
                version=version, user=request.user, section_id=section_id, text=request.POST.get("text", "")
            )
        else:
            raise WorkflowError(_("Unknown fix."))
    except editing.StaleEdit:
        messages.error(request, _("The clause changed since the check; look at it again."))
    except WorkflowError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The fix is applied."))
    return redirect(reverse("instructions:editor", args=[version.pk]) + f"#{anchor}")
