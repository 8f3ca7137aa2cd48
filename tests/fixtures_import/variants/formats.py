"""A page of blocks written as a file: plain text, Word (python-docx with Word's own numbering), HTML as a
web page shows it, RTF as Word saves it, OpenDocument as LibreOffice writes it.

`OPTIONS` says which values of each layout family a format can print; `render(blocks, layout,
language)` returns the file's bytes.
"""

import io
import textwrap
import zipfile
from xml.sax.saxutils import escape

# The evaluation set's writer already makes Word archives reproducible and escapes RTF as Word does.
from ..eval.build import _deterministic_zip as deterministic_zip
from ..eval.build import rtf_escape
from .layouts import FAMILIES, Block, Layout, Table

ALL = {name: list(values) for name, values in FAMILIES.items()}
# Only plain text lays requisites out in columns of spaces.
ALL["header"] = [value for value in ALL["header"] if value != "two_columns"]
HABITS = {
    "txt": ["none", "none", "indented", "windows"],
    "docx": ["none", "none", "list_paragraph", "empty_paragraphs", "broken_lines", "numbers_without_stop"],
    "html": ["none", "none", "div_soup", "bold_numbers", "broken_lines"],
    "rtf": ["none"],
    "odt": ["none"],
}
OPTIONS = {
    "txt": {
        **ALL,
        "habits": HABITS["txt"],
        "title_style": ["plain"],
        "header": [
            "none",
            "organisation",
            "stamp_before",
            "stamp_after",
            "order",
            "organisation_and_stamp",
            "appendix",
            "approved_by_order",
            "two_columns",
            "two_columns",
        ],
        "headings": ["plain", "numbered", "roman", "section_word"],
        "heading_style": ["none"],
        "numbering": ["typed", "typed_no_stop", "continuous", "bullets", "letters", "plain", "run_together"],
    },
    "docx": {
        **ALL,
        "habits": HABITS["docx"],
        # Page numbers of a Word file are in its footers, not in the text.
        "noise": ["none", "none", "database_notes"],
        "numbering": [
            "typed",
            "typed_no_stop",
            "continuous",
            "list_number",
            "list_number",
            "word_restart",
            "word_multilevel",
            "bullets",
            "letters",
            "plain",
            "table",
            "run_together",
        ],
    },
    "html": {
        **ALL,
        "habits": HABITS["html"],
        "noise": ["none", "none", "database_notes"],
        "headings": ["plain", "numbered", "roman", "section_word"],
        "numbering": [
            "typed",
            "typed_no_stop",
            "continuous",
            "auto_list",
            "bullets",
            "letters",
            "plain",
            "table",
            "run_together",
            "line_breaks",
        ],
    },
    "rtf": {
        **ALL,
        "habits": HABITS["rtf"],
        "title_style": ["plain", "bold"],
        "header": ["none", "organisation", "stamp_before", "stamp_after", "approved_by_order"],
        "headings": ["plain", "numbered", "roman"],
        "heading_style": ["bold", "none"],
        "numbering": ["typed", "continuous", "bullets", "letters", "plain"],
    },
    "odt": {
        **ALL,
        "habits": HABITS["odt"],
        "title_style": ["plain", "title"],
        "header": ["none", "organisation", "stamp_before"],
        "noise": ["none"],
        "headings": ["plain", "numbered", "word_numbered"],
        "heading_style": ["style"],
        "numbering": ["typed", "auto_list", "bullets", "plain"],
    },
}


def heading_text(block: Block) -> str:
    return f"{block.heading_label} {block.text}".strip()


def item_text(block: Block, separator: str = " ") -> str:
    return f"{block.label}{separator}{block.text}" if block.label else block.text


def _runs(blocks):
    """Blocks with the glued ones joined: (first block, joined text) for run-together paragraphs."""
    pending: list[Block] = []
    for block in blocks:
        if isinstance(block, Block) and (block.glued or pending) and block.role == "item":
            pending.append(block)
            if not block.glued:
                yield (
                    pending[0],
                    " ".join(item_text(part) for part in pending),
                    "\n".join(item_text(part) for part in pending),
                )
                pending = []
            continue
        yield block, None, None


