"""The PDF of an instruction: A4 with the ГОСТ margins, the bundled font only, the letterhead, numbering and sheets."""

import hashlib
import os
import re

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import InMemoryStorage
from django.db import connection
from weasyprint.formatting_structure import boxes

from jobdesc.documents import pdf
from jobdesc.documents.errors import RenderError
from jobdesc.documents.verification import code_for
from jobdesc.instructions.drafting.services import start_draft
from jobdesc.instructions.models import Version
from jobdesc.instructions.workflow import services as workflow
from jobdesc.orgs.models import Employee, Organisation, Position
from tests.conftest import approve_through_workflow
from tests.orgs.test_organisation_settings import png

from .pdf_reading import A4, MM, embedded_fonts, page_texts, read_pdf, text_runs

LONG = (
    "Консультирует клиентов по вопросам приобретения товаров и услуг компании, включая условия договоров, "
    "порядок оплаты, сроки поставки и гарантийные обязательства, в соответствии с регламентом."
)
TYPOGRAPHY = "Ведёт договоры № 1\u00a0—\u00a05 «под ключ» для клиентов бизнес\u2011класса."


def flat(text: str) -> str:
    """Page text with words hyphenated at line ends joined, and line breaks and non-breaking spaces read as spaces."""
    return re.sub(r"\s+", " ", re.sub("\u2010\\s*\n", "", text).replace("\u00a0", " "))


def long_sections():
    return [
        ("general", "", ["{position} относится к категории специалистов.", TYPOGRAPHY] + [LONG] * 6),
        ("qualification", "", ["Высшее образование без предъявления требований к стажу работы."]),
        ("knowledge", "", [LONG] * 6),
        ("subordination", "", ["{position} подчиняется непосредственно {manager:datv}."]),
        ("duties", "", [LONG] * 10),
        ("rights", "", [LONG] * 4),
        ("responsibility", "", [LONG] * 3),
    ]


@pytest.fixture
def signatories(organisation, hr, lawyer, approver):
    """Employee records of the people who sign, so the signatures show positions and full initials."""
    for user, full_name, title in [
        (hr, "Смирнова Ольга Петровна", "Специалист по кадрам"),
        (lawyer, "Кузнецов Андрей Викторович", "Юрисконсульт"),
        (approver, "Петров Сергей Николаевич", "Генеральный директор"),
    ]:
        position = Position.objects.create(organisation=organisation, title=title)
        Employee.objects.create(organisation=organisation, user=user, full_name=full_name, position=position)


@pytest.fixture
def long_approved(position, hr, lawyer, approver, signatories):
    draft = start_draft(position=position, user=hr, sections=long_sections())
    return approve_through_workflow(draft, hr, [lawyer], approver)


@pytest.fixture
def approved_pdf(long_approved):
    return pdf.render_pdf(long_approved)


def body_runs(page):
    """The running text of a page: neither the page number above it nor the verification footer below it."""
    return [run for run in text_runs(page) if run.size > 10 and not (run.text.isdigit() and run.y > A4[1] - 20 * MM)]


@pytest.mark.pdf
def test_every_page_is_a4(approved_pdf):
    reader = read_pdf(approved_pdf)
    assert len(reader.pages) >= 3
    for page in reader.pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(A4, abs=0.1)


@pytest.mark.pdf
def test_the_text_block_keeps_the_gost_margins(approved_pdf, long_approved):
    reader = read_pdf(approved_pdf)
    width, height = A4
    for page in reader.pages:
        runs = body_runs(page)
        assert min(run.x for run in runs) == pytest.approx(20 * MM, abs=0.5)
        # A baseline sits below the top margin by about the font's ascent, and on or above the bottom margin.
        assert max(run.y for run in runs) <= height - 20 * MM - 8
        assert min(run.y for run in runs) >= 20 * MM
    # Justified lines reach the right margin (10 mm) and none passes it; WeasyPrint measures in CSS pixels.
    px = 0.75
    right_edges = [
        (box.position_x + box.width) * px
        for page in pdf.layout(long_approved).pages
        for box in page._page_box.descendants()
        if isinstance(box, boxes.TextBox) and box.style["font_size"] > 13
    ]
    assert max(right_edges) <= width - 10 * MM + 0.5
    assert max(right_edges) >= width - 10 * MM - 1


