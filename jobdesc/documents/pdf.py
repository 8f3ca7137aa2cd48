"""PDF of a version (WeasyPrint, in-process): rendered once and stored on approval, and the signature sheet.

Fonts and the print stylesheet are loaded once per process and reused by every render (loading
them is most of the cost of a small document). The output is deterministic: the metadata dates
come from the version and the file identifier from the content, so the same version renders to
the same bytes. Two variants: the paper original's PDF/A-3b, and the electronic original's PDF/A-1A
(tagged, as Приказ Минтруда № 578н names it) with the document's requisites in its metadata.
"""

import base64
import hashlib
import logging
import mimetypes
import os
import re
import threading
from functools import lru_cache
from pathlib import Path
from xml.etree import ElementTree

import cssselect2
import pydyf
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import get_template, render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

from jobdesc.grammar.people import initials_surname
from jobdesc.instructions.models import Acknowledgement, AckStatus, Version
from jobdesc.instructions.record import printed_names
from jobdesc.instructions.selectors import version_with_context
from jobdesc.orgs.models import OriginalMode

from . import seal
from .context import build
from .deep_calls import with_room
from .edition import original_mode
from .errors import RenderError
from .fetcher import RestrictedURLFetcher
from .verification import code_for

logger = logging.getLogger(__name__)

STYLESHEET = "documents/print.css"
# WeasyPrint's own user-agent stylesheet styles every HTML element there is; this one only those the
# printed templates use (see its header), which saves matching 250 rules against every element.
UA_STYLESHEET = "documents/print-ua.css"
# PDF/A-3b: the archival form, which still allows the draft's translucent watermark.
PDF_VARIANT = "pdf/a-3b"
# PDF/A-1A: the electronic original's main part (578н): tagged, no transparency, no attachments.
ELECTRONIC_VARIANT = "pdf/a-1a"
# WeasyPrint's layout objects are not meant to be shared between threads; renders take turns.
_render_lock = threading.Lock()


class _Engine:
    """What every render reuses: the fonts, the parsed stylesheets and the URL fetcher."""

    def __init__(self, stylesheet_path: str, ua_path: str):
        self.fetcher = RestrictedURLFetcher()
        self.fonts = FontConfiguration()
        self.stylesheet = CSS(filename=stylesheet_path, font_config=self.fonts, url_fetcher=self.fetcher)
        self.user_agent = CSS(filename=ua_path, url_fetcher=self.fetcher)
        self.base_url = Path(stylesheet_path).parent.as_uri() + "/"


_STYLE_ELEMENTS = re.compile(r"<style\b.*?</style>", re.S)


def _xml_root(string: str):
    """The document's element tree as expat reads it, or None when the markup is not for expat.

    instruction.html writes markup that is also well-formed XML (void elements closed, no named entities,
    every table's row group written out), which expat, in C, reads into the very tree WeasyPrint's HTML5
    parser in Python builds (lowercase tags without a namespace, the same attributes and text; compared in
    tests/documents/test_pdf_parser.py) at a twentieth of its cost. Anything else goes to the HTML5 parser:
    markup expat refuses, a <base> element, or a style element with an ampersand (raw text for HTML, an
    entity for XML).
    """
    if any("&" in style for style in _STYLE_ELEMENTS.findall(string)):
        return None
    try:
        root = ElementTree.fromstring(string)
    except ElementTree.ParseError:
        return None
    body = root.find("body")
    if root.tag != "html" or body is None or root.find("head/base") is not None:
        return None
    # Where the HTML5 parser puts the whitespace around the elements: none before <head>, and what follows
    # </body> and </html> at the end of the body.
    root.text = None
    trailing = (body.tail or "") + string[string.rindex("</html>") + len("</html>") :]
    body.tail = None
    if len(body):
        body[-1].tail = (body[-1].tail or "") + trailing
    else:
        body.text = (body.text or "") + trailing
    return root


