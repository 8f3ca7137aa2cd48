"""Clause placeholders: finding, checking, filling and recovering them from a concrete text."""

import pytest

from jobdesc.grammar.placeholders import PLACEHOLDER_RE, UnfilledPlaceholder, errors, fill, find, with_placeholders

TITLE = "Менеджер по послепродажному обслуживанию"


def test_the_pattern_matches_a_name_with_an_optional_case():
    assert PLACEHOLDER_RE.fullmatch("{position}")["name"] == "position"
    assert PLACEHOLDER_RE.fullmatch("{manager:datv}")["case"] == "datv"
    assert PLACEHOLDER_RE.fullmatch("{position gent}") is None


def test_find_lists_names_and_cases_defaulting_to_the_nominative():
    text = "{position} подчиняется {manager:datv}; в отсутствие {position:gent} — {head_position:gent}."
    assert find(text) == [("position", "nomn"), ("manager", "datv"), ("position", "gent"), ("head_position", "gent")]


def test_a_correct_template_has_no_errors():
    assert errors("{position} подчиняется {manager:datv} и {head_position:datv} {organisation:gent}.") == []


def test_it_reports_an_unknown_name():
    [message] = errors("{postion} имеет право:")
    assert "postion" in message


def test_it_reports_an_unknown_case():
    [message] = errors("{position:genitive} имеет право:")
    assert "genitive" in message


def test_it_reports_unbalanced_braces():
    assert len(errors("{position имеет право:")) == 1
    assert len(errors("position} имеет право:")) == 1


def test_it_reports_a_malformed_placeholder():
    [message] = errors("{ должность } имеет право:")
    assert "должность" in message


def test_it_reports_a_known_name_that_is_not_available_here():
    [message] = errors("{position} подчиняется {manager:datv}.", available={"position"})
    assert "manager" in message
    assert errors("{position} подчиняется {manager:datv}.", available={"position", "manager"}) == []


def test_fill_declines_a_title_string_for_each_case():
    text = "В отсутствие {position:gent} его обязанности исполняет лицо, назначенное {head_position:ablt}."
    filled = fill(text, {"position": TITLE, "head_position": "Генеральный директор"})
    assert filled == (
        "В отсутствие менеджера по послепродажному обслуживанию его обязанности исполняет лицо, "
        "назначенное генеральным директором."
    )


def test_fill_accepts_a_callable_or_a_mapping_of_forms():
    forms = {
        "manager": lambda case: {"datv": "начальнику отдела продаж"}[case],
        "organisation": {"gent": "ООО «Ромашка»", "nomn": "ООО «Ромашка»"},
    }
    assert fill("подчиняется {manager:datv} {organisation:gent}", forms) == (
        "подчиняется начальнику отдела продаж ООО «Ромашка»"
    )


def test_fill_capitalises_a_placeholder_that_starts_a_sentence():
    text = "{position} имеет право: знакомиться с решениями. {manager} утверждает план! {position:datv} запрещено"
    filled = fill(text, {"position": "Главный бухгалтер", "manager": "Генеральный директор"})
    assert filled == (
        "Главный бухгалтер имеет право: знакомиться с решениями. Генеральный директор утверждает план! "
        "Главному бухгалтеру запрещено"
    )


def test_fill_capitalises_at_the_start_of_a_numbered_line():
    assert fill("1.1. {position} назначается приказом.", {"position": "Кладовщик"}) == (
        "1.1. Кладовщик назначается приказом."
    )


def test_fill_keeps_lower_case_inside_a_sentence():
    assert fill("подчиняется {manager:datv}.", {"manager": "Начальник отдела продаж"}) == (
        "подчиняется начальнику отдела продаж."
    )


def test_fill_raises_for_a_placeholder_without_a_value():
    with pytest.raises(UnfilledPlaceholder) as raised:
        fill("{position} подчиняется {manager:datv}.", {"position": TITLE})
    assert "manager" in str(raised.value)
    assert isinstance(raised.value, ValueError)


def test_fill_raises_for_an_unknown_placeholder():
    with pytest.raises(UnfilledPlaceholder):
        fill("{boss:datv}", {"boss": "Директор"})


def test_fill_raises_rather_than_leave_a_blank():
    with pytest.raises(UnfilledPlaceholder):
        fill("подчиняется {manager:datv}", {"manager": {"gent": "директора"}})
    with pytest.raises(UnfilledPlaceholder):
        fill("подчиняется {manager:datv}", {"manager": ""})


def test_with_placeholders_replaces_the_title_in_the_nominative():
    assert with_placeholders(f"{TITLE} имеет право:", TITLE) == "{position} имеет право:"


def test_with_placeholders_replaces_the_title_in_the_genitive():
    text = "На время отсутствия менеджера по послепродажному обслуживанию его обязанности исполняет заместитель."
    assert (
        with_placeholders(text, TITLE) == "На время отсутствия {position:gent} его обязанности исполняет заместитель."
    )


def test_with_placeholders_recognises_every_case_form():
    text = (
        "Менеджером по послепродажному обслуживанию назначается лицо. Приказ о менеджере по послепродажному "
        "обслуживанию. Документы передаются Менеджеру по послепродажному обслуживанию."
    )
    assert with_placeholders(text, TITLE) == (
        "{position:ablt} назначается лицо. Приказ о {position:loct}. Документы передаются {position:datv}."
    )


def test_with_placeholders_prefers_the_genitive_to_the_identical_accusative():
    assert with_placeholders("Приказ назначает главного бухгалтера.", "Главный бухгалтер") == (
        "Приказ назначает {position:gent}."
    )


def test_with_placeholders_uses_the_preposition_when_forms_coincide():
    text = "Горничная подчиняется непосредственно горничной старшей смены. Работает с горничной. Отсутствие горничной."
    assert with_placeholders(text, "Горничная") == (
        "{position} подчиняется непосредственно {position:datv} старшей смены. Работает с {position:ablt}. "
        "Отсутствие {position:gent}."
    )


def test_with_placeholders_leaves_other_words_alone():
    text = "Менеджеры по продажам и менеджеру-стажеру не подчиняются."
    assert with_placeholders(text, "Менеджер") == text


def test_a_text_survives_the_round_trip_through_placeholders():
    text = (
        "Менеджер по послепродажному обслуживанию имеет право: запрашивать документы. "
        "На время отсутствия менеджера по послепродажному обслуживанию его обязанности исполняет лицо, "
        "назначенное приказом. Подчиняется непосредственно начальнику отдела продаж."
    )
    template = with_placeholders(text, TITLE)
    assert "{position}" in template
    assert "{position:gent}" in template
    assert fill(template, {"position": TITLE}) == text
