"""Downloads of a version (PDF, Word, the signature sheet, the package, the audit certificate), the editor's
preview, signatures uploaded from outside, the organisation's seal, and the public verification page."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_POST

from jobdesc import input_rules
from jobdesc.accounts.access import organisation_of, role_required
from jobdesc.accounts.roles import Role
from jobdesc.accounts.throttling import client_ip
from jobdesc.instructions.models import Acknowledgement
from jobdesc.instructions.record import printed_names
from jobdesc.instructions.selectors import version_for_user, versions_for_user

from . import archive, cms, edition, seal, signatures, verification
from .audit import render_audit_certificate
from .context import build
from .docx import render_docx
from .errors import EvidenceError, OriginalModeError, RenderError
from .evidence import status_today
from .forms import OriginalModeForm, SealUploadForm, SignatureUploadForm, VerifyUploadForm
from .models import ExternalSignature, SealedPdf
from .pdf import render_acknowledgement_sheet, render_pdf, stored_pdf

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _filename(version, extension, suffix=""):
    title = slugify(version.instruction.position.title, allow_unicode=True)
    return f"{title}-v{version.number}{suffix}.{extension}"


@xframe_options_sameorigin
@role_required()
def preview(request, pk):
    """The document as it prints, shown beside the editor (in a frame of the same origin)."""
    version = version_for_user(request.user, pk)
    return render(request, "documents/instruction.html", {"doc": build(version)})


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


@never_cache
@role_required()
def version_copy(request, pk):
    """A copy of an approved edition made now: whether it is still in force, the acknowledgements so far.

    The stored PDF stays the record; this copy is rendered on each request and is never stored.
    """
    version = _frozen_version(request, pk)
    try:
        data = render_pdf(version, copy=True)
    except RenderError as error:
        return _render_failed(error)
    response = HttpResponse(data, content_type=PDF)
    response["Content-Disposition"] = content_disposition_header(False, _filename(version, "pdf", "-copy"))
    return response


@require_POST
@role_required(Role.HR)
def original_mode(request, pk):
    """HR chooses, before approval, whether this version's original is on paper or electronic."""
    version = version_for_user(request.user, pk)
    form = OriginalModeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a paper or an electronic original."))
        return redirect("instructions:version", pk=version.pk)
    try:
        edition.choose_original_mode(version=version, mode=form.cleaned_data["original_mode"])
    except OriginalModeError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The original of this version is chosen: it applies from its approval."))
    return redirect("instructions:version", pk=version.pk)


@role_required()
def version_docx(request, pk):
    version = version_for_user(request.user, pk)
    response = HttpResponse(render_docx(version), content_type=DOCX)
    response["Content-Disposition"] = content_disposition_header(True, _filename(version, "docx"))
    return response


@never_cache
@role_required(Role.HR, Role.APPROVER)
def acknowledgements_pdf(request, pk):
    """The filled signature sheet; it changes as employees sign, so it is rendered on each request."""
    version = version_for_user(request.user, pk)
    if not version.is_frozen:
        raise Http404
    try:
        data = render_acknowledgement_sheet(version)
    except RenderError as error:
        return _render_failed(error)
    response = HttpResponse(data, content_type=PDF)
    response["Content-Disposition"] = content_disposition_header(False, _filename(version, "pdf", "-signatures"))
    return response


def _too_large_response():
    return HttpResponse(_("The file is too large to check."), status=413, content_type="text/plain; charset=utf-8")


def _upload_signature(request, store) -> None:
    """Check and store an uploaded signature file; the outcome goes to the messages, typed input is a file."""
    form = SignatureUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, " ".join(str(error) for errors in form.errors.values() for error in errors))
        return
    try:
        signature = store(form.cleaned_data["signature"])
    except EvidenceError as error:
        messages.error(request, str(error))
        return
    if signature.is_verified:
        messages.success(request, _("The signature is stored: it signs exactly this PDF and its check passed."))
    else:
        messages.warning(
            request,
            _("The signature is stored: it signs exactly this PDF; its cryptographic check was not performed."),
        )


@require_POST
@role_required(Role.APPROVER)
def upload_version_signature(request, pk):
    """The approver's own signature (e.g. qualified, made with CryptoPro) of the version's stored PDF."""
    version = version_for_user(request.user, pk)
    if input_rules.announces_more_than(request, cms.UPLOAD_LIMIT):
        return _too_large_response()
    _upload_signature(
        request, lambda upload: signatures.add_approver_signature(version=version, user=request.user, upload=upload)
    )
    return redirect("instructions:version", pk=version.pk)


