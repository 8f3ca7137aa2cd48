"""API operations on instructions: their versions, the in-force edition's PDF and Word file, a version's text as
the importer's JSON, the registry journal and the acknowledgement requests."""

import datetime
from typing import Literal

from django.db.models import Count, OuterRef, Subquery
from django.http import FileResponse, HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from ninja import Path, Query, Router

from jobdesc.accounts.roles import Role
from jobdesc.documents.docx import render_docx
from jobdesc.documents.errors import RenderError
from jobdesc.documents.pdf import stored_pdf
from jobdesc.instructions.journal import services as journal
from jobdesc.instructions.models import Acknowledgement, Instruction, Status, Version
from jobdesc.instructions.selectors import outline, versions_for_user

from .access import get_own, organisation, require
from .api import BINARY_RESPONSES, conditional, etag_for
from .problems import WITH_INPUT, WITH_OBJECT, ApiProblem, not_found
from .schemas import (
    AcknowledgementOut,
    Id,
    InstructionOut,
    JournalEntryOut,
    Paging,
    StructureOut,
    Text,
    VersionOut,
    VersionStatus,
    page,
    paged,
)

router = Router(tags=["instructions"])

InstructionPage = paged(InstructionOut, "InstructionPage")
VersionPage = paged(VersionOut, "VersionPage")
JournalPage = paged(JournalEntryOut, "JournalPage")
AcknowledgementPage = paged(AcknowledgementOut, "AcknowledgementPage")

INSTRUCTION_ORDER = {"title": ("position__title", "pk"), "-title": ("-position__title", "-pk"), "id": ("pk",)}
INSTRUCTION_ORDER["-id"] = ("-pk",)
VERSION_ORDER = {"number": ("number", "pk"), "-number": ("-number", "-pk"), "id": ("pk",), "-id": ("-pk",)}
JOURNAL_ORDER = {"number": ("number",), "-number": ("-number",), "registered_on": ("registered_on", "number")}
JOURNAL_ORDER["-registered_on"] = ("-registered_on", "-number")
ACK_ORDER = {"requested_at": ("requested_at", "pk"), "-requested_at": ("-requested_at", "-pk"), "id": ("pk",)}
ACK_ORDER.update({"-id": ("-pk",), "employee": ("employee__full_name", "pk")})
PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _instructions(request):
    in_force = Version.objects.filter(instruction=OuterRef("pk"), status=Status.APPROVED).values("pk")[:1]
    return (
        Instruction.objects.filter(organisation=organisation(request))
        .select_related("position__department")
        .annotate(in_force_id=Subquery(in_force), version_count=Count("versions", distinct=True))
    )


@router.get("/instructions", response={200: InstructionPage, **WITH_INPUT}, summary="Instructions")
def list_instructions(
    request,
    paging: Query[Paging],
    q: Text = "",
    department_id: Id | None = None,
    position_id: Id | None = None,
    in_force: bool | None = None,
    ordering: Literal[tuple(INSTRUCTION_ORDER)] = "title",  # type: ignore[valid-type]
):
    require(request, perm="instructions.view_instruction")
    rows = _instructions(request)
    if q:
        rows = rows.filter(position__title__icontains=q)
    if department_id is not None:
        rows = rows.filter(position__department_id=department_id)
    if position_id is not None:
        rows = rows.filter(position_id=position_id)
    if in_force is not None:
        rows = rows.filter(in_force_id__isnull=not in_force)
    return page(rows.order_by(*INSTRUCTION_ORDER[ordering]), paging)


@router.get("/instructions/{instruction_id}", response={200: InstructionOut, **WITH_OBJECT}, summary="An instruction")
def get_instruction(request, instruction_id: Path[Id]):
    require(request, perm="instructions.view_instruction")
    return get_own(_instructions(request), request, instruction_id)


def _versions(request):
    # An employee sees the versions in force (and superseded) of their own posts only, as on the pages.
    return versions_for_user(request.auth.user).select_related("journal_entry")


@router.get("/versions", response={200: VersionPage, **WITH_INPUT}, summary="Versions you may read")
def list_versions(
    request,
    paging: Query[Paging],
    instruction_id: Id | None = None,
    status: VersionStatus | None = None,
    approved_from: datetime.date | None = None,
    approved_to: datetime.date | None = None,
    ordering: Literal[tuple(VERSION_ORDER)] = "-id",  # type: ignore[valid-type]
):
    require(request, perm="instructions.view_version")
    rows = _versions(request)
    if instruction_id is not None:
        rows = rows.filter(instruction_id=instruction_id)
    if status:
        rows = rows.filter(status=status)
    if approved_from:
        rows = rows.filter(approved_at__date__gte=approved_from)
    if approved_to:
        rows = rows.filter(approved_at__date__lte=approved_to)
    return page(rows.order_by(*VERSION_ORDER[ordering]), paging)


def _version(request, version_id):
    require(request, perm="instructions.view_version")
    version = _versions(request).filter(pk=version_id).first()
    if version is None:
        raise not_found()
    return version


@router.get("/versions/{version_id}", response={200: VersionOut, **WITH_OBJECT}, summary="A version")
def get_version(request, version_id: Path[Id]):
    return _version(request, version_id)


def _item(entry) -> dict:
    return {"text": entry.item.text, "number": entry.number, "children": [_item(child) for child in entry.children]}


def _flat(entry) -> list[str]:
    return [entry.item.text, *(text for child in entry.children for text in _flat(child))]


@router.get(
    "/versions/{version_id}/structure",
    response={200: StructureOut, **WITH_OBJECT},
    summary="A version's text in the importer's JSON form",
)
def get_version_structure(request, version_id: Path[Id]):
    version = _version(request, version_id)
    return {
        "title": version.instruction.position.title,
        "language": version.language,
        "sections": [
            {
                "kind": section.section.kind.code,
                "heading": section.section.heading,
                "clauses": [text for entry in section.items for text in _flat(entry)],
                "items": [_item(entry) for entry in section.items],
            }
            for section in outline(version)
        ],
    }


