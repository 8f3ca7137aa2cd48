"""Writes the evaluation set: every spec of `specs.py` in its formats and layouts, each with its gold file.

Run from the repository root: `.venv/bin/python tests/fixtures_import/eval/build.py`. The output is
committed; a test checks that a rebuild gives the same gold files.
"""

import io
import json
import sys
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from specs import SPECS, Lead, Moved, Sub  # noqa: E402

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]


def gold(spec) -> dict:
    clauses = []

    def walk(entries, kind):
        for entry in entries:
            if isinstance(entry, Lead):
                walk(entry.items, kind)
            elif isinstance(entry, Sub):
                if not entry.bare:
                    clauses.append({"kind": kind, "text": entry.text})
                walk(entry.items, kind)
            elif isinstance(entry, Moved):
                clauses.append({"kind": entry.kind, "text": entry.text})
            else:
                clauses.append({"kind": kind, "text": entry})

    for kind, _heading, entries in spec.sections:
        walk(entries, kind)
    return {"title": spec.title or None, "language": spec.language, "clauses": clauses}


def text_of(entry) -> str:
    return entry.text if isinstance(entry, Lead | Sub | Moved) else entry


# Lines: (kind, depth, number, text) with kind heading / clause / lead / bullet.


def lines(spec, lead_numbered=True, bullets_for_leads=True):
    """The document as numbered lines: «1. Общие положения», «1.1. …», sub-items «5.1.1.» or bullets."""
    result = []
    for index, (_kind, heading, entries) in enumerate(spec.sections, start=1):
        result.append(("heading", 0, f"{index}.", heading))
        number = 0
        for entry in entries:
            number += 1
            own = f"{index}.{number}."
            if isinstance(entry, Lead):
                result.append(("lead", 0, own if lead_numbered else "", entry.text))
                if not lead_numbered:
                    number -= 1
                for position, item in enumerate(entry.items, start=1):
                    if bullets_for_leads:
                        result.append(("bullet", 1, "", item))
                    else:
                        result.append(("clause", 1, f"{own}{position}.", item))
            else:
                result.extend(_clause_lines(entry, own, 0))
    return result


def _clause_lines(entry, number, depth):
    result = [("clause", depth, number, text_of(entry))]
    if isinstance(entry, Sub):
        for position, item in enumerate(entry.items, start=1):
            if depth == 0:
                result.extend(_clause_lines(item, f"{number}{position}.", depth + 1))
            else:
                result.extend(_bullet_lines(item, depth + 1))
    return result


def _bullet_lines(entry, depth):
    result = [("bullet", depth, "", text_of(entry))]
    if isinstance(entry, Sub):
        for item in entry.items:
            result.extend(_bullet_lines(item, depth + 1))
    return result


# Plain text


def txt_numbered(spec) -> str:
    out = [*spec.header, "", *spec.title_lines, ""]
    for kind, depth, number, text in lines(spec):
        if kind == "bullet":
            out.append("    " * (depth - 1) + ("- " if depth <= 1 else "o ") + text)
            continue
        out.append("")
        out.append(f"{number} {text}".strip())
    out += ["", "С инструкцией ознакомлен: ____________"]
    return "\n".join(out) + "\n"


def txt_roman(spec) -> str:
    """Roman section numbers, clauses numbered within each section, no blank lines, one line each."""
    out = [*spec.header, *spec.title_lines]
    for index, (_kind, heading, entries) in enumerate(spec.sections):
        out.append(f"{ROMAN[index]}. {heading.upper()}")
        number = 0
        for entry in entries:
            if isinstance(entry, Lead):
                out.append(entry.text)
                out.extend(f"- {item}" for item in entry.items)
                continue
            number += 1
            out.append(f"{number}. {text_of(entry)}")
            if isinstance(entry, Sub):
                for position, item in enumerate(entry.items, start=1):
                    out.append(f"{number}.{position}. {text_of(item)}")
                    if isinstance(item, Sub):
                        out.extend(f"  - {sub}" for sub in item.items)
    out.append("Ознакомлен(а): ____________")
    return "\n".join(out) + "\n"


def txt_run_together(spec) -> str:
    """A web page copied as text: each section one paragraph, its clauses run together."""
    out = [*spec.header, "", *spec.title_lines, ""]
    paragraph = []
    for kind, _depth, number, text in lines(spec, bullets_for_leads=False):
        if kind == "heading":
            if paragraph:
                out += [" ".join(paragraph), ""]
            paragraph = [f"{number} {text}"]
        else:
            paragraph.append(f"{number} {text}".strip())
    out += [" ".join(paragraph), "", "Источники"]
    return "\n".join(out) + "\n"


# HTML


