"""The suggestion engine: for any post, clauses that fit it and nothing that contradicts it."""

import pytest
from django.core.management import call_command

from jobdesc.grammar import placeholders
from jobdesc.library import text_checks as checks
from jobdesc.library.models import Clause, SectionKind
from jobdesc.library.suggestions import profession_match, suggest

# title, category, reports to, department: posts the seed documents do not cover.
UNCOVERED = [
    ("Кладовщик", "workers", "Заведующий складом", "Склад"),
    ("Инженер по охране труда", "specialists", "Главный инженер", ""),
    ("Водитель автомобиля", "workers", "Начальник гаража", "Гараж"),
    ("Бухгалтер", "specialists", "Главный бухгалтер", "Бухгалтерия"),
    ("Уборщик служебных помещений", "workers", "Заведующий хозяйством", ""),
    ("Учитель", "specialists", "Заместитель директора по учебной работе", ""),
    ("Секретарь руководителя", "technical", "Генеральный директор", ""),
    ("Начальник отдела логистики", "managers", "Коммерческий директор", "Отдел логистики"),
]
# The seed documents' own professions.
COVERED = [
    ("Менеджер по работе с клиентами", "specialists", "Начальник отдела продаж", "Отдел продаж"),
    ("Менеджер по послепродажному обслуживанию", "specialists", "Руководитель сервисной службы", "Сервис"),
    ("Специалист сектора по работе с клиентами", "specialists", "Главный специалист сектора", ""),
    ("Руководитель отдела по работе с клиентами", "managers", "Коммерческий директор", "Отдел по работе с клиентами"),
    ("Менеджер по персоналу", "managers", "Генеральный директор", "Отдел кадров"),
    ("Сервис-менеджер", "specialists", "Директор по сервису", ""),
]
HEAD = "Генеральный директор"


@pytest.fixture
def library(db):
    call_command("loaddata", "clauses", verbosity=0)


def suggestion_for(title, category, reports_to, department, language="ru", organisation=None):
    return suggest(
        organisation=organisation,
        title=title,
        category=category,
        department=department,
        reports_to=reports_to,
        head_position=HEAD,
        language=language,
    )


def assert_nothing_contradicts(suggestion, title, category, reports_to, department, language="ru"):
    available = {"position", "head_position"} | ({"manager"} if reports_to else set())
    available |= {"department"} if department else set()
    for code, section in suggestion.sections.items():
        texts = [clause.text for clause in section.insert]
        for clause in section.insert:
            assert clause.suits(category), clause.text
            assert clause.language == language
            assert placeholders.errors(clause.text, available) == [], clause.text
            assert checks.unlawful(clause.text, title=title, language=language) == [], clause.text
        assert len(set(section.offer)) == len(section.offer), code
        offered = [clause.text for clause in section.offer]
        assert checks.category_conflicts(offered, category, language) == [], code
        assert checks.subordination_conflicts(offered, reports_to, language) == [], code
        assert not any(checks.unlawful(text, title=title, language=language) for text in offered), code
        assert checks.category_conflicts(texts, category, language) == [], code
        assert checks.subordination_conflicts(texts, reports_to, language) == [], code
        assert checks.duplicates(texts, language) == [], code
        if code == "qualification":
            assert checks.qualification_conflicts(texts, language) == []
        if code == "responsibility":
            assert checks.missing_lead_in(texts, language) is None
    statements = [c.text for c in suggestion.sections["general"].insert if checks.category_statement(c.text, language)]
    assert statements == [checks.CATEGORY_STATEMENTS[language][category]]


@pytest.mark.parametrize(("title", "category", "reports_to", "department"), UNCOVERED)
def test_a_post_the_library_does_not_cover_gets_the_category_sets_and_flagged_sections(
    library, title, category, reports_to, department
):
    suggestion = suggestion_for(title, category, reports_to, department)
    assert suggestion.profession == ""
    inserted = [clause for section in suggestion.sections.values() for clause in section.insert]
    assert inserted and all(clause.is_general for clause in inserted)
    for code in ("general", "subordination", "rights", "responsibility", "final"):
        assert suggestion.sections[code].insert, code
    assert set(suggestion.flagged()) == {"qualification", "knowledge", "duties"}
    for code in suggestion.flagged():
        section = suggestion.sections[code]
        assert section.insert == [] and section.notes
        assert section.offer, f"{code}: the nearest clauses are offered"
        assert not set(section.offer) & set(inserted)
    assert_nothing_contradicts(suggestion, title, category, reports_to, department)


