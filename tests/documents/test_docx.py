"""The Word export has the same letterhead, title, numbering and acknowledgement sheet as the PDF."""

import io

import docx
from docx.shared import Pt

from jobdesc.documents.docx import render_docx


def open_docx(version):
    return docx.Document(io.BytesIO(render_docx(version)))


def all_text(document) -> str:
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def test_the_clauses_keep_their_sections_and_numbers(complete_draft):
    paragraphs = [paragraph.text for paragraph in open_docx(complete_draft).paragraphs]
    assert "1. Общие положения" in paragraphs
    assert "1.1. Менеджер по работе с клиентами относится к категории специалистов." in paragraphs
    assert "3.2. Этику делового общения." in paragraphs
    assert "4.1. Менеджер по работе с клиентами подчиняется непосредственно начальнику отдела продаж." in paragraphs
    assert "5.3. Готовит отчёты." in paragraphs
    assert paragraphs.index("1. Общие положения") < paragraphs.index("5.3. Готовит отчёты.")


def test_the_letterhead_title_and_approval_stamp_are_there(approved_version):
    document = open_docx(approved_version)
    text = all_text(document)
    date = approved_version.approved_at.astimezone().strftime("%d.%m.%Y")
    for expected in [
        "Общество с ограниченной ответственностью «Ромашка»",
        "ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ",
        f"{date} №\u00a0{approved_version.journal_entry.number}",
        "УТВЕРЖДАЮ",
        "Менеджера по работе с клиентами",
        "СОГЛАСОВАНО",
        "ЛИСТ ОЗНАКОМЛЕНИЯ",
        "С инструкцией ознакомлен(а):",
    ]:
        assert expected in text


def test_the_page_follows_the_organisations_settings(complete_draft, organisation):
    organisation.margin_left_mm, organisation.font_size_pt = 30, 12
    organisation.save()
    document = open_docx(complete_draft)
    section = document.sections[0]
    sizes = [section.page_width, section.page_height, section.left_margin, section.right_margin, section.top_margin]
    # Word stores lengths in twentieths of a point, so millimetres come back rounded.
    assert [round(size.mm, 1) for size in [*sizes, section.bottom_margin]] == [210, 297, 30, 10, 20, 20]
    assert document.styles["Normal"].font.size == Pt(12)
    assert document.styles["Normal"].font.name == "Times New Roman"


def test_pages_are_numbered_from_the_second(complete_draft):
    section = open_docx(complete_draft).sections[0]
    assert section.different_first_page_header_footer
    assert "PAGE" in section.header._element.xml
    assert "PAGE" not in section.first_page_header._element.xml


def test_the_acknowledgement_sheet_has_rows_to_sign(complete_draft):
    sheet = open_docx(complete_draft).tables[-1]
    assert [cell.text for cell in sheet.rows[0].cells] == ["№ п/п", "И.О. Фамилия", "Подпись", "Дата"]
    assert len(sheet.rows) == 17


def test_the_file_carries_the_documents_properties(approved_version):
    properties = open_docx(approved_version).core_properties
    assert properties.title == "Должностная инструкция менеджера по работе с клиентами"
    assert properties.author == "ООО «Ромашка»"
    assert properties.language == "ru"