class _PrintedHTML(HTML):
    """An HTML document styled by the printed documents' own user-agent stylesheet, read by expat when it can be."""

    def __init__(self, *, string: str, base_url: str, url_fetcher, user_agent: CSS):
        root = _xml_root(string)
        if root is None:
            super().__init__(string=string, base_url=base_url, url_fetcher=url_fetcher)
        else:
            # HTML.__init__ sets up everything else from an empty document; the tree is then the one expat read,
            # wrapped as HTML.__init__ wraps its parser's (a document without a <base> element).
            super().__init__(string="<html></html>", base_url=base_url, url_fetcher=url_fetcher)
            self.wrapper_element = cssselect2.ElementWrapper.from_html_root(root, content_language=None)
            self.etree_element = self.wrapper_element.etree_element
        self.user_agent = user_agent

    # WeasyPrint asks its HTML class for the user-agent stylesheets; overriding that hook is the one
    # way to replace them. Should a later WeasyPrint stop asking, its full stylesheet applies: slower
    # by some 10 %, the same document.
    def _ua_stylesheets(self, forms=False):
        return [self.user_agent]


@lru_cache(maxsize=1)
def _engine_for(paths: tuple[str, ...], modified: tuple[float, ...]) -> _Engine:
    return _Engine(*paths)


def _engine() -> _Engine:
    paths = tuple(finders.find(name) for name in (STYLESHEET, UA_STYLESHEET))
    for name, path in zip((STYLESHEET, UA_STYLESHEET), paths, strict=True):
        if path is None:
            raise RenderError(_("The print stylesheet %(name)s is missing.") % {"name": name})
    # Keyed by the modification times, so an edited stylesheet is picked up without a restart.
    return _engine_for(paths, tuple(os.stat(path).st_mtime for path in paths))


def _layout(html: str):
    engine = _engine()
    document = _PrintedHTML(
        string=html, base_url=engine.base_url, url_fetcher=engine.fetcher, user_agent=engine.user_agent
    )
    return document.render(stylesheets=[engine.stylesheet], font_config=engine.fonts, cache={})


class _Serialised(pydyf.Object):
    """A stream of the PDF as the bytes pydyf made of it once, compression included, in the stream's place."""

    def __init__(self, stream: pydyf.Stream):
        super().__init__()
        self.number, self.generation, self.free = stream.number, stream.generation, stream.free
        self._bytes = stream.data

    @property
    def data(self) -> bytes:
        return self._bytes

    @property
    def compressible(self) -> bool:
        return False


def _streams_made_once(document, pdf_file: pydyf.PDF) -> None:
    """WeasyPrint's finisher: each stream is compressed once, not again for the file identifier.

    pydyf compresses a stream each time it is asked for its bytes, and PDF/A's file identifier is a hash
    of all of them, asked for again after they were written: every page, font and image was compressed
    twice (at zlib's level 9), 4–6 ms of a render of the demo instruction. The bytes are the same.
    """
    pdf_file.objects[:] = [_Serialised(item) if isinstance(item, pydyf.Stream) else item for item in pdf_file.objects]


def _write(html: str, *, variant: str = PDF_VARIANT, custom_metadata: dict | None = None) -> bytes:
    def render() -> bytes:
        document = _layout(html)
        if custom_metadata:
            document.metadata.custom.update(custom_metadata)
        return document.write_pdf(
            pdf_variant=variant, custom_metadata=bool(custom_metadata), finisher=_streams_made_once
        )

    try:
        with _render_lock:
            return with_room(render)
    except RenderError:
        raise
    except Exception as error:
        logger.exception("PDF rendering failed")
        raise RenderError(_("The PDF could not be rendered: %(error)s") % {"error": error}) from error


PRINTED_TEMPLATES = ("documents/instruction.html", "documents/acknowledgements.html")
# A paragraph of the printed form, in Russian with its bold heading: enough for the first render of a process to
# load the fonts, the shaping and the hyphenation patterns every later one uses.
WARM_UP_HTML = (
    '<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8" /><title>Должностная инструкция</title></head>'
    '<body><h2>1. Общие положения</h2><p class="clause">1.1. Настоящая должностная инструкция определяет '
    "должностные обязанности, права и ответственность работника, порядок его назначения на должность и "
    "освобождения от должности.</p></body></html>"
)