def next_approved(version, hr, lawyer, approver):
    """The next version, approved: it prints the organisation's settings as they are at its approval."""
    return approve_through_workflow(workflow.new_version(version=version, user=hr), hr, [lawyer], approver)


@pytest.mark.pdf
def test_the_left_margin_follows_the_organisation(long_approved, organisation, hr, lawyer, approver):
    organisation.margin_left_mm = 30
    organisation.save()
    reader = read_pdf(pdf.render_pdf(next_approved(long_approved, hr, lawyer, approver)))
    assert min(run.x for run in body_runs(reader.pages[1])) == pytest.approx(30 * MM, abs=0.5)


@pytest.mark.pdf
def test_only_the_bundled_serif_is_embedded_even_for_typographic_characters(approved_pdf):
    reader = read_pdf(approved_pdf)
    fonts = embedded_fonts(reader)
    assert fonts
    # Subset names look like /ABCDEF+Liberation-Serif-Bold: no fallback font was needed for any character.
    assert all(re.fullmatch(r"/[A-Z]{6}\+Liberation-Serif(-Bold|-Italic|-BoldItalic)?", name) for name in fonts), fonts
    text = flat(reader.pages[0].extract_text())
    assert "Ведёт договоры № 1 — 5 «под ключ» для клиентов бизнес-класса." in text


@pytest.mark.pdf
def test_the_body_is_set_in_the_organisations_size(long_approved, organisation, hr, lawyer, approver):
    sizes = {round(run.size, 1) for run in body_runs(read_pdf(pdf.render_pdf(long_approved)).pages[1])}
    assert sizes == {14.0}
    organisation.font_size_pt = 12
    organisation.save()
    assert {round(run.size, 1) for run in body_runs(read_pdf(pdf.render_pdf(long_approved)).pages[1])} == {14.0}, (
        "an approved version keeps the size it was approved with"
    )
    later = next_approved(long_approved, hr, lawyer, approver)
    sizes = {round(run.size, 1) for run in body_runs(read_pdf(pdf.render_pdf(later)).pages[1])}
    assert sizes == {12.0}


def test_pages_are_numbered_from_the_second_in_the_top_centre(approved_pdf):
    reader = read_pdf(approved_pdf)
    width, height = A4
    centre = (20 * MM + width - 10 * MM) / 2
    for index, page in enumerate(reader.pages, start=1):
        in_top_margin = [run for run in text_runs(page) if run.y > height - 20 * MM]
        if index == 1:
            assert in_top_margin == []
            continue
        assert [run.text for run in in_top_margin] == [str(index)]
        number = in_top_margin[0]
        assert number.x == pytest.approx(centre, abs=6)
        # At least 10 mm from the top edge: a digit stands about 0.75 em above its baseline.
        assert number.y + 0.75 * number.size <= height - 10 * MM


@pytest.mark.pdf
def test_the_letterhead_carries_the_requisites_and_the_approval(long_approved, approved_pdf):
    first = flat(page_texts(approved_pdf)[0])
    date = long_approved.approved_at.astimezone().strftime("%d.%m.%Y")
    number = long_approved.journal_entry.number
    for expected in [
        "Общество с ограниченной ответственностью «Ромашка»",
        "ИНН 7701234567",
        "ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ",
        f"{date} № {number}",
        "г. Москва",
        "УТВЕРЖДАЮ",
        "Генеральный директор",
        "С.Н. Петров",
    ]:
        assert expected in first


