"""The floor of the PDF render: the document's clause text alone, laid out by the same WeasyPrint in the same process.

The title, the section headings and the numbered clauses, in the document's font, size, line height,
page size and margins, as plain paragraphs: no letterhead, tables, signatures, acknowledgement
sheet, page furniture (numbers, verification line, QR code), justification, hyphenation or PDF/A.
Nothing the document adds to its text can make WeasyPrint set that text faster than this, so the
real render's cost over this floor is what the print form itself costs.
"""

from html import escape

from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

from jobdesc.documents.context import build
from jobdesc.documents.deep_calls import with_room
from jobdesc.documents.pdf import _engine
from jobdesc.instructions.selectors import version_with_context

FLOOR_CSS = """
@font-face {{ font-family: "Liberation Serif"; src: url("../fonts/LiberationSerif-Regular.ttf"); }}
@font-face {{ font-family: "Liberation Serif"; font-weight: bold; src: url("../fonts/LiberationSerif-Bold.ttf"); }}
@page {{ size: A4; margin: 20mm 10mm 20mm {margin_left}mm; }}
body {{ font: {font_size}pt/1.15 "Liberation Serif"; margin: 0; }}
p, h1, h2 {{ margin: 0; font-size: 1em; }}
"""


def clause_text_html(doc) -> str:
    """The title, section headings and clauses of a built document as plain HTML paragraphs."""
    parts = [f"<h1>{escape(doc.title_genitive)}</h1>"]
    for section in doc.sections:
        parts.append(f"<h2>{section.number}. {escape(section.title)}</h2>")
        for item in section.items:
            for clause in (item, *item.children):
                parts.append(f"<p>{clause.number}. {escape(clause.text)}</p>")
    return f'<!doctype html><html lang="{doc.language}"><body>{"".join(parts)}</body></html>'


def renderer(version):
    """A call that renders the version's clause text alone to PDF bytes, with the real render's fonts and fetcher."""
    engine = _engine()
    doc = build(version_with_context().get(pk=version.pk))
    fonts = FontConfiguration()
    css = CSS(
        string=FLOOR_CSS.format(margin_left=doc.organisation.margin_left_mm, font_size=doc.organisation.font_size_pt),
        base_url=engine.base_url,
        font_config=fonts,
        url_fetcher=engine.fetcher,
    )
    html = clause_text_html(doc)

    def render() -> bytes:
        document = HTML(string=html, base_url=engine.base_url, url_fetcher=engine.fetcher)
        return document.render(stylesheets=[css], font_config=fonts, cache={}).write_pdf()

    # Laid out as the real render is, from a frame with room for the layout's recursion (deep_calls).
    return lambda: with_room(render)