def warm_up() -> None:
    """Compile the printed templates and render a small document: a process's first PDF then costs what later ones do.

    A failure is logged, not raised: the process still serves everything else, and the first real
    render reports it where the user asked for the PDF.
    """
    for name in PRINTED_TEMPLATES:
        get_template(name)
    try:
        _write(WARM_UP_HTML)
    except RenderError:
        logger.warning("The PDF engine could not be made ready; the first render will try again")


def layout(version):
    """The laid-out pages of a version (WeasyPrint's Document), for checks of the page geometry."""
    html = document_html(_fresh(version))
    with _render_lock:
        return with_room(lambda: _layout(html))


def _logo_url(organisation) -> str:
    """The logo for WeasyPrint: a file: URL under MEDIA_ROOT (the fetcher checks it), or its bytes inline.

    Object storage has no local path: there the logo, small and re-encoded on upload, is read from
    the bucket and travels inside the HTML as a data: URI, so every app server prints it alike.
    """
    logo = organisation.logo
    if not logo:
        return ""
    try:
        return Path(logo.path).as_uri()
    except NotImplementedError:
        pass
    except SuspiciousFileOperation:
        # A name that resolves outside the media root is refused by the storage: print no logo.
        logger.warning("Logo of organisation %s is not a media file: %r", organisation.pk, logo.name)
        return ""
    try:
        with logo.open("rb") as stored:
            data = stored.read()
    except OSError as error:
        logger.warning("Logo of organisation %s cannot be read from storage: %s", organisation.pk, error)
        return ""
    kind = mimetypes.guess_type(logo.name)[0] or "image/png"
    return f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}"


def document_html(version, *, copy_at=None) -> str:
    """The HTML WeasyPrint lays out: the shared document template in print mode (a copy of `copy_at`'s day)."""
    doc = build(version)
    doc.copy_at = copy_at
    doc.logo_url = _logo_url(doc.organisation)
    return render_to_string("documents/instruction.html", {"doc": doc, "for_print": True})


# What an approved version's documents read besides its snapshot. A draft's documents read its position's department
# and manager and its authors too; for an approved one those five more joins only cost PostgreSQL the planning of
# a larger query (2 ms of the 3 a render's query took).
FROZEN_RELATED = ("instruction__organisation", "instruction__position", "journal_entry")


def _fresh(version, *, from_snapshot: bool = True) -> Version:
    """The version as it is now, with what its documents read: an approved one's print from its snapshot.

    `from_snapshot=False` for a document that prints the version's own relations too (the audit certificate).
    """
    if from_snapshot and version.is_frozen:
        return Version.objects.select_related(*FROZEN_RELATED).get(pk=version.pk)
    return version_with_context().select_related("journal_entry").get(pk=version.pk)


def render_pdf(version, *, electronic: bool | None = None, copy: bool = False) -> bytes:
    """The PDF of a version as it is now: a draft with the «ПРОЕКТ» watermark, a frozen one without.

    `electronic` makes the electronic original's variant: PDF/A-1A, tagged, with the requisites
    (registration number and date, edition, effective date, verification code) in its metadata; by
    default an approved version of the electronic mode gets it, everything else the paper's PDF/A-3b.
    `copy` makes a copy of today instead of the record: it says whether the edition is still in
    force and lists the electronic acknowledgements given so far (see edition.py).
    """
    version = _fresh(version)
    if copy and not version.is_frozen:
        raise RenderError(_("Only an approved version has copies; a version in work prints as a draft."))
    if electronic is None:
        electronic = version.is_frozen and original_mode(version) == OriginalMode.ELECTRONIC
    html = document_html(version, copy_at=timezone.now() if copy else None)
    if not electronic:
        return _write(html)
    if not version.is_frozen:
        raise RenderError(_("Only an approved version has an electronic original."))
    return _write(html, variant=ELECTRONIC_VARIANT, custom_metadata=document_metadata(version))