# Plain text


def txt(blocks, layout: Layout, language: str) -> bytes:
    lines: list[str] = []

    def emit(text: str, indent: str = ""):
        if layout.hard_wrap and len(text) > 72:
            wrapped = textwrap.wrap(text, 64, break_long_words=False, break_on_hyphens=False)
            lines.extend(indent + line for line in wrapped)
        else:
            lines.append(indent + text)
        if layout.blank_lines:
            lines.append("")

    held = None
    for block, joined, _lines in _runs(blocks):
        if isinstance(block, Table):
            for row in block.rows:
                emit("\t".join(row))
            continue
        if joined is not None:
            # Every other section starts its paragraph with the heading, as a web page copied as text does.
            emit(f"{held} {joined}" if held else joined)
            held = None
            continue
        if held:
            emit(held)
            held = None
        if block.role == "preformatted":
            lines.extend(block.text.split("\n"))
            lines.append("")
        elif block.role == "article_bullet":
            emit("– " + block.text)
        elif block.role == "heading":
            if layout.numbering == "run_together" and block.section % 2 == 0:
                held = heading_text(block)
            else:
                emit(heading_text(block))
        elif block.role == "item":
            marker = {"•": "• ", "o": "o ", "–": "– "}.get(block.label)
            indent = "    " * (block.depth - 1) if marker and block.depth > 1 else ""
            if layout.habits == "indented" and not marker:
                indent = "\t" if block.depth == 0 else "\t\t"
            emit(marker + block.text if marker else item_text(block), indent)
        else:
            emit(block.text)
    if held:
        emit(held)
    text = "\n".join(lines).rstrip() + "\n"
    if layout.habits == "windows":
        # As Notepad saves it: a byte-order mark and CR LF line ends.
        return ("\ufeff" + text.replace("\n", "\r\n")).encode("utf-8")
    return text.encode("utf-8")


# Word


