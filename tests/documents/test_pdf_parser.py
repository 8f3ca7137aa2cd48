"""The printed document is read by expat into the very tree WeasyPrint's HTML5 parser builds of it."""

import tinyhtml5
from django.utils import timezone

from jobdesc.documents import pdf
from jobdesc.instructions.acknowledgements import services as acknowledgements
from jobdesc.instructions.models import Acknowledgement, Version
from jobdesc.orgs.models import OriginalMode
from tests.conftest import PASSWORD
from tests.documents.test_edition import approve


def shape(element):
    """An element tree as nested tuples: tag, attributes, text, children, tail."""
    return (
        element.tag,
        dict(element.attrib),
        element.text or "",
        [shape(child) for child in element],
        element.tail or "",
    )


def assert_read_alike(html):
    root = pdf._xml_root(html)
    assert root is not None, "the printed document is no longer well-formed XML"
    assert shape(root) == shape(tinyhtml5.parse(html, namespace_html_elements=False))


def test_a_draft_reads_alike(complete_draft):
    complete_draft.instruction.position.title = "Инженер‑механик & <техник> «А»"
    complete_draft.instruction.position.save()
    assert_read_alike(pdf.document_html(pdf._fresh(complete_draft)))


def test_an_approved_version_and_its_copy_read_alike(approved_version):
    version = pdf._fresh(Version.objects.get(pk=approved_version.pk))
    assert_read_alike(pdf.document_html(version))
    assert_read_alike(pdf.document_html(version, copy_at=timezone.now()))


def test_the_electronic_original_with_its_marks_and_acknowledgements_reads_alike(
    organisation, complete_draft, hr, lawyer, approver, employee_user
):
    organisation.original_mode = OriginalMode.ELECTRONIC
    organisation.save()
    version = approve(complete_draft, hr, lawyer, approver)
    ack = Acknowledgement.objects.get(version=version, employee__user=employee_user)
    acknowledgements.sign(acknowledgement_id=ack.pk, user=employee_user, password=PASSWORD)
    fresh = pdf._fresh(version)
    assert_read_alike(pdf.document_html(fresh))
    copy = pdf.document_html(fresh, copy_at=timezone.now())
    assert "esign-mark" in copy
    assert_read_alike(copy)


def test_markup_expat_cannot_read_alike_goes_to_the_html5_parser():
    assert pdf._xml_root("<!doctype html><html><body><p>a<br>b</p></body></html>") is None
    assert pdf._xml_root("<html><body><p>a&nbsp;b</p></body></html>") is None
    assert pdf._xml_root('<html><head><base href="http://x/"/></head><body/></html>') is None
    assert pdf._xml_root("<html><head><style>p::after { content: '&amp;' }</style></head><body/></html>") is None
    assert pdf._xml_root("<svg/>") is None
    assert pdf._xml_root("<html><body><p>a&#160;b</p></body></html>") is not None
