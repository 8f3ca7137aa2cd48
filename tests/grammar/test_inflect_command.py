"""`manage.py inflect`: titles in on standard input, declined titles out, line for line."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError


def run(monkeypatch, text, *args):
    monkeypatch.setattr("sys.stdin", io.StringIO(text))
    out = io.StringIO()
    call_command("inflect", *args, stdout=out)
    return out.getvalue()


def test_it_prints_each_title_in_the_requested_case(monkeypatch):
    output = run(monkeypatch, "Менеджер по продажам\nГлавный бухгалтер\n", "--case", "datv")
    assert output == "менеджеру по продажам\nглавному бухгалтеру\n"


def test_it_defaults_to_the_genitive(monkeypatch):
    assert run(monkeypatch, "Инженер-программист\n") == "инженера-программиста\n"


def test_it_keeps_blank_lines_so_output_lines_up_with_input(monkeypatch):
    output = run(monkeypatch, "Кладовщик\n\nГорничная\n", "--case", "ablt")
    assert output == "кладовщиком\n\nгорничной\n"


def test_it_rejects_an_unknown_case(monkeypatch):
    with pytest.raises(CommandError):
        run(monkeypatch, "Кладовщик\n", "--case", "genitive")
