"""Pages of the staff import: upload, the preview of what would change, and the confirmed import with its progress."""

import logging

from django import forms
from django.contrib import messages
from django.db import transaction
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from jobdesc import exports
from jobdesc.accounts.access import get_for_organisation, organisation_of, role_required
from jobdesc.accounts.roles import Role
from jobdesc.input_rules import InputRules
from jobdesc.lists import TICK_PAGE_SIZE, paginate

from .models import ImportKind, ImportStatus, StaffImport
from .staff_import import applying, uploads
from .staff_import.planning import CREATE, ERROR, SAME, UPDATE
from .staff_import.reading import FileError

logger = logging.getLogger(__name__)
PROGRESS_MARK = "<!-- progress -->"


class UploadForm(InputRules, forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Staff list or employee list"),
        help_text=gettext_lazy("XLSX or CSV as 1С:ЗУП exports it, up to 5 MB; columns are found by their names."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )


@role_required(Role.HR)
def staff_import(request):
    organisation = organisation_of(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            if upload.size > uploads.MAX_BYTES:
                raise FileError(_("The file is larger than 5 MB."))
            created, _plan = uploads.upload(
                organisation=organisation, file_name=upload.name, content=upload.read(), by=request.user
            )
        except FileError as error:
            form.add_error("file", str(error))
        else:
            return redirect("orgs:import_preview", pk=created.pk)
    recent = StaffImport.objects.for_organisation(organisation).select_related("uploaded_by").defer("content")[:10]
    return render(request, "orgs/import.html", {"form": form, "recent": recent})


TEMPLATE_TYPES = {"xlsx": exports.XLSX_TYPE, "csv": exports.CSV_TYPE}


@role_required(Role.HR)
def import_template(request, kind, fmt):
    if kind not in ImportKind.values or fmt not in TEMPLATE_TYPES:
        raise Http404
    return exports.download(uploads.template(kind, fmt), f"{kind}-template.{fmt}", TEMPLATE_TYPES[fmt])


ACTION_FILTERS = {
    "changes": (CREATE, UPDATE),
    "errors": (ERROR,),
    "same": (SAME,),
    "all": (CREATE, UPDATE, SAME, ERROR),
}


@role_required(Role.HR)
def import_preview(request, pk):
    staff_import = get_for_organisation(StaffImport.objects.all(), request, pk=pk)
    try:
        plan = applying.planned(staff_import)
    except FileError as error:
        messages.error(request, str(error))
        return redirect("orgs:import")
    show = request.GET.get("show") or ("errors" if plan.has_errors else "changes")
    show = show if show in ACTION_FILTERS else "changes"
    rows = [row for row in plan.rows if row.action in ACTION_FILTERS[show]]
    page = paginate(rows, request.GET.get("page"), TICK_PAGE_SIZE)
    return render(
        request,
        "orgs/import_preview.html",
        {
            "staff_import": staff_import,
            "plan": plan,
            "counts": plan.counts,
            "page": page,
            "show": show,
            "changed_since": staff_import.status == ImportStatus.PREVIEW and plan.digest != staff_import.plan_digest,
        },
    )


def _progress_step(done, total):
    percent = round(100 * done / total) if total else 100
    return render_to_string("orgs/_import_step.html", {"done": done, "total": total, "percent": percent})


@require_POST
@role_required(Role.HR)
@transaction.non_atomic_requests
def import_apply(request, pk):
    """Apply a previewed file; the answer streams its progress, then the outcome (one transaction inside)."""
    staff_import = get_for_organisation(StaffImport.objects.defer("content"), request, pk=pk)
    page = render_to_string("orgs/import_apply.html", {"staff_import": staff_import}, request=request)
    head, tail = page.split(PROGRESS_MARK)
    user = request.user

    def stream():
        yield head
        steps = applying.apply_steps(staff_import_id=staff_import.pk, by=user)
        counts, failure = None, ""
        try:
            while True:
                try:
                    yield _progress_step(*next(steps))
                except StopIteration as finished:
                    counts = finished.value
                    break
        except applying.ImportRefused as error:
            failure = str(error)
        except Exception:
            logger.exception("Staff import %s failed", staff_import.pk)
            failure = _("The import failed; nothing was written. Try again, or ask the administrator.")
        yield render_to_string(
            "orgs/_import_outcome.html", {"counts": counts, "failure": failure, "staff_import": staff_import}
        )
        yield tail

    response = StreamingHttpResponse(stream(), content_type="text/html; charset=utf-8")
    # A proxy must pass the progress on as it comes instead of buffering the whole answer.
    response["X-Accel-Buffering"] = "no"
    response["Cache-Control"] = "no-store"
    return response
