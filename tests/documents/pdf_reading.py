"""Reading generated PDFs back in tests: page texts, placed text runs with their size, embedded fonts."""

import io
import re
from dataclasses import dataclass

from pypdf import PdfReader

MM = 72 / 25.4
A4 = (595.28, 841.89)


def read_pdf(data: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(data))


def page_texts(data: bytes) -> list[str]:
    return [page.extract_text() for page in read_pdf(data).pages]


@dataclass
class Run:
    """A piece of text as the PDF places it: position of its start in points from the bottom left, size in points."""

    text: str
    x: float
    y: float
    size: float
    font: str


def text_runs(page) -> list[Run]:
    runs = []

    def visit(text, cm, tm, font, size):
        if not text.strip():
            return
        # The text matrix is in the page's own units; the current matrix maps them onto PDF points.
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        scale = abs(tm[0] * cm[0] + tm[1] * cm[2])
        name = str(font.get("/BaseFont", "")) if font else ""
        runs.append(Run(text.strip(), x, y, size * scale, name))

    page.extract_text(visitor_text=visit)
    return runs


def embedded_fonts(reader) -> set[str]:
    """Base names of the fonts used on any page, each checked to carry its font file."""
    names = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = descendant["/FontDescriptor"].get_object()
            assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")), font["/BaseFont"]
            names.add(str(font["/BaseFont"]))
    return names


def pdfa_identification(data: bytes) -> tuple[str, str]:
    """The PDF/A part and conformance level the file declares in its XMP metadata: ("1", "A"), ("3", "B")."""
    xmp = read_pdf(data).trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    part = re.search(r"pdfaid:part(?:>|=\")(\d)", xmp).group(1)
    conformance = re.search(r"pdfaid:conformance(?:>|=\")([AB])", xmp).group(1)
    return part, conformance
