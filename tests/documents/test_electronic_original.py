"""The electronic original's PDF variant (578н: PDF/A-1A): identified as such, tagged, with the document's metadata.

What is read here is what the file declares and carries (XMP identification, the structure tree, the
metadata); full PDF/A conformance needs a validator such as veraPDF, which is not installed here.
"""

import re

import pytest

from jobdesc.documents import pdf, verification
from jobdesc.documents.errors import RenderError
from jobdesc.instructions.models import Version
from tests.documents.pdf_reading import page_texts, read_pdf


@pytest.fixture
def electronic(approved_version):
    version = Version.objects.get(pk=approved_version.pk)
    return version, pdf.render_pdf(version, electronic=True)


def xmp_of(reader) -> str:
    return reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode()


@pytest.mark.pdf
def test_it_declares_pdf_a_1a_in_its_xmp_metadata(electronic):
    _version, data = electronic
    reader = read_pdf(data)
    xmp = xmp_of(reader)
    assert re.search(r"pdfaid:part(>|=\")1", xmp) and re.search(r"pdfaid:conformance(>|=\")A", xmp)
    assert data.startswith(b"%PDF-1.4")


@pytest.mark.pdf
def test_it_is_tagged_with_a_structure_tree_and_the_document_language(electronic):
    _version, data = electronic
    root = read_pdf(data).trailer["/Root"]
    assert str(root["/MarkInfo"]["/Marked"]).lower() == "true"
    tree = root["/StructTreeRoot"].get_object()
    assert tree["/K"]
    assert root["/Lang"] == "ru"


@pytest.mark.pdf
def test_it_carries_title_author_and_the_documents_requisites(electronic, organisation):
    version, data = electronic
    info = read_pdf(data).metadata
    assert info["/Title"].startswith("Должностная инструкция")
    assert info["/Author"] == organisation.short_name
    assert info["/RegistrationNumber"] == str(version.journal_entry.number)
    assert info["/Edition"] == str(version.number)
    assert info["/EffectiveDate"] == version.effective_date.isoformat()
    assert info["/VerificationCode"] == verification.code_for(version)
    assert "dc:title" in xmp_of(read_pdf(data))


@pytest.mark.pdf
def test_the_text_is_the_same_as_in_the_paper_variant(electronic):
    version, data = electronic
    flat = " ".join(" ".join(page_texts(data)).split())
    assert "Консультирует клиентов." in flat
    assert flat == " ".join(" ".join(page_texts(pdf.render_pdf(version))).split())


def test_it_has_no_transparency_which_pdf_a_1_forbids(electronic):
    _version, data = electronic
    assert b"/SMask" not in data and b"/CA 0." not in data


def test_a_draft_has_no_electronic_original(complete_draft):
    with pytest.raises(RenderError):
        pdf.render_pdf(complete_draft, electronic=True)