def _in_force(request, instruction_id):
    require(request, perm="instructions.view_version")
    version = _versions(request).filter(instruction_id=instruction_id, status=Status.APPROVED).first()
    if version is None:
        raise not_found("This instruction has no version in force that you may read.")
    return version


def _filename(version, extension):
    return f"{slugify(version.instruction.position.title, allow_unicode=True)}-v{version.number}.{extension}"


@router.get(
    "/instructions/{instruction_id}/in-force.pdf",
    response={200: None, **WITH_OBJECT},
    summary="The in-force edition as PDF",
    description="The stored PDF of the approved version: the same bytes every time; its ETag is their SHA-256.",
)
def in_force_pdf(request, instruction_id: Path[Id]):
    version = _in_force(request, instruction_id)
    try:
        version = stored_pdf(version)
    except RenderError as error:
        raise ApiProblem(503, "Rendering failed", str(error)) from error
    response = FileResponse(version.pdf.open("rb"), content_type=PDF, filename=_filename(version, "pdf"))
    return conditional(request, response, etag=f'"{version.pdf_sha256}"')


@router.get(
    "/instructions/{instruction_id}/in-force.docx",
    response={200: None, **WITH_OBJECT},
    summary="The in-force edition as a Word file",
)
def in_force_docx(request, instruction_id: Path[Id]):
    version = _in_force(request, instruction_id)
    content = render_docx(version)
    response = HttpResponse(content, content_type=DOCX)
    response["Content-Disposition"] = content_disposition_header(True, _filename(version, "docx"))
    return conditional(request, response, etag=etag_for(content))


BINARY_RESPONSES["in_force_pdf"] = PDF
BINARY_RESPONSES["in_force_docx"] = DOCX


def _journal_row(entry) -> dict:
    version = entry.version
    position = version.instruction.position
    ended = version.superseded_at or version.withdrawn_at
    return {
        "number": entry.number,
        "registered_on": entry.registered_on,
        "version_id": version.pk,
        "instruction_id": version.instruction_id,
        "position": position.title,
        "department": position.department.name if position.department_id else None,
        "version_number": version.number,
        "approved_by": version.approved_by.display_name,
        "effective_date": version.effective_date,
        "status": version.status,
        "ended_on": timezone.localdate(ended) if ended else None,
    }


@router.get("/journal", response={200: JournalPage, **WITH_INPUT}, summary="The registry journal")
def list_journal(
    request,
    paging: Query[Paging],
    q: Text = "",
    status: VersionStatus | None = None,
    department_id: Id | None = None,
    year: int | None = Query(None, ge=1900, le=2999),
    registered_from: datetime.date | None = None,
    registered_to: datetime.date | None = None,
    ordering: Literal[tuple(JOURNAL_ORDER)] = "-number",  # type: ignore[valid-type]
):
    require(request, roles=(Role.HR, Role.APPROVER))
    rows = journal.entries(
        organisation(request),
        status=status or "",
        department=str(department_id or ""),
        year=str(year or ""),
        q=q,
    )
    if registered_from:
        rows = rows.filter(registered_on__gte=registered_from)
    if registered_to:
        rows = rows.filter(registered_on__lte=registered_to)
    result = page(rows.order_by(*JOURNAL_ORDER[ordering]), paging)
    result["items"] = [_journal_row(entry) for entry in result["items"]]
    return result


def _acknowledgements(request):
    return Acknowledgement.objects.filter(version__instruction__organisation=organisation(request)).select_related(
        "employee", "version"
    )


def _ack_row(ack) -> dict:
    return {
        "id": ack.pk,
        "version_id": ack.version_id,
        "instruction_id": ack.version.instruction_id,
        "employee_id": ack.employee_id,
        "employee": ack.employee.full_name,
        "personnel_number": ack.employee.personnel_number,
        "status": ack.status,
        "requested_at": ack.requested_at,
        "signed_at": ack.signed_at,
        "closed_at": ack.closed_at,
        "reminders": ack.reminders,
    }


@router.get("/acknowledgements", response={200: AcknowledgementPage, **WITH_INPUT}, summary="Acknowledgement requests")
def list_acknowledgements(
    request,
    paging: Query[Paging],
    status: Text = "",
    version_id: Id | None = None,
    instruction_id: Id | None = None,
    employee_id: Id | None = None,
    signed_from: datetime.date | None = None,
    signed_to: datetime.date | None = None,
    ordering: Literal[tuple(ACK_ORDER)] = "-requested_at",  # type: ignore[valid-type]
):
    require(request, roles=(Role.HR,))
    rows = _acknowledgements(request)
    filters = {
        "status": status or None,
        "version_id": version_id,
        "version__instruction_id": instruction_id,
        "employee_id": employee_id,
        "signed_at__date__gte": signed_from,
        "signed_at__date__lte": signed_to,
    }
    rows = rows.filter(**{name: value for name, value in filters.items() if value is not None})
    result = page(rows.order_by(*ACK_ORDER[ordering]), paging)
    result["items"] = [_ack_row(ack) for ack in result["items"]]
    return result


@router.get(
    "/acknowledgements/{acknowledgement_id}",
    response={200: AcknowledgementOut, **WITH_OBJECT},
    summary="An acknowledgement request and its status",
)
def get_acknowledgement(request, acknowledgement_id: Path[Id]):
    require(request, roles=(Role.HR,))
    ack = _acknowledgements(request).filter(pk=acknowledgement_id).first()
    if ack is None:
        raise not_found()
    return _ack_row(ack)