def document_metadata(version) -> dict[str, str]:
    """The requisites of a frozen version as PDF document information entries (ASCII names)."""
    entry = getattr(version, "journal_entry", None)
    organisation, position = printed_names(version)
    facts = {
        "Organisation": organisation.full_name,
        "OrganisationINN": organisation.inn,
        "Position": position.title,
        "Edition": str(version.number),
        "RegistrationNumber": str(entry.number) if entry else "",
        "RegistrationDate": entry.registered_on.isoformat() if entry else "",
        "ApprovedAt": timezone.localtime(version.approved_at).isoformat() if version.approved_at else "",
        "EffectiveDate": version.effective_date.isoformat() if version.effective_date else "",
        "VerificationCode": code_for(version),
    }
    return {key: value for key, value in facts.items() if value}


def pdf_path(version, sha256: str) -> str:
    """Name under the field's upload_to: instructions/<organisation>/<version>-<hash prefix>.pdf."""
    return f"{version.instruction.organisation_id}/{version.pk}-{sha256[:12]}.pdf"


def store_pdf(version) -> None:
    """Render an approved version from its snapshot once and keep the file and its SHA-256 on the version.

    Run by the background worker after the approval has committed (jobdesc/documents/tasks.py), or by
    the first download of an older approval that has none. The version's row is locked while it renders,
    so two callers never store two files; a file whose row is not saved is deleted again. A version that
    already has its PDF keeps it: the stored file is the one employees sign.
    """
    with transaction.atomic():
        locked = Version.objects.select_for_update().select_related("instruction").get(pk=version.pk)
        if not locked.is_frozen:
            raise RenderError(_("Only an approved version gets a stored PDF."))
        if not locked.pdf:
            data = render_pdf(locked)
            # Sealed before hashing: the stored bytes, whose hash employees sign, are the sealed ones.
            data, used_seal = seal.seal_stored(locked, data)
            sha256 = hashlib.sha256(data).hexdigest()
            locked.pdf.save(pdf_path(locked, sha256), ContentFile(data), save=False)
            try:
                locked.pdf_sha256 = sha256
                locked.save(update_fields=["pdf", "pdf_sha256"])
                if used_seal is not None:
                    seal.record(locked, used_seal)
            except BaseException:
                locked.pdf.storage.delete(locked.pdf.name)
                raise
    version.pdf, version.pdf_sha256 = locked.pdf, locked.pdf_sha256


def stored_pdf(version) -> Version:
    """The version with its stored PDF, storing it first if an older approval has none yet."""
    if not version.pdf:
        store_pdf(version)
    return version


def _signer(ack) -> dict:
    """A signed row prints the signer as they were at signing; a row still waiting, as they are now."""
    if ack.status == AckStatus.SIGNED and ack.signer_name:
        name, position = ack.signer_name, ack.signer_position
    else:
        employee = ack.employee
        name, position = employee.full_name, employee.position.title if employee.position_id else ""
    return {"name": name, "position": position, "signature_name": initials_surname(name)}


def render_acknowledgement_sheet(version) -> bytes:
    """The filled signature sheet of a version: who signed electronically and when, who has not yet."""
    version = _fresh(version)
    doc = build(version, sections=[])
    acknowledgements = (
        Acknowledgement.objects.filter(version=version)
        .select_related("employee__position")
        .order_by("employee__full_name")
    )
    rows = [
        {
            **_signer(ack),
            "employee": ack.employee,
            "signed": ack.status == AckStatus.SIGNED,
            "closed": ack.status == AckStatus.CLOSED,
            "date": timezone.localtime(ack.signed_at).strftime("%d.%m.%Y %H:%M") if ack.signed_at else "",
            "fingerprint": ack.fingerprint,
        }
        for ack in acknowledgements
    ]
    html = render_to_string(
        "documents/acknowledgements.html",
        {
            "doc": doc,
            "rows": rows,
            "for_print": True,
            "made_at_line": doc.words["made_at"].format(date=timezone.localtime().strftime("%d.%m.%Y %H:%M")),
        },
    )
    return _write(html)
