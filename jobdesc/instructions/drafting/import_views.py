"""The upload's report page, where HR confirms or corrects each file's position, and the confirmation that makes
the drafts. Served under /library/import/ in the library's URL namespace (jobdesc/instructions/library_urls.py);
the upload and its progress are the library's pages (jobdesc/library/import_views.py).
"""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from jobdesc.accounts.access import role_required
from jobdesc.accounts.roles import Role
from jobdesc.input_rules import InputRules
from jobdesc.instructions.drafting.imports import busy_positions, confirm
from jobdesc.library.import_batches import ImportBatchError, unclassified_headings
from jobdesc.library.import_views import import_batch_of, report_rows
from jobdesc.library.importer.batch import CONFIDENT
from jobdesc.library.importer.documents import FALLBACK_KIND
from jobdesc.library.models import ImportStatus, SectionKind

# The choice that leaves a file out of the drafts.
SKIP = ""


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
                for number, heading in enumerate(unclassified_headings(entry)):
                    kind_name = f"kind_{index}_{number}"
                    self.fields[kind_name] = forms.ChoiceField(
                        label=heading, choices=kind_choices, initial=FALLBACK_KIND, required=False
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


def _label(position) -> str:
    return f"{position.title} ({position.department})" if position.department_id else position.title


def _confirm_form(batch, data=None):
    positions = list(batch.organisation.positions.select_related("department").order_by("title", "pk"))
    busy = busy_positions(batch.organisation)
    return ConfirmForm(data, batch=batch, positions=positions, busy=busy)


@role_required(Role.HR)
def import_batch(request, pk):
    """The upload: its progress while the worker reads it, then the report to confirm, then the drafts made."""
    batch = import_batch_of(request, pk)
    form = _confirm_form(batch) if batch.status == ImportStatus.READ else None
    context = {"batch": batch, "form": form, "rows": report_rows(batch, form), "confident": CONFIDENT}
    return render(request, "library/import_batch.html", context)


@require_POST
@role_required(Role.HR)
def import_confirm(request, pk):
    batch = import_batch_of(request, pk)
    if batch.status != ImportStatus.READ:
        messages.error(request, _("This upload has been imported already or is not read yet."))
        return redirect("library:import_batch", pk=batch.pk)
    form = _confirm_form(batch, request.POST)
    if form.is_valid():
        try:
            versions = confirm(batch=batch, by=request.user, choices=form.choices(), kinds=form.kinds())
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
