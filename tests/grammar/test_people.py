"""Signatures «И.И. Иванов», gender from the patronymic and the «ознакомлен(а)» form."""

import pytest

from jobdesc.grammar.people import NBSP, acquainted, gender, initials_surname


@pytest.mark.parametrize(
    ("full_name", "expected"),
    [
        ("Иванов Иван Иванович", "И.И.\u00a0Иванов"),
        ("Петрова Мария Сергеевна", "М.С.\u00a0Петрова"),
        ("Иванов Иван", "И.\u00a0Иванов"),
        ("Петрова Анна-Мария Ивановна", "А.-М.И.\u00a0Петрова"),
        ("Римский-Корсаков Николай Андреевич", "Н.А.\u00a0Римский-Корсаков"),
        ("Иванов И.И.", "И.И.\u00a0Иванов"),
        ("Иванов И. И.", "И.И.\u00a0Иванов"),
        ("И.И. Иванов", "И.И.\u00a0Иванов"),
        ("  Иванов   Иван \t Иванович ", "И.И.\u00a0Иванов"),
        ("Иван Иванович Иванов", "И.И.\u00a0Иванов"),
        ("Алиев Рашид Гасан оглы", "Р.Г.\u00a0Алиев"),
        ("Иванов", "Иванов"),
        ("", ""),
    ],
)
def test_it_writes_initials_before_the_surname(full_name, expected):
    assert initials_surname(full_name) == expected


def test_the_surname_is_joined_by_a_non_breaking_space_and_initials_are_not_spaced():
    signature = initials_surname("Сидоров Пётр Петрович")
    assert NBSP in signature
    assert " " not in signature
    assert signature.startswith("П.П.")


@pytest.mark.parametrize(
    ("full_name", "expected"),
    [
        ("Иванов Иван Иванович", "m"),
        ("Кузьмин Фома Ильич", "m"),
        ("Петрова Мария Сергеевна", "f"),
        ("Кузьмина Ольга Ильинична", "f"),
        ("Алиев Рашид Гасан оглы", "m"),
        ("Алиева Лейла Гасан кызы", "f"),
        ("Шевкунович Анна Петровна", "f"),
        ("Иванов Иван", "m"),
        ("Петрова Мария", "f"),
        ("Иванова И.И.", "f"),
        ("", None),
        ("Смит Джон", "m"),
        ("Ким Женя", None),
    ],
)
def test_it_tells_gender_from_the_patronymic_or_the_first_name(full_name, expected):
    assert gender(full_name) == expected


def test_it_says_acquainted_in_the_right_gender():
    assert acquainted("m") == "ознакомлен"
    assert acquainted("f") == "ознакомлена"
    assert acquainted(None) == "ознакомлен(а)"
