"""The team's clause sets: complete for every category in both languages, lawful, and classified as they say."""

import json
from collections import Counter

import pytest
from django.conf import settings

from jobdesc.grammar import placeholders
from jobdesc.languages import Language
from jobdesc.library import clause_sets
from jobdesc.library import text_checks as checks
from jobdesc.library.fitness import classify

FIXTURE = settings.BASE_DIR / "fixtures" / "clauses.json"
EVERY_POST = ["general", "subordination", "rights", "responsibility", "relationships", "final"]


def set_clauses():
    entries = [entry for entry in json.loads(FIXTURE.read_text(encoding="utf-8")) if entry["model"] == "library.clause"]
    return [entry for entry in entries if entry["fields"]["source"] == clause_sets.SOURCE]


def suits(fields, category):
    return fields[f"suits_{category}"]


@pytest.mark.parametrize("language", Language.values)
@pytest.mark.parametrize("category", clause_sets.CATEGORIES)
def test_every_category_has_the_sections_every_post_needs(category, language):
    counts = Counter(
        entry["fields"]["section"][0]
        for entry in set_clauses()
        if entry["fields"]["language"] == language and suits(entry["fields"], category)
    )
    for code in EVERY_POST:
        assert counts[code] >= 1, code
    assert counts["rights"] >= 6 and counts["responsibility"] >= 6 and counts["final"] >= 3


@pytest.mark.parametrize("language", Language.values)
@pytest.mark.parametrize("category", clause_sets.CATEGORIES)
def test_each_category_states_its_own_category_once(category, language):
    statements = [
        checks.category_statement(entry["fields"]["text"], language)
        for entry in set_clauses()
        if entry["fields"]["language"] == language and suits(entry["fields"], category)
    ]
    assert [statement for statement in statements if statement] == [category]


def test_the_sets_are_standard_general_lawful_and_fill_for_any_post():
    for entry in set_clauses():
        fields = entry["fields"]
        assert fields["standard"] and fields["profession"] == "" and fields["organisation"] is None
        assert placeholders.errors(fields["text"]) == [], fields["text"]
        assert checks.unlawful(fields["text"], title="Уборщик", language=fields["language"]) == [], fields["text"]
        filled = placeholders.fill(
            fields["text"],
            {
                "position": "Кладовщик",
                "manager": "Заведующий складом",
                "head_position": "Генеральный директор",
                "department": "Склад",
                "organisation": "ООО «Ромашка»",
            },
        )
        assert "{" not in filled


def test_both_languages_hold_the_same_clauses():
    by_language = Counter((e["fields"]["language"], e["fields"]["section"][0]) for e in set_clauses())
    for (language, code), count in by_language.items():
        assert by_language[("et" if language == "ru" else "ru", code)] == count


def test_the_responsibility_items_are_listed_under_the_lead_in_in_each_language():
    entries = {entry["pk"]: entry["fields"] for entry in set_clauses()}
    for language, lead_in in checks.LEAD_INS.items():
        (lead_in_pk,) = [pk for pk, fields in entries.items() if fields["text"] == lead_in]
        items = [fields for fields in entries.values() if fields["lead_in"] == lead_in_pk]
        assert len(items) >= 5 and all(fields["language"] == language for fields in items)
        assert any(fields["text"] == checks.LAWFUL_DAMAGE[language] for fields in items)


def test_the_subordination_clause_is_the_one_the_checks_offer_as_a_fix():
    texts = {entry["fields"]["text"] for entry in set_clauses()}
    assert set(checks.SUBORDINATION_CLAUSES.values()) <= texts
    for language in Language.values:
        assert set(checks.CATEGORY_STATEMENTS[language].values()) <= texts


def test_a_broken_clause_sets_file_stops_the_build(tmp_path):
    path = tmp_path / "sets.toml"
    path.write_text('[[clause]]\nsection = "salary"\ncategories = "all"\nru = "Пункт."\net = "Punkt."\n')
    with pytest.raises(clause_sets.ClauseSetError, match="salary"):
        clause_sets.load(path)
    path.write_text('[[clause]]\nsection = "final"\ncategories = "all"\nunder = "x"\nru = "Пункт."\net = "Punkt."\n')
    with pytest.raises(clause_sets.ClauseSetError, match="«x»"):
        clause_sets.load(path)
    path.write_text('[[clause]]\nsection = "final"\ncategories = ["bosses"]\nru = "Пункт."\net = "Punkt."\n')
    with pytest.raises(clause_sets.ClauseSetError):
        clause_sets.load(path)


@pytest.mark.parametrize(
    ("section", "text", "title", "categories", "profession"),
    [
        ("general", "{position} относится к категории руководителей.", "Директор магазина", ["managers"], ""),
        ("rights", "Повышать свою квалификацию.", "Кассир", ["managers", "specialists"], ""),
        ("rights", "Давать указания подчинённым работникам.", "Мастер участка", ["managers"], ""),
        ("duties", "Ведёт кассовую книгу.", "Кассир", ["managers", "specialists"], "Кассир"),
        (
            "qualification",
            "Стаж работы на СТОА от 2 лет.",
            "Мастер-приёмщик",
            ["managers", "specialists"],
            "Мастер-приёмщик",
        ),
        (
            "rights",
            "Согласовывать графики с начальником отдела логистики.",
            "Диспетчер",
            ["managers", "specialists"],
            "Диспетчер",
        ),
        (
            "rights",
            "Определять порядок работы с поставщиками.",
            "Менеджер по работе с поставщиками",
            ["managers", "specialists"],
            "Менеджер по работе с поставщиками",
        ),
        ("final", "Инструкция составлена в двух экземплярах.", "Кассир", ["managers", "specialists"], ""),
    ],
)
def test_a_seed_clause_is_classified_by_what_it_says(section, text, title, categories, profession):
    assert classify(section, text, title, "ru") == (categories, profession)


def test_the_seed_library_is_classified_as_the_issue_asks():
    fields = [
        entry["fields"]
        for entry in json.loads(FIXTURE.read_text(encoding="utf-8"))
        if entry["model"] == "library.clause"
    ]
    manager_statement = next(f for f in fields if f["text"] == "Данная должность относится к руководящему составу.")
    assert [c for c in clause_sets.CATEGORIES if manager_statement[f"suits_{c}"]] == ["managers"]
    service_station = next(f for f in fields if "СТОА" in f["text"])
    assert service_station["profession"] == "Руководитель отдела по работе с клиентами"
    recruiting = next(f for f in fields if f["text"].startswith("{position} отвечает за поиск сотрудников"))
    assert recruiting["profession"] == "Менеджер по персоналу"
