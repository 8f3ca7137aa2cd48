"""Downloads of a version (PDF, Word, the signature sheet) and the public verification page."""

from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from jobdesc.accounts.access import role_required
from jobdesc.accounts.roles import Role
from jobdesc.instructions.selectors import versions_for_user

from . import verification
from .docx import render_docx
from .errors import RenderError
from .forms import VerifyUploadForm
from .pdf import render_acknowledgement_sheet, render_pdf, stored_pdf

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# Room for the multipart envelope and the CSRF token around the file itself.
UPLOAD_OVERHEAD = 64 * 1024


def _get_version(request, pk):
    return get_object_or_404(versions_for_user(request.user), pk=pk)


def _filename(version, extension, suffix=""):
    title = slugify(version.instruction.position.title, allow_unicode=True)
    return f"{title}-v{version.number}{suffix}.{extension}"


def _render_failed(error):
    return HttpResponse(str(error), status=500, content_type="text/plain; charset=utf-8")


@role_required()
def version_pdf(request, pk):
    """A frozen version's stored PDF (the same bytes every time); a version in work rendered now."""
    # Naming the file needs only the position: the joins of the full document context cost more than the
    # download itself (render_pdf fetches that context on its own).
    lean = versions_for_user(request.user).select_related(None).select_related("instruction__position")
    version = get_object_or_404(lean, pk=pk)
    try:
        if version.is_frozen:
            version = stored_pdf(version)
            response = FileResponse(version.pdf.open("rb"), content_type=PDF, filename=_filename(version, "pdf"))
            response["ETag"] = f'"{version.pdf_sha256}"'
            return response
        data = render_pdf(version)
    except RenderError as error:
        return _render_failed(error)
    response = HttpResponse(data, content_type=PDF)
    response["Content-Disposition"] = content_disposition_header(False, _filename(version, "pdf", "-draft"))
    response["Cache-Control"] = "no-store"
    return response


@role_required()
def version_docx(request, pk):
    version = _get_version(request, pk)
    response = HttpResponse(render_docx(version), content_type=DOCX)
    response["Content-Disposition"] = content_disposition_header(True, _filename(version, "docx"))
    return response


@never_cache
@role_required(Role.HR, Role.APPROVER)
def acknowledgements_pdf(request, pk):
    """The filled signature sheet; it changes as employees sign, so it is rendered on each request."""
    version = _get_version(request, pk)
    if not version.is_frozen:
        raise Http404
    try:
        data = render_acknowledgement_sheet(version)
    except RenderError as error:
        return _render_failed(error)
    response = HttpResponse(data, content_type=PDF)
    response["Content-Disposition"] = content_disposition_header(False, _filename(version, "pdf", "-signatures"))
    return response


def verify(request, code):
    """Public: what a verification code stands for, and whether an uploaded file is that very PDF."""
    version = verification.version_for_code(code)
    if version is None:
        return render(request, "documents/verify.html", {"code": code}, status=404)
    # Refuse an oversized upload before Django spools it to disk; the form checks the file's own size.
    if int(request.META.get("CONTENT_LENGTH") or 0) > verification.UPLOAD_LIMIT + UPLOAD_OVERHEAD:
        return HttpResponse(_("The file is too large to check."), status=413, content_type="text/plain; charset=utf-8")
    form = VerifyUploadForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        result = verification.check_upload(version, form.cleaned_data["file"])
    context = {
        "code": verification.normalise(code),
        "version": version,
        "position": version.instruction.position,
        "organisation": version.instruction.organisation,
        "journal_entry": getattr(version, "journal_entry", None),
        "form": form,
        "result": result,
    }
    return render(request, "documents/verify.html", context, status=400 if form.errors else 200)