@pytest.mark.pdf
def test_the_title_names_the_position_in_the_genitive(approved_pdf):
    assert "Менеджера по работе с клиентами" in flat(page_texts(approved_pdf)[0])


@pytest.mark.pdf
def test_sections_and_clauses_are_numbered(approved_pdf):
    text = flat(" ".join(page_texts(approved_pdf)))
    for expected in [
        "1. Общие положения",
        "1.1. Менеджер по работе с клиентами относится",
        "5. Должностные обязанности",
    ]:
        assert expected in text
    assert "подчиняется непосредственно начальнику отдела продаж" in text


@pytest.mark.pdf
def test_the_visas_and_the_drafter_sign_after_the_text(long_approved, approved_pdf):
    texts = page_texts(approved_pdf)
    signatures = flat(" ".join(texts[:-1])).split("7.1.")[-1]
    sent = long_approved.submitted_at.astimezone().strftime("%d.%m.%Y")
    assert "Проект подготовил(а): Специалист по кадрам" in signatures
    assert re.search(rf"О\.П\. Смирнова ?{sent}", signatures)
    # A paper original: the visa's signature and date are left for ink.
    assert "СОГЛАСОВАНО Юрисконсульт А.В. Кузнецов «___» ____________ 20__ г." in signatures


@pytest.mark.pdf
def test_the_document_ends_with_the_acknowledgement_sheet_to_sign_on_paper(approved_pdf):
    last = flat(page_texts(approved_pdf)[-1])
    assert "ЛИСТ ОЗНАКОМЛЕНИЯ" in last
    assert "с должностной инструкцией менеджера по работе с клиентами" in last
    assert "С инструкцией ознакомлен(а):" in last
    assert "16" in last.split()


@pytest.mark.pdf
def test_the_blank_rows_and_their_rules_stand_where_a_table_of_cells_put_them(long_approved):
    """The sixteen blank rows are blocks under the header: each number and rule where a table row put it."""
    page = pdf.layout(long_approved).pages[-1]._page_box
    table = next(box for box in page.descendants() if isinstance(box, boxes.TableBox))
    header = next(box for box in page.descendants() if isinstance(box, boxes.TableRowBox))
    texts = [box for box in page.descendants() if isinstance(box, boxes.TextBox)]
    numbers = [box for box in texts if box.text.strip().isdigit() and box.position_y > header.position_y]
    assert [box.text for box in numbers] == [str(n) for n in range(1, 17)]
    row = (11 * MM + 0.5) / 0.75  # 9 mm, 1 mm of padding above and below and the 0.5 pt rule, in CSS px
    baselines = [box.position_y + box.baseline for box in numbers]
    assert [b - a for a, b in zip(baselines, baselines[1:], strict=False)] == pytest.approx([row] * 15, abs=0.01)
    # A number stands in its row as the header's words stand in theirs (same height, padding, middle).
    heading = next(box for box in texts if box.text.startswith("№"))
    boundary = header.position_y + header.height
    assert baselines[0] - boundary == pytest.approx(heading.position_y + heading.baseline - header.position_y, abs=0.01)
    # Each column rule is centred on the header's column boundary, as the cells' collapsed borders were.
    rules = [box for box in page.descendants() if getattr(box, "element_tag", None) == "span"]
    centres = [box.position_x + box.border_left_width / 2 for box in rules]
    assert centres == pytest.approx(table.column_positions[1:], abs=0.01)
    assert all(box.height == pytest.approx(16 * row - 0.25 / 0.75, abs=0.01) for box in rules)


@pytest.mark.pdf
def test_a_draft_is_watermarked_and_has_no_approval_date(complete_draft):
    texts = page_texts(pdf.render_pdf(complete_draft))
    assert all("ПРОЕКТ" in text for text in texts)
    first = flat(texts[0])
    assert "«___» ____________ 20__ г." in first
    assert "__________ № ______" in first
    assert "Код проверки" not in first


def test_an_approved_version_has_no_watermark(approved_pdf):
    assert not any("ПРОЕКТ" in text for text in page_texts(approved_pdf))