W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def docx(blocks, layout: Layout, language: str, name: str) -> bytes:
    import docx as python_docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    from docx.shared import Pt

    document = python_docx.Document()
    numbering = document.part.numbering_part.element
    letter_format = "russianLower" if language == "ru" else "lowerLetter"
    sub_level = {
        "numbered": ("decimal", "%1.%2."),
        "letters": (letter_format, "%2)"),
        "bullets": ("bullet", "•"),
        "dashes": ("bullet", "–"),
    }[layout.sublists]
    abstracts = {
        90: [("decimal", "%1."), ("decimal", "%1.%2."), ("decimal", "%1.%2.%3."), ("bullet", "–")],
        91: [("decimal", "%1."), sub_level, ("bullet", "o")],
        92: [("bullet", "•"), ("bullet", "o"), ("bullet", "▪")],
        93: [(letter_format, "%1)"), ("bullet", "–"), ("bullet", "o")],
    }
    link_headings = layout.headings == "word_numbered" and len(name) % 2 == 0
    first_num = numbering.find(f"{{{W_NS}}}num")
    for abstract_id, levels in abstracts.items():
        xml = f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}"><w:multiLevelType w:val="multilevel"/>'
        for ilvl, (fmt, text) in enumerate(levels):
            style = '<w:pStyle w:val="Heading1"/>' if abstract_id == 90 and ilvl == 0 and link_headings else ""
            if layout.habits == "numbers_without_stop" and fmt == "decimal":
                text = text.rstrip(".")
            xml += (
                f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>{style}'
                f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/></w:lvl>'
            )
        first_num.addprevious(parse_xml(xml + "</w:abstractNum>"))
    next_num = [200]

    def add_num(abstract_id: int, restart: bool) -> int:
        next_num[0] += 1
        override = '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>' if restart else ""
        numbering.append(
            parse_xml(
                f'<w:num {nsdecls("w")} w:numId="{next_num[0]}"><w:abstractNumId w:val="{abstract_id}"/>'
                f"{override}</w:num>"
            )
        )
        return next_num[0]

    multilevel = add_num(90, False)
    bullets = add_num(92, False)
    if link_headings:
        heading_style = document.styles["Heading 1"]._element
        heading_style.get_or_add_pPr().insert(
            0, parse_xml(f'<w:numPr {nsdecls("w")}><w:numId w:val="{multilevel}"/></w:numPr>')
        )

    def number(paragraph, num_id: int, ilvl: int):
        if layout.habits == "list_paragraph" and paragraph.style.name == "Normal":
            paragraph.style = document.styles["List Paragraph"]
        paragraph._p.get_or_add_pPr().insert(
            0, parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>')
        )

    def add(text: str, style: str | None = None, bold: bool = False, container=document, item: bool = False):
        paragraph = container.add_paragraph(style=style)
        middle = text.find(" ", len(text) // 2)
        if layout.habits == "broken_lines" and item and len(text) > 60 and middle > 0:
            # A manual line break (Shift+Enter) in the middle of the sentence.
            paragraph.add_run(text[:middle]).add_break()
            paragraph.add_run(text[middle + 1 :])
            return paragraph
        run = paragraph.add_run(text)
        if bold:
            run.bold = True
            run.font.size = Pt(13)
        return paragraph

    title_style = {"plain": None, "title": "Title", "heading": "Heading 1", "bold": None}[layout.title_style]
    section_style = "Heading 2" if layout.title_style == "heading" else "Heading 1"
    section_num = sub_num = None
    for block, joined, _lines in _runs(blocks):
        if isinstance(block, Table):
            _docx_table(document, block, add, number, bullets)
            continue
        if joined is not None:
            add(joined)
            continue
        if block.role == "article_heading":
            add(block.text, "Heading 2")
        elif block.role == "article_bullet":
            add(block.text, "List Bullet")
        elif block.role == "title":
            add(block.text, title_style, bold=layout.title_style == "bold")
        elif block.role == "heading":
            if layout.headings == "word_numbered":
                paragraph = add(block.text, "Heading 1")
                if not link_headings:
                    number(paragraph, multilevel, 0)
            elif layout.heading_style == "style":
                add(heading_text(block), section_style)
            else:
                add(heading_text(block), bold=layout.heading_style == "bold")
            if layout.numbering in {"word_restart", "letters"}:
                section_num = add_num(91 if layout.numbering == "word_restart" else 93, True)
            if layout.habits == "empty_paragraphs":
                document.add_paragraph()
        elif block.role == "item":
            depth = block.depth
            if layout.numbering == "word_multilevel":
                number(add(block.text, item=True), multilevel, min(depth + 1, 3))
            elif layout.numbering in {"word_restart", "letters"}:
                number(add(block.text, item=True), section_num, min(depth, 2))
            elif layout.numbering == "bullets":
                if len(name) % 2:
                    add(block.text, ["List Bullet", "List Bullet 2", "List Bullet 3"][min(depth, 2)])
                else:
                    number(add(block.text), bullets, min(depth, 2))
            elif layout.numbering == "list_number":
                if depth == 0:
                    add(block.text, "List Number")
                    sub_num = None
                elif layout.sublists == "numbered" and depth == 1:
                    add(block.text, "List Number 2")
                elif layout.sublists == "letters" and depth == 1:
                    # Letters restart under every clause: a list instance of its own each time.
                    sub_num = sub_num or add_num(93, True)
                    number(add(block.text), sub_num, 0)
                else:
                    add(block.text, "List Bullet 2" if depth == 1 else "List Bullet 3")
            elif layout.numbering == "plain" and depth > 0:
                number(add(block.text), bullets, depth - 1)
            else:
                separator = "\t" if len(name) % 3 == 0 else " "
                add(item_text(block, separator), item=True)
        else:
            add(block.text)
    document.core_properties.author = "jobdesc"
    buffer = io.BytesIO()
    document.save(buffer)
    return deterministic_zip(buffer.getvalue())


def _docx_table(document, table: Table, add, number, bullets):
    columns = max(len(row) for row in table.rows)
    word_table = document.add_table(rows=0, cols=columns)
    for index, row in enumerate(table.rows):
        cells = word_table.add_row().cells
        for cell, text in zip(cells, row, strict=False):
            lines = text.split("\n")
            cell.text = lines[0]
            for line in lines[1:]:
                cell.add_paragraph(line)
        if table.children and index < len(table.children):
            for child in table.children[index]:
                number(add(child.text, container=cells[-1]), bullets, max(child.depth - 1, 0))


# HTML


def html(blocks, layout: Layout, language: str) -> bytes:
    body: list[str] = []
    title_lines: list[str] = []
    stack: list[str] = []

    def close_lists(level: int = -1):
        while len(stack) > level + 1:
            body.append(f"</li></{stack.pop()}>")

    def list_item(level: int, tag: str, content: str):
        close_lists(level)
        if len(stack) == level + 1:
            body.append(f"</li><li>{content}")
            return
        while len(stack) < level + 1:
            body.append(f"<{tag}><li>")
            stack.append(tag)
        body[-1] += content

    def flush_title():
        if not title_lines:
            return
        if layout.title_style == "title":
            body.append("<h1>" + "<br>".join(title_lines) + "</h1>")
        elif layout.title_style == "heading":
            body.append('<h2 class="doc-title">' + "<br>".join(title_lines) + "</h2>")
        elif layout.title_style == "bold":
            body.append('<p style="text-align:center"><b>' + "<br>".join(title_lines) + "</b></p>")
        else:
            body.extend(f'<p class="title">{line}</p>' for line in title_lines)
        title_lines.clear()

    auto = layout.numbering in {"auto_list", "bullets"}
    heading_tag = "h3" if layout.title_style == "heading" else "h2"
    for block, joined, lines in _runs(blocks):
        if not (isinstance(block, Block) and block.role == "title"):
            flush_title()
        if isinstance(block, Block) and block.role not in {"article_bullet", "item"}:
            close_lists()
        if isinstance(block, Table):
            close_lists()
            body.append(_html_table(block))
            continue
        if joined is not None:
            close_lists()
            if layout.numbering == "line_breaks":
                body.append("<p>" + "<br>\n".join(escape(line) for line in lines.split("\n")) + "</p>")
            else:
                body.append(f"<p>{escape(joined)}</p>")
            continue
        if block.role == "article_heading":
            close_lists()
            body.append(f"<h2>{escape(block.text)}</h2>")
        elif block.role == "article_bullet":
            list_item(0, "ul", escape(block.text))
        elif block.role == "title":
            title_lines.append(escape(block.text))
        elif block.role == "heading":
            close_lists()
            heading = escape(heading_text(block))
            if layout.heading_style == "style":
                body.append(f"<{heading_tag}>{heading}</{heading_tag}>")
            elif layout.heading_style == "bold":
                body.append(f"<p><strong>{heading}</strong></p>")
            else:
                body.append(f"<p>{heading}</p>")
        elif block.role == "item":
            if auto:
                numbered = layout.numbering == "auto_list" and (block.depth == 0 or layout.sublists == "numbered")
                list_item(block.depth, "ol" if numbered else "ul", escape(block.text))
            elif block.label in {"•", "o", "–"}:
                list_item(block.depth - 1, "ul", escape(block.text))
            else:
                close_lists()
                body.append(_html_item(block, layout))
        else:
            close_lists()
            body.append(f"<p>{escape(block.text)}</p>")
    close_lists()
    flush_title()
    page = (
        '<!DOCTYPE html>\n<html lang="' + language + '"><head><meta charset="utf-8">'
        "<title>Должностная инструкция — Кадровый портал</title>"
        "<style>p{margin:0 0 8px}</style><script>window.dataLayer=[];</script></head><body>"
        '<header><a href="/">Кадровый портал</a></header>'
        '<nav><a href="/">Главная</a> › <a href="/docs/">Документы</a> › Инструкции</nav>'
        "<main><article>" + "\n".join(body) + "</article>"
        "<p>Читайте также: другие инструкции по охране труда</p></main>"
        '<form><textarea name="comment"></textarea><button>Добавить комментарий</button></form>'
        "<footer>© 2025 Кадровый портал</footer></body></html>\n"
    )
    return page.encode("utf-8")


def _html_item(block: Block, layout: Layout) -> str:
    """A clause with a typed number as a web page's editor leaves it."""
    text = escape(block.text)
    label = escape(block.label)
    if layout.habits == "bold_numbers" and label:
        return f"<p><strong>{label}</strong> {text}</p>"
    if layout.habits == "div_soup":
        spaced = text.replace(" ", "&nbsp;", 2)
        return f'<div class="item"><div><span style="font-size:12pt">{label}&nbsp;{spaced}</span></div></div>'
    middle = text.find(" ", len(text) // 2)
    if layout.habits == "broken_lines" and len(text) > 60 and middle > 0:
        return f"<p>{label} {text[:middle]}<br>{text[middle + 1 :]}</p>".replace("<p> ", "<p>")
    return f"<p>{escape(item_text(block))}</p>"


def _html_table(table: Table) -> str:
    rows = []
    for index, row in enumerate(table.rows):
        cells = []
        for position, text in enumerate(row):
            cell = "<br>".join(escape(line) for line in text.split("\n"))
            if table.children and position == len(row) - 1 and index < len(table.children) and table.children[index]:
                cell += "<ul>" + "".join(f"<li>{escape(child.text)}</li>" for child in table.children[index]) + "</ul>"
            cells.append(f"<td>{cell}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return '<table border="0">' + "".join(rows) + "</table>"


# RTF


def rtf(blocks, layout: Layout, language: str) -> bytes:
    out = [
        r"{\rtf1\ansi\ansicpg1251\deff0{\fonttbl{\f0\froman\fcharset204 Times New Roman;}}",
        r"{\stylesheet{\s0 Normal;}{\s1 heading 1;}}",
    ]
    for block, _joined, _lines in _runs(blocks):
        if isinstance(block, Table):
            for row in block.rows:
                cells = "".join(rtf_escape(cell) + r"\cell " for cell in row)
                out.append(r"\trowd" + "".join(rf"\cellx{2000 * (i + 1)}" for i in range(len(row))))
                out.append(r"\pard\intbl " + cells + r"\row")
            continue
        if block.role == "heading":
            bold = layout.heading_style == "bold"
            text = rtf_escape(heading_text(block))
            out.append(r"\pard\plain\s1\f0\fs28 " + (r"\b " + text + r"\b0" if bold else text) + r"\par")
        elif block.role == "title":
            text = rtf_escape(block.text)
            out.append(r"\pard\plain\qc\f0\fs28 " + (r"\b " + text + r"\b0" if layout.title_style == "bold" else text))
            out[-1] += r"\par"
        elif block.role == "item":
            if layout.numbering == "bullets" or block.label in {"•", "o", "–"}:
                indent = 360 * (block.depth + 1)
                out.append(rf"\pard\plain\li{indent}\f0\fs24{{\listtext\'95\tab}}" + rtf_escape(block.text) + r"\par")
            elif block.label and block.depth == 0 and layout.numbering in {"typed", "continuous"}:
                out.append(
                    r"\pard\plain\f0\fs24{\listtext " + rtf_escape(block.label) + r"\tab}" + rtf_escape(block.text)
                )
                out[-1] += r"\par"
            else:
                out.append(r"\pard\plain\f0\fs24 " + rtf_escape(item_text(block)) + r"\par")
        else:
            out.append(r"\pard\plain\f0\fs24 " + rtf_escape(block.text) + r"\par")
    out.append("}")
    return ("\n".join(out) + "\n").encode("ascii")


# OpenDocument


ODF_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"'
)


def odt(blocks, layout: Layout, language: str) -> bytes:
    outline = layout.headings == "word_numbered"
    outline_style = (
        '<text:outline-level-style text:level="1" style:num-format="1" style:num-suffix="."/>'
        if outline
        else '<text:outline-level-style text:level="1" style:num-format=""/>'
    )
    styles = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-styles {ODF_NS} office:version="1.3">'
        '<office:styles><style:style style:name="Heading_20_1" style:display-name="Heading 1" '
        'style:family="paragraph"/><style:style style:name="Title" style:family="paragraph"/>'
        f'<text:outline-style style:name="Outline">{outline_style}</text:outline-style>'
        "</office:styles></office:document-styles>"
    )
    body: list[str] = []
    items: list[Block] = []

    def flush_items():
        if not items:
            return
        body.append(_odf_list(items, layout))
        items.clear()

    for block in blocks:
        if isinstance(block, Table):
            flush_items()
            continue
        if block.role == "item" and layout.numbering in {"auto_list", "bullets"}:
            items.append(block)
            continue
        if block.role == "item" and layout.numbering == "plain" and block.depth > 0:
            items.append(block)
            continue
        flush_items()
        if block.role == "heading":
            text = block.text if outline else heading_text(block)
            body.append(f'<text:h text:outline-level="1" text:style-name="Heading_20_1">{escape(text)}</text:h>')
        elif block.role == "title" and layout.title_style == "title":
            body.append(f'<text:p text:style-name="Title">{escape(block.text)}</text:p>')
        elif block.role == "item":
            body.append(f"<text:p>{escape(item_text(block))}</text:p>")
        else:
            body.append(f"<text:p>{escape(block.text)}</text:p>")
    flush_items()
    number_format = "1" if layout.numbering == "auto_list" else ""
    sub_format = {"numbered": "1", "letters": "а" if language == "ru" else "a"}.get(layout.sublists, "")
    level_one = (
        '<text:list-level-style-number text:level="1" style:num-format="1" style:num-suffix="." '
        'text:display-levels="1"/>'
        if number_format
        else '<text:list-level-style-bullet text:level="1" text:bullet-char="•"/>'
    )
    level_two = (
        f'<text:list-level-style-number text:level="2" style:num-format="{sub_format}" style:num-suffix=")"/>'
        if sub_format and number_format
        else '<text:list-level-style-bullet text:level="2" text:bullet-char="–"/>'
    )
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ODF_NS} office:version="1.3">'
        f'<office:automatic-styles><text:list-style style:name="L1">{level_one}{level_two}'
        '<text:list-level-style-bullet text:level="3" text:bullet-char="◦"/></text:list-style>'
        "</office:automatic-styles><office:body><office:text>"
        + "".join(body)
        + "</office:text></office:body></office:document-content>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        info = zipfile.ZipInfo("mimetype", date_time=(2025, 1, 1, 0, 0, 0))
        archive.writestr(info, "application/vnd.oasis.opendocument.text")
        for member, data in (("content.xml", content), ("styles.xml", styles)):
            info = zipfile.ZipInfo(member, date_time=(2025, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return buffer.getvalue()


def _odf_list(items: list[Block], layout: Layout) -> str:
    base = min(item.depth for item in items)
    xml = '<text:list text:style-name="L1">'
    depth = base
    first = True
    for item in items:
        level = item.depth
        if first:
            xml += "<text:list-item>"
        elif level > depth:
            xml += "<text:list>" * (level - depth) + "<text:list-item>"
        else:
            xml += "</text:list-item></text:list>" * (depth - level) + "</text:list-item><text:list-item>"
        xml += f"<text:p>{escape(item.text)}</text:p>"
        depth, first = level, False
    xml += "</text:list-item></text:list>" * (depth - base) + "</text:list-item></text:list>"
    return xml


def render(blocks, layout: Layout, language: str, name: str) -> bytes:
    if layout.fmt == "txt":
        return txt(blocks, layout, language)
    if layout.fmt == "docx":
        return docx(blocks, layout, language, name)
    if layout.fmt == "html":
        return html(blocks, layout, language)
    if layout.fmt == "rtf":
        return rtf(blocks, layout, language)
    return odt(blocks, layout, language)
