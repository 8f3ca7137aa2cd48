"""A stand-in for WeasyPrint's layout: a one-page PDF whose bytes follow from the HTML, in a millisecond.

Only the layout is replaced (`jobdesc.documents.pdf._layout`): the document's HTML is still built from the
version, and the bytes are still sealed, hashed, stored and served by the product's own code. The same HTML
gives the same bytes and another HTML other bytes, as with the real renderer, so stored files, their SHA-256
and the verification by hash behave as they do in production. Tests that read the PDF itself (its text, pages,
fonts, metadata) carry `@pytest.mark.pdf` and get the real renderer.
"""

import hashlib
from types import SimpleNamespace


def minimal_pdf(marker: str) -> bytes:
    """A valid one-page PDF (cross-reference table and all) naming `marker` in its document information."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << >> >>",
        b"<< /Producer (jobdesc test double) /Subject (" + marker.encode("ascii") + b") >>",
    ]
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 4 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


class StandInDocument:
    """What `_layout` returns, as far as `_write` uses it: custom metadata and `write_pdf`."""

    def __init__(self, html: str):
        self.html = html
        self.metadata = SimpleNamespace(custom={})

    def write_pdf(self, pdf_variant=None, custom_metadata=False, finisher=None) -> bytes:
        # A finisher works on WeasyPrint's PDF objects; the stand-in has none.
        facts = repr((self.html, pdf_variant, sorted(self.metadata.custom.items()) if custom_metadata else ()))
        return minimal_pdf(hashlib.sha256(facts.encode()).hexdigest())
