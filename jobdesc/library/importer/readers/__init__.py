"""Reading a job description file into paragraphs, refusing what cannot be one.

Plain text (UTF-8 or UTF-16), Word (.docx), OpenDocument (.odt), RTF and HTML are read; an old binary
Word file (.doc) is refused with advice on converting it. Every reader returns `Paragraph`s: the text
with the numbers a word processor computes written out, and the heading level or list level the file
states.
"""

from pathlib import Path

from django.utils.translation import gettext as _

from ..classify import detect_language
from ..errors import ImporterError
from ..paragraphs import Paragraph, join_lines, unfold_columns
from ..parser import starts_block
from .archive import ZIP_MAGIC, open_archive

MAX_BYTES = 2 * 1024 * 1024
TEXT_SUFFIXES = {"", ".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
RTF_MAGIC = b"{\\rtf"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"
SUPPORTED = ".txt, .docx, .odt, .rtf, .html"

__all__ = ["MAX_BYTES", "SUPPORTED", "check_size", "paragraphs_of", "read_paragraphs"]


def read_paragraphs(path, language: str | None = None) -> tuple[list[Paragraph], str]:
    """The paragraphs of the file at `path` and their language (`language` if given, else detected)."""
    path = Path(path)
    if not path.is_file():
        raise ImporterError(_("%(name)s: no such file.") % {"name": path.name})
    check_size(path.name, path.stat().st_size)
    return paragraphs_of(path.name, path.read_bytes(), language)


def check_size(name: str, size: int):
    if size == 0:
        raise ImporterError(_("%(name)s is empty.") % {"name": name})
    if size > MAX_BYTES:
        raise ImporterError(
            _("%(name)s is too large (%(size)d KB); the limit is %(limit)d KB.")
            % {"name": name, "size": size // 1024, "limit": MAX_BYTES // 1024}
        )


def paragraphs_of(name: str, data: bytes, language: str | None = None) -> tuple[list[Paragraph], str]:
    """The paragraphs of a file called `name` whose content is `data`, and their language."""
    check_size(name, len(data))
    suffix = Path(name).suffix.lower()
    if data.startswith(OLE_MAGIC) or suffix in {".doc", ".dot"}:
        raise ImporterError(
            _(
                "%(name)s is an old binary Word file (.doc), which cannot be read; open it in Word or "
                "LibreOffice and save it as .docx (or run: soffice --headless --convert-to docx %(name)s)."
            )
            % {"name": name}
        )
    if data.startswith(ZIP_MAGIC) or suffix in {".docx", ".odt"}:
        # Each format's reader (and its library) is imported when a file of that format comes, so reading
        # a text file does not wait for python-docx, odfpy or lxml to load.
        from . import opendocument, word

        archive = open_archive(name, data)
        if archive.has("word/document.xml"):
            paragraphs = word.paragraphs(archive)
        elif archive.has("content.xml") and archive.mimetype().startswith("application/vnd.oasis.opendocument.text"):
            paragraphs = opendocument.paragraphs(archive)
        else:
            raise ImporterError(
                _("%(name)s is a zip archive but not a Word (.docx) or OpenDocument (.odt) document.") % {"name": name}
            )
        return paragraphs, language or detect_language(" ".join(paragraph.text for paragraph in paragraphs))
    if data.lstrip()[:5] == RTF_MAGIC or suffix == ".rtf":
        from . import rtf

        text = rtf.text_of(name, data)
        language = language or detect_language(text)
        return join_lines(text.splitlines(), lambda line: starts_block(line, language)), language
    text = _decode(name, data)
    if suffix in HTML_SUFFIXES or text.lstrip()[:15].lower().startswith(("<!doctype html", "<html")):
        from . import web

        return web.paragraphs(name, text, language)
    if suffix not in TEXT_SUFFIXES:
        raise ImporterError(
            _("%(name)s: unsupported file type; use a %(types)s file.") % {"name": name, "types": SUPPORTED}
        )
    language = language or detect_language(text)
    return join_lines(unfold_columns(text.splitlines()), lambda line: starts_block(line, language)), language


def _decode(name: str, data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            data_text = data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise ImporterError(_("%(name)s is not readable UTF-16 text.") % {"name": name}) from error
    else:
        if b"\x00" in data[:8192]:
            raise ImporterError(_("%(name)s is a binary file, not text.") % {"name": name})
        try:
            data_text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ImporterError(
                _("%(name)s is not UTF-8 text (it may be in Windows-1251); save it as UTF-8.") % {"name": name}
            ) from error
    control = sum(1 for char in data_text if ord(char) < 32 and char not in "\r\n\t\f")
    if control > len(data_text) // 100:
        raise ImporterError(_("%(name)s is a binary file, not text.") % {"name": name})
    return data_text
