"""Word export of a version (python-docx): the same letterhead, numbering and sheets, for editing further in Word."""

import io

from django.utils import timezone
from docx import Document as WordDocument
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from jobdesc.input_rules import printable
from jobdesc.instructions.selectors import version_with_context

from .context import build

# Word users have Times New Roman; LibreOffice substitutes the metrically identical Liberation Serif.
FONT = "Times New Roman"
SMALL = Pt(9)


def render_docx(version) -> bytes:
    version = version_with_context().select_related("journal_entry").get(pk=version.pk)
    doc = build(version)
    word = WordDocument()
    _page_setup(word, doc)
    _letterhead(word, doc)
    _paragraph(word, doc.title_genitive[:1].upper() + doc.title_genitive[1:], bold=True, space_after=Pt(6))
    edition = doc.edition
    lines = [line for line in (edition.edition_line, edition.replaces_line, edition.effective_line) if line]
    for number, line in enumerate(lines, start=1):
        _paragraph(word, line, space_after=Pt(18) if number == len(lines) else None)
    for section in doc.sections:
        _paragraph(word, f"{section.number}. {section.title}", bold=True, center=True, space_before=Pt(12))
        for item in section.items:
            _clause(word, item)
            for child in item.children:
                _clause(word, child)
    _signatures(word, doc)
    _acknowledgement_sheet(word, doc)
    _properties(word, doc)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def _page_setup(word, doc):
    normal = word.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(doc.organisation.font_size_pt)
    # Cyrillic text takes the font of the "complex/east Asian" slots too unless they are named.
    fonts = normal.element.rPr.get_or_add_rFonts()
    for slot in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(slot), FONT)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.15
    section = word.sections[0]
    section.start_type = WD_SECTION.NEW_PAGE
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = Mm(doc.organisation.margin_left_mm)
    section.right_margin, section.top_margin, section.bottom_margin = Mm(10), Mm(20), Mm(20)
    section.header_distance = Mm(10)
    # No number on the first page; from the second on, centred in the top margin.
    section.different_first_page_header_footer = True
    number = section.header.paragraphs[0]
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_field(number.add_run())


def _page_field(run):
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


def _paragraph(container, text="", *, bold=False, center=False, size=None, space_before=None, space_after=None):
    paragraph = container.add_paragraph()
    if text:
        run = paragraph.add_run(printable(text))
        run.bold = bold
        if size:
            run.font.size = size
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if space_before is not None:
        paragraph.paragraph_format.space_before = space_before
    if space_after is not None:
        paragraph.paragraph_format.space_after = space_after
    return paragraph


def _cell_lines(cell, lines):
    """Fill a table cell with (text, bold, size) lines, using the paragraph a new cell already has."""
    first = True
    for text, bold, size in lines:
        paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        run = paragraph.add_run(printable(text))
        run.bold = bold
        if size:
            run.font.size = size
        paragraph.paragraph_format.space_after = Pt(3)


def _letterhead(word, doc):
    table = word.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    table.autofit = False
    left, right = table.rows[0].cells
    left.width, right.width = Mm(95), Mm(80)
    number = f"{doc.approval_date or '__________'} {doc.words['number']}\u00a0{doc.registration_number or '______'}"
    _cell_lines(
        left,
        [(doc.organisation.full_name, True, None)]
        + [(line, False, SMALL) for line in doc.requisites]
        + [(doc.words["kind"], True, None), (number, False, None)]
        + ([(doc.place, False, None)] if doc.place else []),
    )
    _cell_lines(
        right,
        [
            (doc.words["approve"], False, None),
            (doc.approver_position, False, None),
            (f"____________ {doc.approver_name}", False, None),
            (doc.approval_date or doc.words["blank_date"], False, None),
        ],
    )
    _paragraph(word)


def _clause(word, item):
    # A control character stored before forms refused them would make Word (and python-docx) refuse the file.
    paragraph = word.add_paragraph(printable(f"{item.number}. {item.text}"))
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    paragraph.paragraph_format.first_line_indent = Cm(1.25)


def _signatures(word, doc):
    if doc.drafter:
        _paragraph(word, space_before=Pt(24))
        table = word.add_table(rows=1, cols=3)
        position, line, name = table.rows[0].cells
        position.width, line.width, name.width = Mm(85), Mm(45), Mm(45)
        position.paragraphs[0].add_run(doc.drafter.position)
        line.paragraphs[0].add_run("____________")
        name.paragraphs[0].add_run(doc.drafter.name)
        name.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for visa in doc.visas:
        _paragraph(word, space_before=Pt(12))
        paragraph = word.paragraphs[-1]
        lines = [doc.words["agreed"], visa.position, f"____________ {visa.name}", visa.date]
        for index, text in enumerate(line for line in lines if line):
            if index:
                paragraph.add_run().add_break()
            paragraph.add_run(text)


def _acknowledgement_sheet(word, doc):
    breaker = word.add_paragraph()
    breaker.add_run().add_break(WD_BREAK.PAGE)
    _paragraph(word, doc.words["ack_title"], bold=True, center=True)
    _paragraph(word, doc.acknowledgement_of, center=True, space_after=Pt(12))
    _paragraph(word, doc.words["acknowledged"], space_after=Pt(6))
    # As many rows as the paper sheet of the PDF has (the post's head count and more); 16 at least.
    rows = sum(len(page) for page in doc.edition.blank_row_pages) or len(doc.blank_rows)
    table = word.add_table(rows=1 + rows, cols=4)
    table.style = "Table Grid"
    words = doc.words
    headings = [words["row"], words["name"], words["signature"].capitalize(), words["date"].capitalize()]
    widths = [Mm(12), Mm(88), Mm(40), Mm(30)]
    for row_index, row in enumerate(table.rows):
        row.height = Mm(9)
        for column, cell in enumerate(row.cells):
            cell.width = widths[column]
            if row_index == 0:
                cell.paragraphs[0].add_run(headings[column])
            elif column == 0:
                cell.paragraphs[0].add_run(str(row_index))


def _properties(word, doc):
    properties = word.core_properties
    properties.title = doc.title
    properties.author = doc.organisation.short_name
    properties.subject = doc.subject
    properties.language = doc.language
    properties.keywords = doc.words["kind"].lower()
    properties.last_modified_by = ""
    properties.revision = doc.version.number
    moment = doc.version.approved_at if not doc.is_draft else doc.version.created_at
    properties.created = properties.modified = timezone.localtime(moment).replace(tzinfo=None)
