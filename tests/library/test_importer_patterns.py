"""The patterns of organisations' own files: Word numbering, run-together clauses, unknown headings,
nested lists, titles, and the refusals of damaged or hostile files."""

import io
import json
import zipfile
from io import StringIO

import pytest
from django.core.management import call_command

from jobdesc.library.importer import ImporterError, main_document, parse_file, parse_paragraphs
from jobdesc.library.importer.paragraphs import follows, split_run_together

from .conftest import IMPORTS

EVAL = IMPORTS / "eval"


def sections(path):
    return {section.kind: section.clauses for section in main_document(parse_file(path), path.name).sections()}


def test_a_word_file_numbered_by_word_reads_like_the_same_text_with_typed_numbers():
    assert sections(EVAL / "sales_rep_list_number.docx") == sections(EVAL / "sales_rep_numbered.txt")
    assert sections(EVAL / "process_engineer_multilevel.docx") == sections(EVAL / "process_engineer_numbered.txt")


def test_rtf_and_odt_read_like_the_text():
    assert sections(EVAL / "ward_nurse.rtf") == sections(EVAL / "ward_nurse_roman.txt")
    assert sections(EVAL / "teacher_et.odt") == sections(EVAL / "teacher_et_numbered.txt")


@pytest.mark.parametrize(
    ("paragraph", "pieces"),
    [
        (
            "2.3. Готовит отчёты по представлению руководителя. 2.4. Инженер ведёт журнал. 2.5. Сдаёт смену.",
            ["2.3. Готовит отчёты по представлению руководителя.", "2.4. Инженер ведёт журнал.", "2.5. Сдаёт смену."],
        ),
        ("2.3. Действует согласно п. 3.2 настоящей инструкции.", None),
        ("2.3. Увольняется по ст. 81 ТК РФ. Приказ от 21.08.1998 г. 12.05 утверждён.", None),
        ("2.3. Готовит платежи до 1.5 млн рублей.", None),
        ("2. Должностные обязанности 2.1. Ищет клиентов. 2.2. Ведёт переговоры.", 3),
        ("1.4. Работает по следующим направлениям: 1.4.1. приём звонков; 1.4.2. запись клиентов.", 3),
    ],
)
def test_run_together_clauses_split_only_at_their_numbers(paragraph, pieces):
    found, _last = split_run_together(paragraph)
    if pieces is None:
        assert found == [paragraph]
    elif isinstance(pieces, int):
        assert len(found) == pieces
    else:
        assert found == pieces


def test_a_number_splits_only_where_it_can_follow_the_one_before():
    assert follows("2.3", "2.4") and follows("2.3", "2.3.1") and follows("2.3", "3") and follows("2.3", "3.1")
    assert not follows("2.3", "5.1") and not follows("2.3", "2.9")


def test_an_unknown_heading_becomes_its_own_section_never_the_section_before():
    (document,) = parse_paragraphs(
        [
            "Должностная инструкция кладовщика",
            "1. Общие положения",
            "1.1. Кладовщик относится к категории технических исполнителей.",
            "1.2. Кладовщик назначается на должность приказом директора.",
            "2. Учёт тары",
            "2.1. Возвратная тара учитывается в журнале.",
            "VII. ПОРЯДОК ПЕРЕСМОТРА",
            "1. Инструкция пересматривается раз в три года.",
        ],
        "ru",
    )
    found = [(section.kind, section.heading, section.clauses) for section in document.sections()]
    assert found[1:] == [
        ("unclassified", "Учёт тары", ["Возвратная тара учитывается в журнале."]),
        ("unclassified", "ПОРЯДОК ПЕРЕСМОТРА", ["Инструкция пересматривается раз в три года."]),
    ]
    drafted = document.as_draft_sections({"Учёт тары": "duties"})
    assert ("duties", "Учёт тары", ["Возвратная тара учитывается в журнале."]) in drafted
    assert ("final", "ПОРЯДОК ПЕРЕСМОТРА", ["Инструкция пересматривается раз в три года."]) in drafted


