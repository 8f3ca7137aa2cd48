"""The position a title names, normalised to the nominative, however the title is printed."""

import pytest

from jobdesc.library.importer import parse_paragraphs
from jobdesc.library.importer.positions import position_title


@pytest.mark.parametrize(
    ("phrase", "title"),
    [
        # Both halves of a compound decline, the dictionary knowing the second half or not.
        ("инженера-электроника", "инженер-электроник"),
        ("слесаря-ремонтника", "слесарь-ремонтник"),
        ("техника-программиста", "техник-программист"),
        ("водителя-экспедитора", "водитель-экспедитор"),
        ("ведущего инженера-конструктора", "ведущий инженер-конструктор"),
        # Only the head declines where Russian keeps the first half.
        ("шеф-повара", "шеф-повар"),
        ("вице-президента", "вице-президент"),
        ("электрогазосварщика", "электрогазосварщик"),
        # Adjectives agree, participles stay participles, what follows the head stays.
        ("старшей медицинской сестры", "старшая медицинская сестра"),
        ("заведующего складом", "заведующий складом"),
        ("оператора котельной", "оператор котельной"),
        ("начальника отдела кадров", "начальник отдела кадров"),
        ("заместителя генерального директора по персоналу", "заместитель генерального директора по персоналу"),
        ("специалиста по охране труда", "специалист по охране труда"),
        # Capitals become lower case except abbreviations and names in quotes.
        ("ИНЖЕНЕРА-ЭЛЕКТРОНИКА", "инженер-электроник"),
        ("ИНЖЕНЕРА ОТДЕЛА АСУ ТП", "инженер отдела АСУ ТП"),
        # A title already in the nominative stays.
        ("инженер-электроник", "инженер-электроник"),
        ("менеджер по закупкам", "менеджер по закупкам"),
    ],
)
def test_a_title_s_position_comes_out_in_the_nominative(phrase, title):
    assert position_title(phrase) == title


@pytest.mark.parametrize("phrase", ["по охране труда", "Кадровый портал", "образец и правила составления"])
def test_a_phrase_that_names_no_person_is_no_position(phrase):
    assert position_title(phrase) is None


@pytest.mark.parametrize(
    "lines",
    [
        ["ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ ИНЖЕНЕРА-ЭЛЕКТРОНИКА"],
        ["ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ", "инженера-электроника"],
        ["ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ", "№ ____", "инженера-электроника"],
        ["ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ", "15.03.2024 № 27", "г. Самара", "инженера-электроника"],
        ["Наименование документа: Должностная инструкция инженера-электроника", "Вид документа: типовая форма"],
        ["Образец должностной инструкции инженера-электроника"],
        ["Должностная инструкция: инженер-электроник"],
        ["ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ ИНЖЕНЕРА-ЭЛЕКТРОНИКА / JOB DESCRIPTION"],
        ["Должностная инструкция инженера-электроника: образец 2024"],
        ["1. ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ ИНЖЕНЕРА-ЭЛЕКТРОНИКА"],
    ],
)
def test_the_title_is_found_on_whatever_line_and_in_whatever_case(lines):
    paragraphs = [
        "УТВЕРЖДАЮ",
        "Генеральный директор ООО «Альфа»",
        "_____________ И.П. Соколов",
        *lines,
        "1. Общие положения",
        "1.1. Инженер-электроник относится к категории специалистов.",
        "1.2. Инженер-электроник подчиняется главному механику.",
        "2. Права",
        "2.1. Знакомиться с проектами решений руководства.",
    ]
    (document,) = parse_paragraphs(paragraphs, "ru")
    assert document.title == "Инженер-электроник"


def test_a_department_under_the_title_goes_with_the_position_a_labelled_one_does_not():
    body = ["1. Общие положения", "1.1. Медицинская сестра относится к категории специалистов.", "1.2. Она ведёт учёт."]
    (inline,) = parse_paragraphs(
        ["ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ", "старшей медицинской сестры", "терапевтического отделения", *body], "ru"
    )
    assert inline.title == "Старшая медицинская сестра терапевтического отделения"
    (labelled,) = parse_paragraphs(
        [
            "ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ",
            "старшей медицинской сестры",
            "Структурное подразделение: Терапевтическое отделение",
            *body,
        ],
        "ru",
    )
    assert labelled.title == "Старшая медицинская сестра"