def html_page(body: str, title: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="ru"><head><meta charset="utf-8"><title>'
        + escape(title)
        + "</title><script>var a = 1;</script></head><body>"
        + '<nav><a href="/">Главная</a> › Кадры</nav><main><article>'
        + body
        + "</article></main><footer>© 2025 Кадровый портал</footer></body></html>\n"
    )


def html_lists(spec) -> str:
    body = "".join(f"<p>{escape(line)}</p>" for line in spec.header)
    body += "<h1>" + escape(" ".join(spec.title_lines)) + "</h1>"

    def items(entries):
        html = ""
        for entry in entries:
            html += "<li>" + escape(text_of(entry))
            if isinstance(entry, Sub):
                html += "<ul>" + items(entry.items) + "</ul>"
            html += "</li>"
        return html

    for index, (_kind, heading, entries) in enumerate(spec.sections, start=1):
        body += f"<h2>{index}. {escape(heading)}</h2>"
        plain = []
        for entry in entries:
            if isinstance(entry, Lead):
                if plain:
                    body += "<ol>" + items(plain) + "</ol>"
                    plain = []
                body += f"<p>{escape(entry.text)}</p><ul>" + items(entry.items) + "</ul>"
            else:
                plain.append(entry)
        if plain:
            body += "<ol>" + items(plain) + "</ol>"
    return html_page(body, spec.title_lines[0])


def html_run_together(spec) -> str:
    body = "".join(f"<p>{escape(line)}</p>" for line in spec.header)
    body += "<h1>" + "<br>".join(escape(line) for line in spec.title_lines) + "</h1>"
    paragraph = []
    for kind, _depth, number, text in lines(spec, bullets_for_leads=False):
        if kind == "bullet":
            # A list inside a section: the page shows it as a list between two run-together paragraphs.
            if paragraph:
                body += "<p>" + escape(" ".join(paragraph)) + "</p>"
                paragraph = []
            body += f"<ul><li>{escape(text)}</li></ul>"
            continue
        if kind == "heading" and paragraph:
            body += "<p>" + escape(" ".join(paragraph)) + "</p>"
            paragraph = []
        paragraph.append(f"{number} {text}".strip())
    body += "<p>" + escape(" ".join(paragraph)) + "</p><p>Читайте также: другие инструкции</p>"
    return html_page(body, spec.title_lines[0])


# Word


def docx_bytes(spec, layout: str) -> bytes:
    """A .docx built with python-docx: Word headings and Word's own numbering, no typed numbers.

    `multilevel`: one multi-level list numbers the headings (level 0, «%1.») and clauses («%1.%2.»);
    `list_number`: Heading 2 headings, clauses in the «List Number» style, restarted per section;
    `table`: the title in a text box, the requisites in a layout table, each clause a table row of
    number and text.
    """
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    numbering = document.part.numbering_part.element

    def add_abstract(abstract_id, levels):
        xml = f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}"><w:multiLevelType w:val="multilevel"/>'
        for ilvl, (fmt, text) in enumerate(levels):
            xml += (
                f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
                f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/></w:lvl>'
            )
        xml += "</w:abstractNum>"
        # Abstract definitions come before the list instances in numbering.xml.
        first_num = numbering.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}num")
        first_num.addprevious(parse_xml(xml))

    def add_num(num_id, abstract_id, restart=None):
        override = ""
        if restart is not None:
            override = f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{restart}"/></w:lvlOverride>'
        numbering.append(
            parse_xml(
                f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>{override}</w:num>'
            )
        )

    def number(paragraph, num_id, ilvl):
        ppr = paragraph._p.get_or_add_pPr()
        ppr.insert(
            0, parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>')
        )

    add_abstract(90, [("decimal", "%1."), ("decimal", "%1.%2."), ("decimal", "%1.%2.%3."), ("bullet", "•")])
    add_abstract(91, [("bullet", "–"), ("bullet", "o"), ("bullet", "▪")])
    add_num(90, 90)
    add_num(91, 91)

    if layout == "table":
        table = document.add_table(rows=1, cols=2)
        table.cell(0, 0).text = "\n".join(spec.header[:1])
        table.cell(0, 1).text = "\n".join(spec.header[1:]) or "УТВЕРЖДАЮ"
        anchor = document.add_paragraph()
        box = parse_xml(
            f'<w:r {nsdecls("w")}><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox>'
            "<w:txbxContent>"
            + "".join(f"<w:p><w:r><w:t>{escape(line)}</w:t></w:r></w:p>" for line in spec.title_lines)
            + "</w:txbxContent></v:textbox></v:shape></w:pict></w:r>"
        )
        anchor._p.append(box)
    else:
        for line in spec.header:
            document.add_paragraph(line)
        for line in spec.title_lines:
            document.add_paragraph(line, style="Title")

    restart_id = 100
    for index, (_kind, heading, entries) in enumerate(spec.sections, start=1):
        if layout == "multilevel":
            number(document.add_paragraph(heading, style="Heading 1"), 90, 0)
        else:
            document.add_paragraph(f"{index}. {heading}" if layout == "table" else heading, style="Heading 2")
        if layout == "list_number":
            restart_id += 1
            add_num(restart_id, 90, restart=1)
        rows = None
        if layout == "table":
            rows = document.add_table(rows=0, cols=2)
        position = 0
        for entry in entries:
            items = []
            if isinstance(entry, Lead):
                paragraph = document.add_paragraph(entry.text)
                items = [(item, 0) for item in entry.items]
                for item, _depth in items:
                    number(document.add_paragraph(text_of(item)), 91, 0)
                continue
            position += 1
            if layout == "table":
                row = rows.add_row()
                row.cells[0].text = f"{index}.{position}."
                row.cells[1].text = text_of(entry)
                children = entry.items if isinstance(entry, Sub) else []
                for child in children:
                    number(row.cells[1].add_paragraph(text_of(child)), 91, 0)
                    for grandchild in child.items if isinstance(child, Sub) else []:
                        number(row.cells[1].add_paragraph(text_of(grandchild)), 91, 1)
                continue
            if layout == "multilevel":
                paragraph = document.add_paragraph(text_of(entry))
                number(paragraph, 90, 1)
            else:
                paragraph = document.add_paragraph(text_of(entry), style="List Number")
                number(paragraph, restart_id, 0)
            if isinstance(entry, Sub):
                for child in entry.items:
                    child_paragraph = document.add_paragraph(text_of(child))
                    number(
                        child_paragraph,
                        90 if layout == "multilevel" else restart_id,
                        2 if layout == "multilevel" else 1,
                    )
                    for grandchild in child.items if isinstance(child, Sub) else []:
                        number(document.add_paragraph(text_of(grandchild)), 91, 1)
    document.add_paragraph("С инструкцией ознакомлен: ____________")
    document.core_properties.author = "jobdesc"
    buffer = io.BytesIO()
    document.save(buffer)
    return _deterministic_zip(buffer.getvalue())


