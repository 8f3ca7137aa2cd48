"""Uploads carry nothing but what they claim, and text typed by users prints as text, on every page and in the PDF.

The logo checks (size, type, SVG, decompression bombs, metadata) and the import size limit have their
own tests in tests/orgs and tests/instructions; these add the hostile files they do not cover.
"""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from jobdesc.instructions.drafting.services import start_draft
from jobdesc.instructions.models import Acknowledgement, Instruction, Version
from jobdesc.library.models import Clause, SectionKind
from jobdesc.orgs.models import Organisation
from tests.conftest import COMPLETE_SECTIONS, approve_through_workflow, login
from tests.documents.pdf_reading import page_texts
from tests.orgs.test_organisation_settings import png, settings_data

HOSTILE = '<script>alert("x")</script><b onmouseover="steal()">жирный</b>'
ESCAPED = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"


def png_with_a_payload():
    """A real PNG with an HTML page glued after its end: a browser sniffing the file could run it."""
    return png((30, 10)) + b"<html><script>alert(document.cookie)</script></html>"


def test_a_logo_with_a_page_glued_after_the_image_is_stored_as_pixels_only(hr_client, organisation):
    upload = SimpleUploadedFile("logo.png", png_with_a_payload(), content_type="image/png")
    response = hr_client.post(reverse("orgs:settings"), settings_data(organisation, logo=upload))
    assert response.status_code == 302
    stored = Organisation.objects.get(pk=organisation.pk).logo.read()
    assert stored.startswith(b"\x89PNG")
    assert b"<script" not in stored and b"<html" not in stored


def word_bomb():
    """A .docx whose parts unpack to far more than the importer accepts (here 30 MB of zeros)."""
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\0" * (30 * 1024 * 1024))
    return output.getvalue()


def test_a_word_file_that_unpacks_to_too_much_is_refused_and_nothing_is_created(hr_client, position):
    bomb = word_bomb()
    assert len(bomb) < 100 * 1024
    upload = SimpleUploadedFile("bomb.docx", bomb)
    response = hr_client.post(reverse("instructions:start", args=[position.pk]), {"method": "import", "file": upload})
    assert response.status_code == 200
    assert not Instruction.objects.filter(position=position).exists()


@pytest.fixture
def hostile_version(position, hr, lawyer, approver, employee_user):
    """An approved version (with its real PDF) whose first duty is HTML and a script."""
    sections = [
        (code, heading, [HOSTILE, *texts] if code == "duties" else texts) for code, heading, texts in COMPLETE_SECTIONS
    ]
    return approve_through_workflow(start_draft(position=position, user=hr, sections=sections), hr, [lawyer], approver)


def test_html_in_a_clause_prints_as_text_on_every_page(hostile_version, hr, employee_user, organisation):
    Clause.objects.create(organisation=organisation, section=SectionKind.objects.get(code="duties"), text=HOSTILE)
    ack = Acknowledgement.objects.get(version=hostile_version, employee__user=employee_user)
    draft = start_draft(position=hostile_version.instruction.position.reports_to, user=hr, sections=COMPLETE_SECTIONS)
    draft_item = draft.sections.get(kind__code="duties").items.first()
    draft_item.text = HOSTILE
    draft_item.save()
    clause = Clause.objects.get(organisation=organisation, text=HOSTILE)
    pages = {
        hr: [
            reverse("instructions:editor", args=[draft.pk]),
            reverse("instructions:preview", args=[hostile_version.pk]),
            reverse("instructions:version", args=[hostile_version.pk]),
            reverse("library:detail", args=[clause.pk]),
            reverse("library:list") + "?q=жирный",
        ],
        # The employee reads the document in the preview beside the signature form.
        employee_user: [reverse("instructions:preview", args=[ack.version_id])],
    }
    for user, urls in pages.items():
        client = login(user)
        for url in urls:
            page = client.get(url).content.decode()
            assert "<script>alert" not in page, url
            assert 'onmouseover="steal()"' not in page, url
            assert ESCAPED in page, url


@pytest.mark.pdf
def test_html_in_a_clause_prints_as_text_in_the_pdf(hostile_version):
    version = Version.objects.get(pk=hostile_version.pk)
    text = " ".join(page_texts(version.pdf.read()))
    assert '<script>alert("x")</script>' in text.replace("\n", "")
    assert "<b onmouseover" in text.replace("\n", " ")
