"""Lists inside an instruction: bullets at several levels, items written inline, lettered and bulleted lead-ins."""

from jobdesc.library.importer import parse_paragraphs
from jobdesc.library.importer.paragraphs import BULLET, Paragraph, join_lines, split_inline_items, unfold_columns
from jobdesc.library.importer.parser import starts_block

TITLE = "Должностная инструкция кладовщика"


def sections(paragraphs):
    (document,) = parse_paragraphs([TITLE, *paragraphs], "ru")
    return {section.kind: section.clauses for section in document.sections()}


def test_a_bullet_above_the_level_its_list_started_at_ends_the_list_without_losing_it():
    found = sections(
        [
            "Общие положения",
            Paragraph(BULLET + "Кладовщик относится к категории рабочих.", level=1),
            Paragraph(BULLET + "В работе руководствуется:", level=1),
            Paragraph(BULLET + "правилами хранения;", level=2),
            Paragraph(BULLET + "настоящей инструкцией.", level=2),
            Paragraph(BULLET + "Кладовщик принимается на работу приказом директора.", level=0),
        ]
    )
    assert found["general"] == [
        "Кладовщик относится к категории рабочих.",
        "В работе руководствуется:",
        "правилами хранения;",
        "настоящей инструкцией.",
        "Кладовщик принимается на работу приказом директора.",
    ]


def test_items_written_inline_after_a_colon_are_split_from_their_lead_in():
    assert split_inline_items("Руководствуется: – уставом; – правилами; • инструкцией.") == [
        "Руководствуется:",
        BULLET + "уставом;",
        BULLET + "правилами;",
        BULLET + "инструкцией.",
    ]
    assert split_inline_items("Обязан: а) вести учёт; б) сдавать отчёт.") == [
        "Обязан:",
        "а) вести учёт;",
        "б) сдавать отчёт.",
    ]
    assert split_inline_items("За ущерб — в пределах, определённых законодательством.") == [
        "За ущерб — в пределах, определённых законодательством."
    ]


def test_a_lettered_or_bulleted_lead_in_that_restates_its_section_is_dropped():
    found = sections(
        [
            "2. Права",
            "а) Кладовщик имеет право:",
            "– требовать исправления ошибок в накладных;",
            "– отказаться от приёмки повреждённого товара.",
            "3. Ответственность",
            Paragraph(BULLET + "Кладовщик несёт ответственность:", level=0),
            Paragraph(BULLET + "за недостачу товаров;", level=1),
            Paragraph(BULLET + "за нарушение правил хранения.", level=1),
        ]
    )
    assert found["rights"] == [
        "требовать исправления ошибок в накладных;",
        "отказаться от приёмки повреждённого товара.",
    ]
    assert found["responsibility"] == ["за недостачу товаров;", "за нарушение правил хранения."]


def test_list_items_ending_in_semicolons_stay_apart_in_a_text_without_blank_lines():
    lines = ["Права", "требовать исправления ошибок;", "отказаться от приёмки;", "вносить предложения."]
    paragraphs = join_lines(lines, lambda line: starts_block(line, "ru"))
    assert [paragraph.text for paragraph in paragraphs] == lines


def test_a_form_in_two_columns_of_spaces_is_read_stamp_first_then_title():
    lines = [
        "ООО «Альфа»".ljust(40) + "УТВЕРЖДАЮ",
        "".ljust(40) + "Директор",
        "    ДОЛЖНОСТНАЯ".ljust(40) + "________ И.И. Иванов",
        "    ИНСТРУКЦИЯ".ljust(40) + "00.00.0000",
        "    кладовщика",
        "",
        "1. Общие положения",
    ]
    assert [line for line in unfold_columns(lines) if line] == [
        "УТВЕРЖДАЮ",
        "Директор",
        "________ И.И. Иванов",
        "00.00.0000",
        "ООО «Альфа»",
        "ДОЛЖНОСТНАЯ",
        "ИНСТРУКЦИЯ",
        "    кладовщика",
        "1. Общие положения",
    ]