@pytest.mark.parametrize(("title", "category", "reports_to", "department"), COVERED)
def test_a_seed_profession_gets_its_own_clauses_and_none_of_another_profession(
    library, title, category, reports_to, department
):
    suggestion = suggestion_for(title, category, reports_to, department)
    assert suggestion.profession == title
    inserted = [clause for section in suggestion.sections.values() for clause in section.insert]
    assert any(not clause.is_general for clause in inserted)
    for clause in inserted:
        assert clause.is_general or title in clause.professions, (clause.profession, clause.text)
    assert_nothing_contradicts(suggestion, title, category, reports_to, department)


def test_no_source_document_is_taken_whole(library):
    suggestion = suggestion_for(*COVERED[0])
    inserted = {clause.pk for clause in Clause.objects.filter(pk__in=suggestion.clause_ids())}
    # The client manager's seed says he reports to a branch director and is of another unit's structure.
    same_source = Clause.objects.filter(source="004_b98b6384fc5f5fab.txt", profession__contains="работе с клиентами")
    assert not set(same_source.values_list("pk", flat=True)) <= inserted
    assert "Директору филиала" not in " ".join(Clause.objects.filter(pk__in=inserted).values_list("text", flat=True))


def test_the_responsibility_section_starts_with_its_lead_in_and_its_items_follow(library):
    responsibility = suggestion_for(*UNCOVERED[0]).sections["responsibility"].insert
    lead_in, *items = responsibility
    assert lead_in.text == "{position} несёт ответственность за:"
    assert items[0].lead_in_id == lead_in.pk


def test_without_reports_to_the_subordination_is_flagged_and_names_no_one(library):
    suggestion = suggestion_for("Кладовщик", "workers", "", "")
    assert "subordination" in suggestion.flagged()
    texts = [clause.text for clause in suggestion.sections["subordination"].insert]
    assert all(checks.subordinate_to(text) is None for text in texts)


def test_an_estonian_post_gets_the_estonian_sets(library):
    suggestion = suggestion_for("Laohoidja", "workers", "Laojuhataja", "", language="et")
    assert suggestion.sections["responsibility"].insert[0].text == "{position} vastutab:"
    assert_nothing_contradicts(suggestion, "Laohoidja", "workers", "Laojuhataja", "", language="et")


def test_the_organisation_s_own_clauses_of_the_post_are_inserted_and_its_wording_wins(library, organisation):
    duties = SectionKind.objects.get(code="duties")
    own_duty = Clause.objects.create(
        organisation=organisation, section=duties, text="Принимает товар на склад по накладным.", profession="Кладовщик"
    )
    final = SectionKind.objects.get(code="final")
    own_final = Clause.objects.create(
        organisation=organisation,
        section=final,
        text="Настоящая должностная инструкция составляется в двух экземплярах: один хранится у работодателя, "
        "другой передаётся работнику.",
        standard=True,
    )
    suggestion = suggestion_for("Кладовщик", "workers", "Заведующий складом", "Склад", organisation=organisation)
    assert suggestion.profession == "Кладовщик"
    assert suggestion.sections["duties"].insert == [own_duty]
    assert own_final in suggestion.sections["final"].insert
    assert len([c for c in suggestion.sections["final"].insert if "двух экземплярах" in c.text]) == 1


def test_another_organisation_s_clauses_are_never_suggested(library, organisation, other_organisation):
    duties = SectionKind.objects.get(code="duties")
    Clause.objects.create(organisation=other_organisation, section=duties, text="Чужой пункт.", profession="Кладовщик")
    suggestion = suggestion_for("Кладовщик", "workers", "Заведующий складом", "", organisation=organisation)
    assert suggestion.profession == ""
    assert "Чужой пункт." not in [clause.text for s in suggestion.sections.values() for clause in s.insert + s.offer]


@pytest.mark.parametrize(
    ("title", "profession", "same"),
    [
        ("Менеджер по работе с клиентами", "Менеджер по работе с клиентами", True),
        ("менеджер по работе с ключевыми клиентами", "Менеджер по работе с клиентами", True),
        ("Менеджер по продажам", "Менеджер по работе с клиентами", False),
        ("Директор по персоналу", "Менеджер по персоналу", False),
        ("Кладовщик", "Сервис-менеджер", False),
    ],
)
def test_a_title_matches_a_profession_when_it_names_the_same_post(title, profession, same):
    assert (profession_match(title, profession) >= 0.5) is same


def test_the_head_s_own_instruction_does_not_say_the_head_appoints_them(library):
    suggestion = suggestion_for("Генеральный директор", "managers", "", "")
    general = suggestion.sections["general"]
    assert general.needs_attention and general.notes
    assert not any("{head_position" in clause.text for clause in general.insert)
