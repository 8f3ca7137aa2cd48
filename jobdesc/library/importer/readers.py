"""Reading a plain-text, Word (.docx) or HTML file into paragraphs, refusing what cannot be a job description."""

import io
import zipfile
from pathlib import Path

from django.utils.translation import gettext as _

from .classify import detect_language
from .errors import ImporterError
from .paragraphs import clean, join_lines, mark_bullet
from .parser import starts_block

MAX_BYTES = 2 * 1024 * 1024
# A .docx is a zip archive: its unpacked text can be far larger than the file, so it is capped too.
MAX_UNPACKED_BYTES = 20 * 1024 * 1024
TEXT_SUFFIXES = {"", ".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"
# Elements whose text is never part of the document.
HTML_SKIPPED = {"script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form", "button", "svg"}
HTML_BLOCKS = {
    "p",
    "div",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "td",
    "th",
    "tr",
    "dt",
    "dd",
    "pre",
    "blockquote",
    "section",
    "article",
    "main",
    "ul",
    "ol",
    "table",
    "body",
    "title",
}


def read_paragraphs(path, language: str | None = None) -> tuple[list[str], str]:
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


def paragraphs_of(name: str, data: bytes, language: str | None = None) -> tuple[list[str], str]:
    """The paragraphs of a file called `name` whose content is `data`, and their language."""
    check_size(name, len(data))
    suffix = Path(name).suffix.lower()
    if data.startswith(OLE_MAGIC):
        raise ImporterError(_("%(name)s is an old Word .doc file; save it as .docx.") % {"name": name})
    if suffix == ".docx" or data.startswith(ZIP_MAGIC):
        paragraphs = _docx_paragraphs(name, data)
        return paragraphs, language or detect_language(" ".join(paragraphs))
    text = _decode(name, data)
    if suffix in HTML_SUFFIXES or text.lstrip()[:15].lower().startswith(("<!doctype html", "<html")):
        return _html_paragraphs(name, text, language)
    if suffix not in TEXT_SUFFIXES:
        raise ImporterError(_("%(name)s: unsupported file type; use a .txt, .docx or .html file.") % {"name": name})
    language = language or detect_language(text)
    return join_lines(text.splitlines(), lambda line: starts_block(line, language)), language


def _decode(name: str, data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        data_text = data.decode("utf-16")
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


def _docx_paragraphs(name: str, data: bytes) -> list[str]:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if "word/document.xml" not in archive.namelist():
                raise ImporterError(_("%(name)s is a zip archive but not a Word document.") % {"name": name})
            if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED_BYTES:
                raise ImporterError(_("%(name)s unpacks to too much data.") % {"name": name})
        document = docx.Document(io.BytesIO(data))
    except zipfile.BadZipFile as error:
        raise ImporterError(_("%(name)s is not a valid .docx file.") % {"name": name}) from error
    paragraphs: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            paragraphs.extend(_docx_paragraph(block))
        elif isinstance(block, Table):
            paragraphs.extend(_docx_table(block))
    return paragraphs


def _docx_paragraph(paragraph) -> list[str]:
    # Manual line breaks inside a Word paragraph are kept as separate paragraphs.
    lines = [clean(line) for line in paragraph.text.splitlines()]
    lines = [line for line in lines if line]
    properties = paragraph._p.pPr
    in_list = properties is not None and properties.numPr is not None
    style = (paragraph.style.name or "").lower() if paragraph.style is not None else ""
    if lines and (in_list or style.startswith("list")) and not style.startswith("heading"):
        # Word's automatic numbering is not part of the text, so a numbered list reads as bullets.
        lines[0] = mark_bullet(lines[0])
    return lines


def _docx_table(table) -> list[str]:
    """Each row's cells in order, the way a table-like layout reads in plain text («1.4.1 / label / value»)."""
    paragraphs: list[str] = []
    for row in table.rows:
        seen = set()
        for cell in row.cells:
            # Merged cells repeat in python-docx; each is read once.
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            for paragraph in cell.paragraphs:
                paragraphs.extend(_docx_paragraph(paragraph))
    return paragraphs


def _html_paragraphs(name: str, text: str, language: str | None) -> tuple[list[str], str]:
    import lxml.html
    from lxml import etree

    try:
        root = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError) as error:
        raise ImporterError(_("%(name)s is not readable HTML.") % {"name": name}) from error
    for skipped in root.xpath("|".join(f"//{tag}" for tag in HTML_SKIPPED)):
        skipped.drop_tree()
    language = language or detect_language(root.text_content())
    paragraphs: list[str] = []
    current: list[str] = []
    bullet = False

    def flush():
        nonlocal current, bullet
        # Line breaks inside a block are read like the lines of a text file, so a <br> in the
        # middle of a sentence does not cut it in two.
        lines = "".join(current).split("\n")
        for number, line in enumerate(join_lines(lines, lambda line: starts_block(line, language))):
            paragraphs.append(mark_bullet(line) if bullet and number == 0 else line)
        current, bullet = [], False

    def walk(element):
        nonlocal bullet
        tag = element.tag if isinstance(element.tag, str) else ""
        if not tag:
            return
        if tag == "br":
            current.append("\n")
            return
        block = tag in HTML_BLOCKS
        if block:
            # A paragraph inside a list item is still that item.
            inherited = bullet and not clean("".join(current))
            flush()
            bullet = tag == "li" or inherited
        if element.text:
            current.append(element.text.replace("\n", " "))
        for child in element:
            walk(child)
            if child.tail:
                current.append(child.tail.replace("\n", " "))
        if block:
            flush()

    walk(root)
    flush()
    return paragraphs, language