@pytest.mark.pdf
def test_every_page_carries_the_verification_code_and_its_qr_code(long_approved, approved_pdf):
    code = code_for(long_approved)
    reader = read_pdf(approved_pdf)
    for page in reader.pages:
        footer = [run for run in text_runs(page) if run.y < 20 * MM]
        assert f"Код проверки {code}" in " ".join(run.text for run in footer)
        assert f"https://jobdesc.example.org/verify/{code}/" in " ".join(run.text for run in footer)
        images = page["/Resources"]["/XObject"]
        assert len(images) == 1


@pytest.mark.pdf
def test_an_estonian_document_uses_estonian_words(organisation, position, hr, lawyer, approver):
    organisation.language = "et"
    organisation.save()
    draft = start_draft(position=position, user=hr, sections=long_sections()[:3])
    assert draft.language == "et"
    text = flat(" ".join(page_texts(pdf.render_pdf(draft))))
    assert "KINNITAN" in text
    assert "AMETIJUHEND" in text
    assert "PROJEKT" in text
    assert "УТВЕРЖДАЮ" not in text


def test_the_same_version_renders_to_the_same_bytes(long_approved):
    assert pdf.render_pdf(long_approved) == pdf.render_pdf(long_approved)


@pytest.mark.pdf
def test_the_pdf_is_pdf_a_3b_with_the_documents_metadata(long_approved, approved_pdf):
    reader = read_pdf(approved_pdf)
    metadata = reader.metadata
    assert metadata.title == "Должностная инструкция менеджера по работе с клиентами"
    assert metadata.author == "ООО «Ромашка»"
    assert metadata.subject.startswith("Должностная инструкция менеджера по работе с клиентами, редакция 1, рег. № ")
    assert reader.trailer["/Root"]["/Lang"] == "ru"
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    assert re.search(r"pdfaid:part[^0-9]{1,3}3", xmp)
    assert re.search(r"pdfaid:conformance[^A-Z]{1,3}B", xmp)
    approved = long_approved.approved_at.astimezone().strftime("%Y%m%d%H%M")
    assert metadata["/ModDate"].startswith(f"D:{approved}")


def test_store_pdf_keeps_the_file_and_its_hash_once(long_approved):
    pdf.store_pdf(long_approved)
    stored = Version.objects.get(pk=long_approved.pk)
    data = stored.pdf.read()
    assert stored.pdf_sha256 == hashlib.sha256(data).hexdigest()
    assert stored.pdf.name == (
        f"instructions/{long_approved.instruction.organisation_id}/{long_approved.pk}-{stored.pdf_sha256[:12]}.pdf"
    )
    assert long_approved.pdf_sha256 == stored.pdf_sha256
    pdf.store_pdf(stored)
    assert Version.objects.get(pk=long_approved.pk).pdf.name == stored.pdf.name


def test_a_version_in_work_gets_no_stored_pdf(complete_draft):
    with pytest.raises(RenderError):
        pdf.store_pdf(complete_draft)
    assert not Version.objects.get(pk=complete_draft.pk).pdf


def without_stored_pdf(version):
    """Clear the stored PDF behind the model's back, as for a version approved before PDFs were stored."""
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {Version._meta.db_table} SET pdf = '', pdf_sha256 = '' WHERE id = %s", [version.pk])
    return Version.objects.get(pk=version.pk)


def test_a_version_approved_without_a_pdf_gets_it_stored_later(long_approved):
    version = without_stored_pdf(long_approved)
    pdf.store_pdf(version)
    assert Version.objects.get(pk=version.pk).pdf_sha256 == hashlib.sha256(version.pdf.read()).hexdigest()


