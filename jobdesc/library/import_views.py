"""Pages of the import of many instructions: the upload, its progress on the worker, the per-file report with
the matches HR confirms or corrects, and the drafts made."""

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from jobdesc.accounts.access import get_for_organisation, organisation_of, role_required
from jobdesc.accounts.roles import Role
from jobdesc.input_rules import InputRules

from . import import_batches
from .import_batches import ImportBatchError
from .importer.batch import CONFIDENT
from .importer.documents import UNCLASSIFIED
from .models import ImportBatch, ImportStatus, SectionKind

SKIP = ""
# What a request may carry beyond the files themselves (the form's fields and the multipart framing).
UPLOAD_OVERHEAD = 64 * 1024


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


class ConfirmForm(InputRules, forms.Form):
    """A position (or «skip») for each readable file, and a kind for each section the importer could not classify."""

    def __init__(self, *args, batch, positions, busy, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows, self.busy = [], busy
        position_choices = [(SKIP, _("— skip this file —"))] + [(str(p.pk), _label(p)) for p in positions]
        kind_choices = [(kind.code, kind.title()) for kind in SectionKind.objects.order_by("order")]
        for index, entry in enumerate(batch.results):
            row = {"index": index, "field": None, "kinds": []}
            if entry.get("document") is not None:
                match = entry.get("match")
                # Only a sure match is chosen beforehand; a weaker one is shown for HR to pick, so a hurried
                # confirmation never files an instruction under a post it only resembles.
                sure = match and match["confidence"] >= CONFIDENT and match["position"] not in busy
                initial = str(match["position"]) if sure else SKIP
                name = f"position_{index}"
                self.fields[name] = forms.ChoiceField(
                    label=entry["file"], choices=position_choices, required=False, initial=initial
                )
                row["field"] = name
                for number, heading in enumerate(import_batches.unclassified_headings(entry)):
                    kind_name = f"kind_{index}_{number}"
                    self.fields[kind_name] = forms.ChoiceField(
                        label=heading, choices=kind_choices, initial=import_batches.FALLBACK_KIND, required=False
                    )
                    row["kinds"].append((heading, kind_name))
            self.rows.append(row)

    def field_of(self, index: int):
        row = self.rows[index]
        return self[row["field"]] if row["field"] else None, [(heading, self[name]) for heading, name in row["kinds"]]

    def choices(self) -> dict[int, int | None]:
        return {
            row["index"]: int(self.cleaned_data[row["field"]]) if self.cleaned_data[row["field"]] else None
            for row in self.rows
            if row["field"]
        }

    def kinds(self) -> dict[int, dict[str, str]]:
        return {row["index"]: {heading: self.cleaned_data[name] for heading, name in row["kinds"]} for row in self.rows}


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


def _label(position) -> str:
    return f"{position.title} ({position.department})" if position.department_id else position.title


def _batch(request, pk):
    return get_for_organisation(ImportBatch.objects.defer("content"), request, pk=pk)


@role_required(Role.HR)
def import_upload(request):
    organisation = organisation_of(request)
    # An oversized upload is refused before Django reads its body, from the size the request announces.
    too_large = int(request.META.get("CONTENT_LENGTH") or 0) > import_batches.MAX_UPLOAD_BYTES + UPLOAD_OVERHEAD
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


def _confirm_form(batch, data=None):
    positions = list(batch.organisation.positions.select_related("department").order_by("title", "pk"))
    busy = import_batches.busy_positions(batch.organisation)
    return ConfirmForm(data, batch=batch, positions=positions, busy=busy)


@role_required(Role.HR)
def import_batch(request, pk):
    """The upload: its progress while the worker reads it, then the report to confirm, then the drafts made."""
    batch = _batch(request, pk)
    form = _confirm_form(batch) if batch.status == ImportStatus.READ else None
    context = {"batch": batch, "form": form, "rows": report_rows(batch, form), "confident": CONFIDENT}
    return render(request, "library/import_batch.html", context)


@role_required(Role.HR)
def import_progress(request, pk):
    """The progress bar htmx polls; once the reading is over the page reloads to show the report."""
    batch = _batch(request, pk)
    if not batch.in_progress:
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"
        return response
    return render(request, "library/_import_progress.html", {"batch": batch})


@require_POST
@role_required(Role.HR)
def import_confirm(request, pk):
    batch = _batch(request, pk)
    if batch.status != ImportStatus.READ:
        messages.error(request, _("This upload has been imported already or is not read yet."))
        return redirect("library:import_batch", pk=batch.pk)
    form = _confirm_form(batch, request.POST)
    if form.is_valid():
        try:
            versions = import_batches.confirm(batch=batch, by=request.user, choices=form.choices(), kinds=form.kinds())
        except ImportBatchError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                ngettext("%(count)d draft is created.", "%(count)d drafts are created.", len(versions))
                % {"count": len(versions)},
            )
            return redirect("library:import_batch", pk=batch.pk)
    context = {"batch": batch, "form": form, "rows": report_rows(batch, form), "confident": CONFIDENT}
    return render(request, "library/import_batch.html", context, status=400)
