"""The instruction-import stage of `bench`: a zip of 50 Word instructions uploaded, read as the worker reads it,
matched to the organisation's positions and confirmed into 50 drafts, timed beside the reference page."""

import io
import statistics
import time
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.urls import reverse

from jobdesc.accounts.models import User
from jobdesc.accounts.roles import Role
from jobdesc.accounts.services import grant_role
from jobdesc.documents.docx import render_docx
from jobdesc.instructions.drafting import imports
from jobdesc.instructions.drafting.services import start_draft
from jobdesc.instructions.models import Item, Version
from jobdesc.library import import_batches
from jobdesc.orgs.models import Organisation, Position

from . import measure

FILES = 50
PROFESSIONS = [
    "инженер-технолог",
    "бухгалтер",
    "кладовщик",
    "экономист",
    "юрисконсульт",
    "специалист по кадрам",
    "менеджер по продажам",
    "оператор склада",
    "слесарь-ремонтник",
    "инженер по охране труда",
]
LEVELS = ["", "старший ", "ведущий ", "главный ", "младший "]
REFERENCE_RUNS = 20


def titles(count: int = FILES) -> list[str]:
    """`count` distinct titles, as an organisation's staff list has them («Ведущий экономист»)."""
    names = [f"{level}{profession}" for level in LEVELS for profession in PROFESSIONS]
    return [name[:1].upper() + name[1:] for name in names[:count]]


def _content(source: Version) -> list[tuple[str, str, list[str]]]:
    """The sections of `source` as `start_draft` takes them: every instruction of the zip holds the same text."""
    grouped = {}
    items = Item.objects.filter(section__version=source, parent=None).select_related("section__kind")
    for item in items.order_by("section__order", "order"):
        grouped.setdefault((item.section.kind.code, item.section.heading), []).append(item.text)
    return [(code, heading, texts) for (code, heading), texts in grouped.items()]


def archive(source: Version, names: list[str]) -> bytes:
    """A zip of one Word file per title, each the export of a draft of that title in a scratch organisation."""
    scratch = Organisation.objects.create(full_name="ООО «Образцы»", short_name="ООО «Образцы»")
    content = _content(source)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as bundle:
        for number, title in enumerate(names, start=1):
            position = Position.objects.create(organisation=scratch, title=title)
            draft = start_draft(position=position, sections=content)
            bundle.writestr(f"{number:02} {title}.docx", render_docx(draft))
    return buffer.getvalue()


def _reference_ms(client) -> float:
    with override_settings(ROOT_URLCONF="jobdesc.bench.urls"):
        url = reverse("bench_reference")
        for _ in range(2):
            measure.fetch(client, url)
        return statistics.median(measure.timed(lambda: measure.fetch(client, url))[0] for _ in range(REFERENCE_RUNS))


def run(source: Version, count: int = FILES) -> dict:
    """Upload, read and confirm a zip of `count` instructions for an organisation with those positions."""
    names = titles(count)
    data = archive(source, names)
    organisation = Organisation.objects.create(full_name="ООО «Импорт инструкций»", short_name="ООО «Импорт»")
    positions = {title: Position.objects.create(organisation=organisation, title=title) for title in names}
    hr = User.objects.create_user(username="instruction-import-hr", organisation=organisation, last_name="Кадрова")
    grant_role(user=hr, role=Role.HR)
    client = Client()
    client.force_login(hr)
    before = _reference_ms(client)

    started = time.perf_counter()
    batch = import_batches.upload(
        organisation=organisation, by=hr, files=[SimpleUploadedFile("instructions.zip", data)]
    )
    uploaded = time.perf_counter()
    import_batches.read(batch.pk)  # what the worker's task does
    read = time.perf_counter()
    batch.refresh_from_db()
    choices = {index: (entry["match"] or {}).get("position") for index, entry in enumerate(batch.results)}
    versions = imports.confirm(batch=batch, by=hr, choices=choices)
    confirmed = time.perf_counter()
    after = _reference_ms(client)

    right = sum(
        1
        for entry in batch.results
        if entry["match"] and entry["match"]["position"] == positions[entry["file"][3:-5]].pk
    )
    reference = statistics.median([before, after])
    total_ms = (confirmed - started) * 1000
    return {
        "files": count,
        "zip_kb": round(len(data) / 1024),
        "upload_ms": (uploaded - started) * 1000,
        "read_ms": (read - uploaded) * 1000,
        "confirm_ms": (confirmed - read) * 1000,
        "total_ms": total_ms,
        "reference_ms": reference,
        "ratio": total_ms / reference,
        "matched_right": right,
        "drafts": len(versions),
        "clauses": sum(entry["clauses"] for entry in batch.results),
        "errors": sum(1 for entry in batch.results if entry["error"]),
    }