def test_items_under_a_lead_in_are_sub_items_and_a_bare_lead_in_is_dropped():
    (document,) = parse_paragraphs(
        [
            "Должностная инструкция инженера",
            "5. Служебные связи",
            "5.1. Инженер взаимодействует с:",
            "5.1.1. бухгалтерией по вопросам получения:",
            "• актов сверки;",
            "• счетов.",
            "5.1.2. складом по вопросам отгрузки.",
            "6. Права",
            "Инженер имеет право:",
            "• запрашивать сведения;",
            "• вносить предложения.",
        ],
        "ru",
    )
    rights, relationships = document.sections()
    assert relationships.clauses == [
        "бухгалтерией по вопросам получения:",
        "актов сверки;",
        "счетов.",
        "складом по вопросам отгрузки.",
    ]
    assert [item.as_dict() for item in relationships.items] == [
        {
            "text": "бухгалтерией по вопросам получения:",
            "number": "5.1.1",
            "children": [
                {"text": "актов сверки;", "number": "", "children": []},
                {"text": "счетов.", "number": "", "children": []},
            ],
        },
        {"text": "складом по вопросам отгрузки.", "number": "5.1.2", "children": []},
    ]
    assert rights.clauses == ["запрашивать сведения;", "вносить предложения."]


def test_the_json_keeps_flat_clauses_and_adds_the_nesting_beside_them():
    out = StringIO()
    call_command(
        "import_instruction", str(EVAL / "process_engineer_numbered.txt"), "--dry-run", "--format", "json", stdout=out
    )
    payload = json.loads(out.getvalue())
    relationships = next(section for section in payload["sections"] if section["kind"] == "relationships")
    assert set(relationships) == {"kind", "heading", "clauses", "items"}
    assert all(isinstance(text, str) for text in relationships["clauses"])
    flat = [text for item in relationships["items"] for text in [item["text"], *(c["text"] for c in item["children"])]]
    assert flat == relationships["clauses"]


@pytest.mark.parametrize(
    ("lines", "title"),
    [
        (
            ["Наименование документа: Должностная инструкция юрисконсульта", "Вид документа: Должностная инструкция"],
            "Юрисконсульт",
        ),
        (["ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ", "№ 12", "ВЕДУЩЕГО ИНЖЕНЕРА"], "Ведущий инженер"),
        (["Должностная инструкция менеджера", "по работе с клиентами"], "Менеджер по работе с клиентами"),
        (["Должностная инструкция кладовщика / Job description: Storekeeper", "Job description"], "Кладовщик"),
    ],
)
def test_titles_in_a_header_on_two_lines_or_beside_an_english_one_are_found(lines, title):
    clauses = [
        "1.1. Работник относится к категории специалистов.",
        "1.2. Работник ведёт учёт.",
        "1.3. Работник сдаёт отчёт.",
    ]
    (document,) = parse_paragraphs([*lines, "1. Общие положения", *clauses], "ru")
    assert document.title == title


def test_an_estonian_duties_heading_and_a_qualification_without_education_words():
    (document,) = parse_paragraphs(
        [
            "KLIENDIHALDURI AMETIJUHEND",
            "II. Ametiülesanded",
            "1. Nõustab kliente.",
            "2. Koostab pakkumisi.",
            "3. Peab andmebaasi.",
        ],
        "et",
    )
    assert [section.kind for section in document.sections()] == ["duties"]
    (document,) = parse_paragraphs(
        [
            "Должностная инструкция лаборанта",
            "1. Общие положения",
            "1.1. На должность лаборанта назначается лицо, обучающееся в колледже.",
            "1.2. К работе допускается лицо, прошедшее инструктаж.",
            "1.3. Лаборант относится к категории технических исполнителей.",
        ],
        "ru",
    )
    assert {section.kind: len(section.clauses) for section in document.sections()} == {"general": 1, "qualification": 2}


def docx_with(document_xml: bytes) -> bytes:
    source = zipfile.ZipFile(EVAL / "driver_list_number.docx")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for info in source.infolist():
            target.writestr(info, document_xml if info.filename == "word/document.xml" else source.read(info))
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"<?xml version='1.0'?><w:document xmlns:w='x'><w:body><w:p>", "not well-formed"),
        (
            b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>'
            b"<d>&b;&b;&b;</d>",
            "document type declaration",
        ),
    ],
)
def test_a_damaged_or_hostile_word_file_gets_a_clear_message(tmp_path, content, message):
    path = tmp_path / "bad.docx"
    path.write_bytes(docx_with(content))
    with pytest.raises(ImporterError, match=message):
        parse_file(path)


def test_a_word_file_that_unpacks_to_too_much_is_refused(tmp_path):
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b" " * (21 * 1024 * 1024))
    with pytest.raises(ImporterError, match="too much data"):
        parse_file(path)


def test_an_rtf_file_that_is_not_rtf_inside_is_refused_or_empty(tmp_path):
    path = tmp_path / "empty.rtf"
    path.write_bytes(b"{\\rtf1\\ansi {\\fonttbl{\\f0 Arial;}} }")
    with pytest.raises(ImporterError, match="no job description"):
        main_document(parse_file(path), path.name)