def _deterministic_zip(data: bytes) -> bytes:
    """The same archive with fixed timestamps, so a rebuild gives the same bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                import re

                content = re.sub(rb"<dcterms:(created|modified)[^>]*>[^<]*</dcterms:\1>", b"", content)
            fixed = zipfile.ZipInfo(info.filename, date_time=(2025, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, content)
    return buffer.getvalue()


# RTF


def rtf_escape(text: str) -> str:
    out = []
    for char in text:
        if char in "\\{}":
            out.append("\\" + char)
        elif ord(char) < 128:
            out.append(char)
        else:
            try:
                # Cyrillic in the document's code page, the way Word writes it; the rest as \\uN.
                out.append("".join(f"\\'{byte:02x}" for byte in char.encode("cp1251")))
            except UnicodeEncodeError:
                code = ord(char)
                out.append(f"\\u{code if code < 32768 else code - 65536}?")
    return "".join(out)


def rtf_bytes(spec) -> str:
    """RTF as Word saves it: a style sheet, list numbers both as list definitions and as «\\listtext»."""
    out = [
        r"{\rtf1\ansi\ansicpg1251\deff0{\fonttbl{\f0\froman\fcharset204 Times New Roman;}}",
        r"{\stylesheet{\s0 Normal;}{\s1 heading 1;}}",
        r"{\*\listtable{\list\listtemplateid1{\listlevel\levelnfc0{\leveltext\'02\'00.;}{\levelnumbers\'01;}}\listid1}}",
    ]
    for line in spec.header + spec.title_lines:
        out.append(r"\pard\plain\qc\f0\fs24 " + rtf_escape(line) + r"\par")
    for kind, _depth, number, text in lines(spec):
        if kind == "heading":
            out.append(r"\pard\plain\s1\b\f0\fs28 " + rtf_escape(f"{number} {text}") + r"\b0\par")
        elif kind == "bullet":
            out.append(r"\pard\plain\li720\f0\fs24{\listtext\'95\tab}" + rtf_escape(text) + r"\par")
        elif number:
            out.append(r"\pard\plain\f0\fs24{\listtext " + number + r"\tab}" + rtf_escape(text) + r"\par")
        else:
            out.append(r"\pard\plain\f0\fs24 " + rtf_escape(text) + r"\par")
    out.append(r"\pard\plain\f0\fs24 " + rtf_escape("С инструкцией ознакомлен: ____________") + r"\par}")
    return "\n".join(out) + "\n"


# OpenDocument


def odt_bytes(spec) -> bytes:
    """An .odt as LibreOffice writes it: headings with outline numbering, nested lists with list styles."""
    ns = (
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
        'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"'
    )
    styles = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-styles {ns} office:version="1.3"><office:styles>'
        '<style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph"/>'
        '<style:style style:name="Title" style:family="paragraph"/>'
        '<text:outline-style style:name="Outline">'
        '<text:outline-level-style text:level="1" style:num-format="1" style:num-suffix="."/>'
        "</text:outline-style></office:styles></office:document-styles>"
    )
    body = ""
    for line in spec.header:
        body += f"<text:p>{escape(line)}</text:p>"
    for line in spec.title_lines:
        body += f'<text:p text:style-name="Title">{escape(line)}</text:p>'

    def items(entries, nested_style):
        xml = ""
        for entry in entries:
            xml += f"<text:list-item><text:p>{escape(text_of(entry))}</text:p>"
            if isinstance(entry, Sub):
                xml += f'<text:list text:style-name="{nested_style}">' + items(entry.items, "L2") + "</text:list>"
            xml += "</text:list-item>"
        return xml

    for index, (_kind, heading, entries) in enumerate(spec.sections, start=1):
        body += f'<text:h text:outline-level="1" text:style-name="Heading_20_1">{escape(heading)}</text:h>'
        plain = []

        def flush(plain, index=index):
            if not plain:
                return ""
            return f'<text:list text:style-name="L1" xml:id="list{index}">' + items(plain, "L2") + "</text:list>"

        for entry in entries:
            if isinstance(entry, Lead):
                body += flush(plain)
                plain = []
                body += f"<text:p>{escape(entry.text)}</text:p>"
                body += '<text:list text:style-name="L2">' + items(entry.items, "L2") + "</text:list>"
            else:
                plain.append(entry)
        body += flush(plain)
    body += "<text:p>С инструкцией ознакомлен: ____________</text:p>"
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ns} office:version="1.3">'
        "<office:automatic-styles>"
        '<text:list-style style:name="L1">'
        '<text:list-level-style-number text:level="1" style:num-format="1" style:num-suffix="." '
        'text:display-levels="1"/>'
        '<text:list-level-style-bullet text:level="2" text:bullet-char="–"/>'
        "</text:list-style>"
        '<text:list-style style:name="L2">'
        '<text:list-level-style-bullet text:level="1" text:bullet-char="•"/>'
        '<text:list-level-style-bullet text:level="2" text:bullet-char="◦"/>'
        "</text:list-style>"
        "</office:automatic-styles><office:body><office:text>"
        + body
        + "</office:text></office:body></office:document-content>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        info = zipfile.ZipInfo("mimetype", date_time=(2025, 1, 1, 0, 0, 0))
        archive.writestr(info, "application/vnd.oasis.opendocument.text")
        for name, data in (("content.xml", content), ("styles.xml", styles)):
            info = zipfile.ZipInfo(name, date_time=(2025, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return buffer.getvalue()


# Which spec is printed how: different layouts for different documents, every format more than once.
PLAN = {
    "process_engineer": [("docx", "multilevel"), ("txt", "numbered"), ("html", "run_together")],
    "ward_nurse": [("txt", "roman"), ("docx", "list_number"), ("rtf", "")],
    "lab_assistant": [("html", "lists"), ("odt", ""), ("docx", "multilevel")],
    "accountant": [("docx", "table"), ("txt", "run_together"), ("odt", "")],
    "driver": [("rtf", ""), ("html", "lists"), ("docx", "list_number")],
    "account_manager_et": [("txt", "roman"), ("docx", "multilevel"), ("rtf", "")],
    "teacher_et": [("odt", ""), ("html", "lists"), ("txt", "numbered")],
    "sales_rep": [("docx", "list_number"), ("txt", "numbered"), ("html", "run_together")],
}


def render(spec, fmt: str, layout: str) -> bytes:
    if fmt == "txt":
        return {"numbered": txt_numbered, "roman": txt_roman, "run_together": txt_run_together}[layout](spec).encode()
    if fmt == "html":
        return {"lists": html_lists, "run_together": html_run_together}[layout](spec).encode()
    if fmt == "docx":
        return docx_bytes(spec, layout)
    if fmt == "rtf":
        return rtf_bytes(spec).encode("ascii")
    return odt_bytes(spec)


def main():
    for spec in SPECS:
        for fmt, layout in PLAN[spec.name]:
            stem = f"{spec.name}{'_' + layout if layout else ''}"
            (HERE / f"{stem}.{fmt}").write_bytes(render(spec, fmt, layout))
            expected = gold(spec)
            (HERE / f"{stem}.{fmt}.gold.json").write_text(
                json.dumps(expected, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
            )


if __name__ == "__main__":
    main()