def test_a_failing_render_raises_a_render_error_and_stores_nothing(long_approved, monkeypatch):
    version = without_stored_pdf(long_approved)

    def broken(*args, **kwargs):
        raise ValueError("no fonts today")

    monkeypatch.setattr(pdf, "_layout", broken)
    with pytest.raises(RenderError, match="no fonts today"):
        pdf.store_pdf(version)
    assert not Version.objects.get(pk=version.pk).pdf_sha256


def images_on_first_page(data: bytes) -> int:
    return len(read_pdf(data).pages[0].images)


def a_png_logo() -> ContentFile:
    return ContentFile(png((60, 20)), name="logo.png")


@pytest.mark.pdf
def test_the_letterhead_prints_the_organisations_logo(long_approved, organisation, hr, lawyer, approver):
    without = images_on_first_page(pdf.render_pdf(long_approved))
    organisation.logo.save("logo.png", a_png_logo())
    assert images_on_first_page(pdf.render_pdf(long_approved)) == without, "approved without a logo, printed without"
    later = next_approved(long_approved, hr, lawyer, approver)
    assert images_on_first_page(pdf.render_pdf(later)) == without + 1
    organisation.logo.save("logo.png", ContentFile(png((80, 20)), name="logo.png"))
    assert images_on_first_page(pdf.render_pdf(later)) == without + 1, "the approved logo file is still printed"


class BucketLikeStorage(InMemoryStorage):
    """Files kept in memory and, as on S3, without a local path (django-storages raises the same)."""

    def path(self, name):
        raise NotImplementedError("This backend doesn't support absolute paths.")

    def _relative_path(self, name):
        # The memory storage finds its own files by the path the public method no longer gives.
        return os.path.relpath(InMemoryStorage.path(self, name), self.location)


@pytest.mark.pdf
def test_a_logo_on_object_storage_prints_too(long_approved, organisation, monkeypatch, hr, lawyer, approver):
    """A bucket has no local path: the logo is read from it instead of being left out of the PDF."""
    without = images_on_first_page(pdf.render_pdf(long_approved))
    monkeypatch.setattr(Organisation._meta.get_field("logo"), "storage", BucketLikeStorage())
    organisation = Organisation.objects.get(pk=organisation.pk)
    organisation.logo.save("logo.png", a_png_logo())
    assert images_on_first_page(pdf.render_pdf(next_approved(long_approved, hr, lawyer, approver))) == without + 1


@pytest.mark.pdf
@pytest.mark.parametrize("variant", [pdf.PDF_VARIANT, pdf.ELECTRONIC_VARIANT])
def test_each_stream_is_compressed_once_and_the_bytes_are_those_pydyf_writes(approved_version, monkeypatch, variant):
    import pydyf

    document = pdf._layout(pdf.document_html(pdf._fresh(approved_version)))
    compressions = []
    compressobj = pydyf.zlib.compressobj

    def counting(*args, **kwargs):
        compressions.append(1)
        return compressobj(*args, **kwargs)

    monkeypatch.setattr(pydyf.zlib, "compressobj", counting)
    plain = document.write_pdf(pdf_variant=variant)
    twice = len(compressions)
    compressions.clear()
    once = document.write_pdf(pdf_variant=variant, finisher=pdf._streams_made_once)
    assert once == plain
    assert len(compressions) < twice * 0.6, (len(compressions), twice)


def test_an_approved_version_prints_from_its_snapshot_without_the_joins_of_a_draft(approved_version):
    from django.test.utils import CaptureQueriesContext

    from jobdesc.instructions.selectors import version_with_context

    def loaded(load):
        with CaptureQueriesContext(connection) as queries:
            html = pdf.document_html(load())
        return html, [query["sql"] for query in queries.captured_queries]

    everything = version_with_context().select_related("journal_entry")
    full, full_queries = loaded(lambda: everything.get(pk=approved_version.pk))
    lean, lean_queries = loaded(lambda: pdf._fresh(approved_version))
    assert lean == full
    assert len(lean_queries) == len(full_queries)
    assert lean_queries[0].count(" JOIN ") < full_queries[0].count(" JOIN ")
