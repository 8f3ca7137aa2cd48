"""The importer: job descriptions from text, Word, OpenDocument, RTF and HTML files, split into sections
and clauses.

`parse_file()` returns every document found in a file — sample instructions and the lists of an
article's prose — and `main_document()` picks the instruction an import is about. `batch` reads many
files at once and matches each to a position of the organisation.
"""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .documents import UNCLASSIFIED, Clause, Document, Item, Section
from .errors import ImporterError
from .parser import parse_paragraphs
from .readers import check_size, paragraphs_of, read_paragraphs

__all__ = [
    "Clause",
    "Document",
    "ImporterError",
    "Item",
    "Section",
    "UNCLASSIFIED",
    "main_document",
    "parse_file",
    "parse_paragraphs",
    "parse_upload",
]


def parse_file(path, language: str | None = None) -> list[Document]:
    paragraphs, language = read_paragraphs(path, language)
    return parse_paragraphs(paragraphs, language)


def parse_upload(upload, language: str | None = None) -> Document:
    """The first instruction of an uploaded file."""
    check_size(upload.name, upload.size)
    paragraphs, language = paragraphs_of(upload.name, upload.read(), language)
    return main_document(parse_paragraphs(paragraphs, language), upload.name)


def main_document(documents: list[Document], name: str, index: int = 0) -> Document:
    """The `index`-th sample instruction among `documents` (of the file called `name`)."""
    samples = [document for document in documents if document.sample]
    if not samples:
        raise ImporterError(_("%(name)s: no job description found in it.") % {"name": name})
    if not 0 <= index < len(samples):
        raise ImporterError(
            ngettext(
                "%(name)s holds %(count)d job description; its index is 0.",
                "%(name)s holds %(count)d job descriptions; choose an index from 0 to %(last)d.",
                len(samples),
            )
            % {"name": name, "count": len(samples), "last": len(samples) - 1}
        )
    return samples[index]
