"""Word files whose headings are Word headings and whose clauses use Word's own list numbering.

«List Number» numbers on across the headings (1, 2, … 14) as Word does when nobody restarts it: still
one clause per list item, in the section of the heading above it, and the title found whether it is
a Title paragraph, a heading, one line or two.
"""

import io

import docx
import pytest

from jobdesc.library.importer import main_document, parse_paragraphs
from jobdesc.library.importer.readers import paragraphs_of

SECTIONS = {
    "Общие положения": [
        "Инженер-электроник относится к категории специалистов.",
        "Инженер-электроник назначается на должность и освобождается от неё приказом директора.",
        "Инженер-электроник подчиняется непосредственно главному инженеру.",
    ],
    "Квалификационные требования": [
        "На должность инженера-электроника назначается лицо, имеющее высшее техническое образование.",
    ],
    "Должностные обязанности": [
        "Обеспечивает исправное состояние электронной аппаратуры.",
        "Проводит профилактические осмотры и ремонт оборудования.",
    ],
    "Права": ["Вносить предложения по совершенствованию работы."],
    "Ответственность": ["За причинение материального ущерба — в пределах, определённых законодательством РФ."],
    "Порядок пересмотра инструкции": ["Инструкция пересматривается не реже одного раза в три года."],
}


def word_file(title_lines, title_style=None, number_headings=False) -> bytes:
    document = docx.Document()
    document.add_paragraph("УТВЕРЖДАЮ")
    document.add_paragraph("Директор ООО «Альфа»")
    for line in title_lines:
        document.add_paragraph(line, style=title_style)
    for number, (heading, clauses) in enumerate(SECTIONS.items(), start=1):
        document.add_heading(f"{number}. {heading}" if number_headings else heading, 1)
        for clause in clauses:
            document.add_paragraph(clause, style="List Number")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def read(data: bytes):
    paragraphs, language = paragraphs_of("instruction.docx", data)
    return main_document(parse_paragraphs(paragraphs, language), "instruction.docx")


@pytest.mark.parametrize(
    ("title_lines", "style", "numbered"),
    [
        (["ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ", "инженера-электроника"], "Title", False),
        (["ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ ИНЖЕНЕРА-ЭЛЕКТРОНИКА"], None, False),
        (["ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ", "инженера-электроника"], None, False),
        (["Должностная инструкция инженера-электроника"], "Title", True),
        # No position in the title: the one the clauses name as their subject.
        (["ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ"], "Heading 1", False),
    ],
)
def test_list_number_on_across_headings_is_one_clause_per_item_in_the_heading_s_section(title_lines, style, numbered):
    document = read(word_file(title_lines, style, numbered))
    assert document.title == "Инженер-электроник"
    found = {section.kind: section.clauses for section in document.sections()}
    assert found == {
        "general": SECTIONS["Общие положения"][:2],
        "qualification": SECTIONS["Квалификационные требования"],
        "subordination": SECTIONS["Общие положения"][2:],
        "duties": SECTIONS["Должностные обязанности"],
        "rights": SECTIONS["Права"],
        "responsibility": SECTIONS["Ответственность"],
        "final": SECTIONS["Порядок пересмотра инструкции"],
    }
    numbers = [item.number for section in document.sections() for item in section.items]
    assert sorted(numbers, key=int) == [str(number) for number in range(1, 10)]


def test_typed_numbers_in_plain_word_paragraphs_read_like_the_text_file():
    lines = [
        "ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ ИНЖЕНЕРА-ЭЛЕКТРОНИКА",
        "1. Общие положения",
        "1.1. Инженер-электроник относится к категории специалистов.",
        "2. Должностные обязанности",
        "2.1. Обеспечивает исправное состояние электронной аппаратуры.",
        "2.2. Проводит профилактические осмотры и ремонт оборудования.",
    ]
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    from_word = read(buffer.getvalue())
    (from_text,) = parse_paragraphs(lines, "ru")
    assert from_word.title == from_text.title == "Инженер-электроник"
    assert [section.clauses for section in from_word.sections()] == [
        section.clauses for section in from_text.sections()
    ]
