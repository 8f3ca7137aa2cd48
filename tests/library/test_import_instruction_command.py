"""`manage.py import_instruction`: the dry-run JSON, the draft it creates, and clean failures."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from jobdesc.instructions.drafting.services import start_draft
from jobdesc.instructions.models import Instruction, Item, Version

from .conftest import IMPORTS, seed


def run(*args):
    out = StringIO()
    call_command("import_instruction", *map(str, args), stdout=out)
    return out.getvalue()


def test_dry_run_prints_the_structure_as_json():
    payload = json.loads(run(IMPORTS / "numbered_ru.txt", "--dry-run", "--format", "json"))
    assert payload["title"] == "Менеджер по продажам"
    assert payload["language"] == "ru"
    assert [section["kind"] for section in payload["sections"]][:3] == ["general", "qualification", "knowledge"]
    duties = next(section for section in payload["sections"] if section["kind"] == "duties")
    assert duties["heading"] == "Должностные обязанности менеджера по продажам"
    assert duties["clauses"][0] == "Ищет новых клиентов."


def test_dry_run_on_a_seed_gives_the_after_sales_manager_counts():
    payload = json.loads(run(seed("004"), "--dry-run", "--format", "json"))
    counts = {section["kind"]: len(section["clauses"]) for section in payload["sections"]}
    assert (counts["duties"], counts["rights"], counts["responsibility"]) == (16, 10, 3)


def test_index_picks_another_instruction_of_the_file():
    payload = json.loads(run(seed("004"), "--dry-run", "--format", "json", "--index", "2"))
    assert payload["title"] == "Менеджер по работе с клиентами"


def test_all_prints_every_instruction_of_the_file():
    payload = json.loads(run(seed("004"), "--dry-run", "--format", "json", "--all"))
    assert [document["title"] for document in payload][:2] == ["Менеджер по послепродажному обслуживанию"] * 2
    assert len(payload) == 5


def test_the_text_format_lists_sections_and_clauses():
    output = run(IMPORTS / "estonian.txt", "--dry-run")
    assert output.startswith("Klienditeenindaja [et]\n")
    assert "  duties: Töökohustused (3)\n    - Vastab klientide kõnedele ja kirjadele.\n" in output


@pytest.mark.django_db
def test_dry_run_writes_nothing():
    run(IMPORTS / "numbered_ru.txt", "--dry-run")
    assert not Version.objects.exists()


def test_without_dry_run_it_creates_a_draft_for_the_position(position):
    output = run(IMPORTS / "numbered_ru.txt", "--position", position.pk)
    version = Version.objects.get(instruction__position=position)
    assert version.status == "draft"
    assert version.number == 1
    assert "Created draft version 1" in output
    duties = Item.objects.filter(section__version=version, section__kind__code="duties").order_by("order")
    assert [item.text for item in duties][:2] == ["Ищет новых клиентов.", "Ведёт переговоры с клиентами."]
    assert Item.objects.filter(section__version=version).count() == 20


def test_a_position_with_an_open_draft_gets_an_error_and_nothing_is_written(position):
    start_draft(position=position)
    items_before = Item.objects.count()
    with pytest.raises(CommandError, match="already has a version in work"):
        run(IMPORTS / "numbered_ru.txt", "--position", position.pk)
    assert Version.objects.filter(instruction__position=position).count() == 1
    assert Item.objects.count() == items_before


@pytest.mark.django_db
def test_it_says_what_it_needs_without_a_position():
    with pytest.raises(CommandError, match="Give --position ID"):
        run(IMPORTS / "numbered_ru.txt")
    assert not Instruction.objects.exists()


@pytest.mark.django_db
def test_an_unknown_position_is_an_error():
    with pytest.raises(CommandError, match="no position with ID 999"):
        run(IMPORTS / "numbered_ru.txt", "--position", 999)


@pytest.mark.parametrize("name", ["empty.txt", "cp1251.txt", "article.txt"])
def test_bad_input_fails_with_one_line(name):
    with pytest.raises(CommandError) as error:
        run(IMPORTS / name, "--dry-run")
    assert "\n" not in str(error.value)


def test_all_without_dry_run_is_refused(position):
    with pytest.raises(CommandError, match="--all only works with --dry-run"):
        run(seed("004"), "--all", "--position", position.pk)
