"""The importer on hand-made files of every format and layout, and its one-line refusals of bad input."""

import pytest

from jobdesc.library.importer import ImporterError, main_document, parse_file
from jobdesc.library.importer.readers import MAX_BYTES

from .conftest import IMPORTS


def main(name, **kwargs):
    return main_document(parse_file(IMPORTS / name, **kwargs), name)


def sections(document):
    return {section.kind: section.clauses for section in document.sections()}


def test_numbered_text_with_every_layout_of_the_seeds_is_split_into_sections():
    document = main("numbered_ru.txt")
    assert document.title == "Менеджер по продажам"
    assert sections(document) == {
        "general": [
            "Менеджер по продажам относится к категории специалистов.",
            "Менеджер по продажам назначается на должность и освобождается от неё приказом генерального директора.",
            "На время отсутствия менеджера по продажам его обязанности исполняет лицо, назначенное приказом.",
        ],
        "qualification": [
            "На должность менеджера по продажам назначается лицо, имеющее высшее образование и стаж работы "
            "в продажах не менее 1 года."
        ],
        "knowledge": ["ассортимент и цены продукции;", "методы изучения спроса;", "основы делового общения."],
        "subordination": ["Прямое подчинение: начальнику отдела продаж", "Работника замещает: другой менеджер отдела"],
        "duties": [
            "Ищет новых клиентов.",
            "Ведёт переговоры с клиентами.",
            "Заключает договоры поставки.",
            "Контролирует оплату и отгрузку по заключённым договорам.",
            "Готовит отчёты о продажах.",
        ],
        "rights": [
            "Запрашивать у отделов сведения, нужные для работы.",
            "Вносить руководству предложения по улучшению продаж.",
        ],
        "responsibility": [
            "За ненадлежащее исполнение своих обязанностей — в пределах, определённых трудовым законодательством.",
            "За причинение материального ущерба — в пределах, определённых трудовым и гражданским законодательством.",
        ],
        "relationships": ["Менеджер по продажам взаимодействует с бухгалтерией по вопросам оплаты счетов."],
        "evaluation": ["Выполнение плана продаж."],
    }


def test_the_heading_with_the_position_is_kept_as_written():
    headings = {section.kind: section.heading for section in main("numbered_ru.txt").sections()}
    assert headings["duties"] == "Должностные обязанности менеджера по продажам"
    assert headings["knowledge"] == ""


def test_roman_and_unnumbered_headings_work_in_a_file_without_blank_lines():
    document = main("roman_lines_ru.txt")
    assert document.title == "Оператор колл-центра"
    assert {kind: len(clauses) for kind, clauses in sections(document).items()} == {
        "general": 1,
        "qualification": 1,
        "knowledge": 2,
        "subordination": 1,
        "duties": 3,
        "rights": 2,
        "responsibility": 1,
    }
    assert sections(document)["rights"] == [
        "получать информацию, необходимую для работы;",
        "вносить предложения по улучшению обслуживания.",
    ]


def test_estonian_headings_are_recognised():
    document = main("estonian.txt")
    assert document.language == "et"
    assert [(section.kind, section.heading, len(section.clauses)) for section in document.sections()] == [
        ("general", "Üldsätted", 1),
        ("knowledge", "", 2),
        ("subordination", "", 1),
        ("duties", "Töökohustused", 3),
        ("rights", "Õigused", 2),
        ("responsibility", "Vastutus", 1),
    ]


def test_a_word_file_with_auto_numbered_lists_and_a_table_is_read():
    document = main("instruction.docx")
    assert document.title == "Кассир"
    assert sections(document) == {
        "general": ["Кассир относится к категории технических исполнителей."],
        "qualification": [
            "На должность кассира принимается лицо, имеющее среднее профессиональное образование и опыт работы "
            "не менее 6 месяцев."
        ],
        "subordination": ["Прямое подчинение: старшему кассиру", "Дополнительное подчинение: главному бухгалтеру"],
        "duties": ["Принимает и выдаёт наличные деньги.", "Ведёт кассовую книгу.", "Сдаёт выручку инкассаторам."],
        "rights": [
            "требовать обеспечения условий для сохранности денег;",
            "вносить предложения по улучшению работы кассы.",
        ],
        "responsibility": ["Кассир несёт полную материальную ответственность за сохранность вверенных ему ценностей."],
    }


def test_an_html_page_loses_its_navigation_scripts_and_adverts():
    document = main("instruction.html")
    assert document.title == "Администратор салона"
    found = sections(document)
    assert found["subordination"] == ["Администратор салона подчиняется непосредственно управляющему салоном."]
    assert found["duties"] == [
        "Встречает клиентов и записывает их на услуги.",
        "Ведёт журнал записи и кассу.",
        "Следит за чистотой в зале.",
    ]
    text = " ".join(clause for clauses in found.values() for clause in clauses)
    assert "Calltouch" not in text and "Главная" not in text and "dataLayer" not in text


def test_the_language_can_be_forced():
    assert main("numbered_ru.txt", language="ru").language == "ru"


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("empty.txt", "empty.txt is empty."),
        ("cp1251.txt", "cp1251.txt is not UTF-8 text (it may be in Windows-1251); save it as UTF-8."),
        ("article.txt", "article.txt: no job description found in it."),
        ("missing.txt", "missing.txt: no such file."),
    ],
)
def test_bad_files_get_a_one_line_reason(name, message):
    with pytest.raises(ImporterError) as error:
        main(name)
    assert str(error.value) == message
    assert "\n" not in str(error.value)


def test_a_binary_file_is_refused(tmp_path):
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10)
    with pytest.raises(ImporterError, match="binary file"):
        parse_file(path)


def test_a_huge_file_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_text("1.1. Менеджер относится к категории специалистов.\n" * (MAX_BYTES // 40), encoding="utf-8")
    with pytest.raises(ImporterError, match="too large"):
        parse_file(path)


def test_an_old_word_file_is_refused_with_advice(tmp_path):
    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)
    with pytest.raises(ImporterError, match="save it as .docx"):
        parse_file(path)


def test_a_zip_that_is_not_a_word_file_is_refused(tmp_path):
    import zipfile

    path = tmp_path / "archive.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "hello")
    with pytest.raises(ImporterError, match=r"not a Word \(.docx\) or OpenDocument"):
        parse_file(path)


def test_a_file_of_another_type_is_refused(tmp_path):
    path = tmp_path / "table.csv"
    path.write_text("a;b\n", encoding="utf-8")
    with pytest.raises(ImporterError, match="unsupported file type"):
        parse_file(path)


def test_an_index_beyond_the_instructions_found_is_refused():
    with pytest.raises(ImporterError, match="holds 1 job description; its index is 0"):
        main_document(parse_file(IMPORTS / "numbered_ru.txt"), "numbered_ru.txt", index=3)
