"""Pages of the import of many instructions: the upload and its progress on the worker, and the per-file report
as the page shows it. The report's page, with the matches HR confirms, and the drafts made are the instructions'
part: jobdesc/instructions/drafting/import_views.py."""

from django import forms
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jobdesc import input_rules
from jobdesc.accounts.access import get_for_organisation, organisation_of, role_required
from jobdesc.accounts.roles import Role
from jobdesc.input_rules import InputRules

from . import import_batches
from .import_batches import ImportBatchError
from .importer.documents import UNCLASSIFIED
from .models import ImportBatch, SectionKind


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else []


class UploadForm(InputRules, forms.Form):
    files = MultipleFileField(
        label=gettext_lazy("Instructions"),
        help_text=gettext_lazy(
            "A zip archive of instructions, or several files chosen at once: .docx, .odt, .rtf, .txt or .html, "
            "up to 2 MB each, at most 200 files and 50 MB in all. The old .doc format is not read: save such "
            "files as .docx first."
        ),
        widget=MultipleFileInput(attrs={"accept": ".zip,.docx,.odt,.rtf,.txt,.html,.htm,.doc", "multiple": True}),
    )


HOW = {
    "exact": gettext_lazy("the same title"),
    "normalised": gettext_lazy("the same words"),
    "inflected": gettext_lazy("another case of the title"),
    "short name": gettext_lazy("a shorter or longer title"),
    "similar": gettext_lazy("a similar title"),
}


def _how(how: str) -> str:
    """How a match was found, in words; «+file»: from the file's name, the document having no title."""
    label = str(HOW.get(how.removesuffix("+file"), how))
    return _("%(how)s, from the file name") % {"how": label} if how.endswith("+file") else label


def report_rows(batch, form=None) -> list[dict]:
    """Each file of the upload as the page shows it: the report with its sections' titles, and its fields."""
    titles = {kind.code: kind.title() for kind in SectionKind.objects.all()}
    titles[UNCLASSIFIED] = _("not classified")
    rows = []
    for index, entry in enumerate(batch.results):
        field, kind_fields = form.field_of(index) if form is not None else (None, [])
        sections = []
        for section in entry.get("sections", []):
            title = titles.get(section["kind"], section["kind"])
            # The heading as the file wrote it, where it says more than the section's own title.
            heading = section["heading"] if section["heading"].casefold() != title.casefold() else ""
            sections.append((title, heading, section["clauses"]))
        match = entry.get("match")
        busy = bool(form is not None and match and match["position"] in form.busy)
        rows.append(
            {
                "entry": entry,
                "sections": sections,
                "field": field,
                "kind_fields": kind_fields,
                "busy": busy,
                "how": _how(match["how"]) if match else "",
            }
        )
    return rows


def import_batch_of(request, pk):
    return get_for_organisation(ImportBatch.objects.defer("content"), request, pk=pk)


@role_required(Role.HR)
def import_upload(request):
    organisation = organisation_of(request)
    # An oversized upload is refused before Django reads its body, from the size the request announces.
    too_large = input_rules.announces_more_than(request, import_batches.MAX_UPLOAD_BYTES)
    form = UploadForm(request.POST or None, request.FILES or None) if not too_large else UploadForm()
    refused = ""
    if request.method == "POST":
        if too_large:
            refused = _("The upload is larger than 50 MB.")
        elif form.is_valid():
            try:
                files = form.cleaned_data["files"]
                batch = import_batches.upload(organisation=organisation, by=request.user, files=files)
            except ImportBatchError as error:
                form.add_error("files", str(error))
            else:
                return redirect("library:import_batch", pk=batch.pk)
    recent = ImportBatch.objects.for_organisation(organisation).select_related("uploaded_by").defer("content")[:10]
    context = {"form": form, "recent": recent, "refused": refused}
    return render(request, "library/import.html", context, status=413 if too_large else 200)


@role_required(Role.HR)
def import_progress(request, pk):
    """The progress bar htmx polls; once the reading is over the page reloads to show the report."""
    batch = import_batch_of(request, pk)
    if not batch.in_progress:
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"
        return response
    return render(request, "library/_import_progress.html", {"batch": batch})