@require_POST
@role_required()
def upload_acknowledgement_signature(request, pk):
    """An employee signs (or signs again) their instruction with their own certificate."""
    ack = get_object_or_404(Acknowledgement, pk=pk, employee__user=request.user)
    if input_rules.announces_more_than(request, cms.UPLOAD_LIMIT):
        return _too_large_response()
    _upload_signature(
        request,
        lambda upload: signatures.add_employee_signature(
            acknowledgement_id=ack.pk,
            user=request.user,
            upload=upload,
            ip_address=client_ip(request),
            user_agent=request.META.get("HTTP_USER_AGENT", ""),
        ),
    )
    return redirect("instructions:read", pk=ack.pk)


def _frozen_version(request, pk):
    version = version_for_user(request.user, pk)
    if not version.is_frozen:
        raise Http404
    return version


@never_cache
@role_required(Role.HR, Role.APPROVER)
def package(request, pk):
    """The electronic original's package of an edition: PDF, signature files, XML description (578н)."""
    version = _frozen_version(request, pk)
    try:
        data = archive.build_package(stored_pdf(version))
    except (EvidenceError, RenderError) as error:
        return _render_failed(error)
    response = HttpResponse(data, content_type="application/zip")
    response["Content-Disposition"] = content_disposition_header(True, archive.package_name(version))
    return response


@never_cache
@role_required()
def audit_certificate(request, pk):
    """Each step of the edition with time, person, method and hash; addresses only for HR and the approver."""
    version = _frozen_version(request, pk)
    user = request.user
    try:
        data = render_audit_certificate(version, with_network=user.is_hr or user.is_approver)
    except RenderError as error:
        return _render_failed(error)
    response = HttpResponse(data, content_type=PDF)
    response["Content-Disposition"] = content_disposition_header(False, _filename(version, "pdf", "-certificate"))
    return response


def _seal_manager(request):
    organisation = organisation_of(request)
    if not request.user.has_perm("documents.manage_seal"):
        raise PermissionDenied
    return organisation


@role_required()
def seal_page(request):
    """The organisation's seal: which certificate seals the stored PDFs, its upload and removal."""
    organisation = _seal_manager(request)
    form = SealUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if input_rules.announces_more_than(request, seal.UPLOAD_LIMIT):
            return _too_large_response()
        if form.is_valid():
            try:
                seal.upload_seal(
                    organisation=organisation,
                    user=request.user,
                    data=b"".join(form.cleaned_data["certificate"].chunks()),
                    password=form.cleaned_data["password"],
                )
            except EvidenceError as error:
                form.add_error("certificate", str(error))
            else:
                messages.success(request, _("The seal is stored: PDFs approved from now on carry it."))
                return redirect("documents:seal")
    context = {
        "form": form,
        "seal": seal.active_seal(organisation),
        "configured": seal.encryption_configured(),
        "sealed_count": SealedPdf.objects.filter(seal__organisation=organisation).count(),
    }
    return render(request, "documents/seal.html", context, status=400 if form.errors else 200)


@require_POST
@role_required()
def seal_remove(request):
    organisation = _seal_manager(request)
    if seal.remove_seal(organisation=organisation, user=request.user):
        messages.success(request, _("The seal is removed: its key is erased, new PDFs are not sealed."))
    return redirect("documents:seal")


def verify(request, code):
    """Public: what a verification code stands for, and whether an uploaded file is that very PDF."""
    version = verification.version_for_code(code)
    if version is None:
        return render(request, "documents/verify.html", {"code": code}, status=404)
    if input_rules.announces_more_than(request, verification.UPLOAD_LIMIT):
        return _too_large_response()
    form = VerifyUploadForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        result = verification.check_upload(version, form.cleaned_data["file"])
    organisation, position = printed_names(version)
    context = {
        "code": verification.normalise(code),
        "version": version,
        "position": position,
        "organisation": organisation,
        "journal_entry": getattr(version, "journal_entry", None),
        "form": form,
        "result": result,
        "counts": signatures.signature_counts(version),
        "status_today": status_today(version),
        "external": ExternalSignature.objects.filter(version=version).order_by("uploaded_at", "id"),
        "seal_record": SealedPdf.objects.filter(version=version).select_related("seal").first(),
        "member": request.user.is_authenticated and request.user.organisation_id == version.instruction.organisation_id,
    }
    return render(request, "documents/verify.html", context, status=400 if form.errors else 200)
