"""The seeded library: rebuilt from the seeds by the curation step, loadable, clean, with placeholders and tags."""

import json
import re
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command

from jobdesc.grammar.placeholders import errors as placeholder_errors
from jobdesc.library.clause_sets import SOURCE as SETS_SOURCE
from jobdesc.library.curation import Curation, CurationError, build_library, fixture_json
from jobdesc.library.importer.vocabulary import NOISE_RE
from jobdesc.library.models import Clause, Tag

from .conftest import SEEDS

FIXTURE = settings.BASE_DIR / "fixtures" / "clauses.json"


def clauses_in_fixture():
    return [
        entry["fields"]
        for entry in json.loads(FIXTURE.read_text(encoding="utf-8"))
        if entry["model"] == "library.clause"
    ]


def seed_clauses():
    return [clause for clause in clauses_in_fixture() if clause["source"] != SETS_SOURCE]


def test_the_committed_fixture_is_what_the_seeds_and_curation_produce(seeds):
    assert fixture_json(build_library(seeds, Curation.load())) == FIXTURE.read_text(encoding="utf-8")


def test_the_build_command_checks_the_fixture_is_up_to_date(seeds):
    out = StringIO()
    call_command("build_clause_fixture", "--seeds", str(seeds), "--check", stdout=out)
    assert "is up to date" in out.getvalue()


def test_the_library_holds_the_expected_number_of_clauses_per_language():
    languages = [clause["language"] for clause in seed_clauses()]
    assert 250 <= languages.count("ru") <= 400
    assert languages.count("et") >= 30


def test_the_library_holds_no_advert_or_article_noise():
    for clause in clauses_in_fixture():
        text = clause["text"]
        assert not NOISE_RE.search(text), text
        assert not re.search(r"Calltouch|Superjob|LiveAgent|Оцените|Читайте|Другие инструкции|\[|\(далее", text), text
        assert text[0].isupper() or text.startswith("{"), text
        # A lead-in ends with a colon: its items follow it in the document.
        assert text.endswith((".", ")", "»")) or text.endswith(":") and clause["source"] == SETS_SOURCE, text


def test_every_clause_keeps_its_source_and_names_a_position():
    sources = {path.name for path in SEEDS.glob("*.txt")}
    for clause in seed_clauses():
        assert clause["source"] in sources or not sources
        assert [clause["language"]] in clause["tags"]
        assert len(clause["tags"]) >= 2, clause["text"]


def test_the_position_s_name_became_a_placeholder_that_can_be_filled():
    texts = [clause["text"] for clause in clauses_in_fixture()]
    assert "{position} относится к категории руководителей." in texts
    assert any(text.startswith("На время отсутствия {position:gent}") for text in texts)
    assert not any("Менеджер по послепродажному обслуживанию" in text for text in texts)
    for text in texts:
        assert placeholder_errors(text) == [], text


def test_near_duplicates_are_merged_into_one_clause_with_all_tags():
    texts = [clause["text"] for clause in seed_clauses()]
    assert texts.count("Подписывать и визировать документы в пределах своей компетенции.") == 1
    signing = next(c for c in clauses_in_fixture() if c["text"].startswith("Подписывать и визировать"))
    assert ["менеджер-по-работе-с-клиентами"] in signing["tags"]
    assert ["менеджер-по-послепродажному-обслуживанию"] in signing["tags"]


def test_loaddata_installs_the_library_and_can_run_twice(db):
    call_command("loaddata", str(FIXTURE), verbosity=0)
    call_command("loaddata", str(FIXTURE), verbosity=0)
    assert Clause.objects.filter(organisation=None).count() == len(clauses_in_fixture())
    assert Clause.objects.filter(language="et").count() >= 30
    assert Tag.objects.filter(name="менеджер-по-послепродажному-обслуживанию").exists()
    clause = Clause.objects.get(text="{position} относится к категории руководителей.", source=SETS_SOURCE)
    assert clause.section.code == "general"
    assert clause.categories == ["managers"] and clause.standard


def write_seed(folder, text):
    folder.mkdir(exist_ok=True)
    (folder / "100_test.txt").write_text(text, encoding="utf-8")
    return folder


SEED = """ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ СТАРШЕГО КАССИРА

1. Общие положения

1.1. Старший кассир относится к категории технических исполнителей.

1.2. На время отсутствия старшего кассира его обязанности исполняет кассир.

2. Должностные обязанности

2.1. Принимает наличные деньги.

2.2. Принимает наличные деньги .

2.3. Ведёт кассовую книгу по форме КО-4.
"""


def curation(**rules):
    return Curation({kind: {"100_test.txt": entries} for kind, entries in rules.items()})


def test_the_build_merges_duplicates_and_puts_placeholders_in(tmp_path):
    clauses = build_library(write_seed(tmp_path / "seeds", SEED), curation(), sets=None)
    assert [(clause.section, clause.text) for clause in clauses] == [
        ("general", "{position} относится к категории технических исполнителей."),
        ("general", "На время отсутствия {position:gent} его обязанности исполняет кассир."),
        ("duties", "Принимает наличные деньги."),
        ("duties", "Ведёт кассовую книгу по форме КО-4."),
    ]
    assert clauses[0].tags == ["старший-кассир", "ru"]


def test_curation_drops_moves_and_corrects_clauses(tmp_path):
    rules = curation(
        drop=[{"text": "Принимает наличные"}],
        move=[{"text": "Ведёт кассовую книгу", "section": "functions"}],
        fix=[{"find": " по форме КО-4", "replace": ""}],
        documents=[{"first": "Старший кассир относится", "title": "Главный кассир", "aliases": ["Старший кассир"]}],
    )
    clauses = build_library(write_seed(tmp_path / "seeds", SEED), rules, sets=None)
    assert [(clause.section, clause.text) for clause in clauses] == [
        ("general", "{position} относится к категории технических исполнителей."),
        ("general", "На время отсутствия {position:gent} его обязанности исполняет кассир."),
        ("functions", "Ведёт кассовую книгу."),
    ]
    assert clauses[0].tags == ["главный-кассир", "ru"]


def test_a_curation_rule_that_matches_nothing_stops_the_build(tmp_path):
    with pytest.raises(CurationError, match="match nothing"):
        build_library(write_seed(tmp_path / "seeds", SEED), curation(drop=[{"text": "Нет такого пункта"}]))


def test_an_unknown_section_in_the_curation_is_refused():
    with pytest.raises(CurationError, match="Unknown section «salary»"):
        curation(move=[{"text": "Принимает", "section": "salary"}])
