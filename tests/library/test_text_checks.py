"""The reusable text checks: each finds what it should, leaves sound clauses alone and says why."""

import pytest

from jobdesc.library import text_checks as checks


@pytest.mark.parametrize(
    ("text", "language", "category"),
    [
        ("{position} относится к категории руководителей.", "ru", "managers"),
        ("Данная должность относится к руководящему составу.", "ru", "managers"),
        ("Водитель относится к категории рабочих.", "ru", "workers"),
        ("Секретарь относится к категории технических исполнителей и подчиняется директору.", "ru", "technical"),
        ("Бухгалтер входит в категорию специалистов.", "ru", "specialists"),
        ("{position} kuulub tööliste kategooriasse.", "et", "workers"),
        ("{position} kuulub juhtide kategooriasse.", "et", "managers"),
        ("Ведёт учёт рабочего времени.", "ru", None),
        ("Консультирует клиентов, относящихся к категории VIP.", "ru", None),
    ],
)
def test_it_reads_the_category_a_clause_states(text, language, category):
    assert checks.category_statement(text, language) == category


def test_a_category_of_another_kind_is_a_conflict_with_the_right_statement_as_fix():
    texts = ["Ведёт учёт товара.", "Данная должность относится к руководящему составу."]
    (finding,) = checks.category_conflicts(texts, "workers")
    assert finding.indexes == (1,)
    assert finding.fix == "{position} относится к категории рабочих." and finding.action == "replace"
    assert "workers" in finding.message and "managers" in finding.message
    assert checks.category_conflicts(["{position} относится к категории рабочих."], "workers") == []


@pytest.mark.parametrize(
    ("text", "whom"),
    [
        ("{position} подчиняется непосредственно {manager:datv}.", "{manager}"),
        ("{position} подчиняется непосредственно Директору филиала, выполняет его распоряжения.", "директору филиала"),
        ("Прямое подчинение: начальнику отдела продаж.", "начальнику отдела продаж"),
        ("Кладовщик находится в подчинении у заведующего складом.", "заведующего складом"),
        ("Дополнительное подчинение: директору предприятия.", None),
        ("Отдаёт распоряжения подчинённым работникам.", None),
        ("Töötaja vahetu juht on {manager}.", "{manager}"),
    ],
)
def test_it_reads_whom_a_subordination_clause_names(text, whom):
    language = "et" if "Töötaja" in text else "ru"
    assert checks.subordinate_to(text, language) == whom


def test_a_clause_naming_another_manager_contradicts_the_position_s_reports_to():
    texts = [
        "{position} подчиняется непосредственно директору филиала.",
        "{position} подчиняется непосредственно заведующему складом.",
        "{position} подчиняется непосредственно {manager:datv}.",
    ]
    (finding,) = checks.subordination_conflicts(texts, "Заведующий складом")
    assert finding.indexes == (0,)
    assert "директору филиала" in finding.message and "Заведующий складом" in finding.message
    assert finding.fix == "{position} подчиняется непосредственно {manager:datv}."


def test_the_manager_placeholder_for_a_position_that_reports_to_no_one_is_a_conflict():
    (finding,) = checks.subordination_conflicts(["{position} подчиняется непосредственно {manager:datv}."], "")
    assert finding.code == "subordination" and finding.fix == ""


def test_contradictory_education_requirements_are_found():
    texts = [
        "Высшее профессиональное образование.",
        "Среднее профессиональное образование без предъявления требований к стажу работы.",
        "Знание 1С.",
    ]
    findings = checks.qualification_conflicts(texts)
    assert [finding.indexes for finding in findings] == [(0, 1)]
    assert "higher" in findings[0].message and "secondary vocational" in findings[0].message


def test_alternatives_and_one_level_in_other_words_are_not_a_contradiction():
    assert checks.education_level("Законченное среднее или высшее образование.") == 1
    texts = ["Высшее образование.", "Образование: высшее профессиональное (экономическое)."]
    assert checks.qualification_conflicts(texts) == []


def test_different_experience_requirements_are_found():
    texts = ["Стаж работы не менее 3 лет.", "Опыт работы на аналогичной должности от 1 года."]
    assert [finding.indexes for finding in checks.qualification_conflicts(texts)] == [(0, 1)]
    assert checks.experience_years("Стаж работы не требуется.") == 0
    assert checks.experience_years("Опыт работы от 6 месяцев.") == 0.5


@pytest.mark.parametrize(
    "text",
    [
        "За опоздание на работу на работника налагается штраф в размере 500 рублей.",
        "За невыполнение плана продаж — в пределах переменной части заработной платы.",
        "За нарушение трудовой дисциплины — лишение премии в качестве наказания.",
        "Удержание из заработной платы за каждый день просрочки отчёта.",
    ],
)
def test_fines_and_deductions_as_a_punishment_are_unlawful(text):
    (finding,) = checks.unlawful(text, title="Менеджер по продажам")
    assert finding.code == "fine" and "192" in finding.message and finding.action == "delete"


def test_damages_within_the_law_and_the_three_sanctions_are_lawful():
    for text in [
        "Причинение материального ущерба работодателю — в пределах, определённых трудовым законодательством.",
        "За дисциплинарный проступок могут быть применены замечание, выговор, увольнение.",
        "Возмещение ущерба, причинённого работодателю, производится в порядке статьи 248 ТК РФ.",
    ]:
        assert checks.unlawful(text, title="Бухгалтер") == [], text


def test_full_material_liability_is_lawful_only_for_a_post_on_the_government_s_list():
    text = "{position} несёт полную материальную ответственность за вверенные ему ценности."
    assert checks.unlawful(text, title="Кладовщик") == []
    assert checks.unlawful(text, title="Кассир-операционист") == []
    (finding,) = checks.unlawful(text, title="Инженер по охране труда")
    assert finding.code == "full_liability" and "244" in finding.message
    assert finding.fix.startswith("Причинение материального ущерба работодателю")


def test_a_responsibility_section_without_its_lead_in_gets_one():
    items = ["Ненадлежащее исполнение своих обязанностей.", "Разглашение коммерческой тайны."]
    finding = checks.missing_lead_in(items)
    assert finding.action == "insert" and finding.fix == "{position} несёт ответственность за:"
    assert checks.missing_lead_in(["{position} несёт ответственность за:", *items]) is None
    assert checks.missing_lead_in(["За разглашение тайны — в соответствии с законом. Несёт ответственность."]) is None
    assert checks.missing_lead_in(["Tööülesannete mittetäitmise eest."], "et").fix == "{position} vastutab:"
    assert checks.missing_lead_in([]) is None


def test_duplicates_and_near_duplicates_are_found_and_others_are_not():
    texts = [
        "Принимает товар на склад.",
        "Принимает  товар на склад",
        "Принимает товары на склад.",
        "Выдаёт товар со склада по накладным.",
        "Ведёт кассовую книгу.",
    ]
    findings = checks.duplicates(texts)
    assert {finding.indexes for finding in findings} == {(1, 0), (2, 0), (2, 1)}
    assert all(finding.action == "delete" for finding in findings)
    assert "Принимает товар на склад." in findings[0].message


def test_estonian_duplicates_are_found_too():
    texts = ["Võtab kauba lattu vastu.", "Võtab kaubad lattu vastu.", "Koristab kontoriruume."]
    assert [finding.indexes for finding in checks.duplicates(texts, "et")] == [(1, 0)]


def test_clauses_alike_in_words_that_disagree_are_contradictions_not_duplicates():
    for pair in [
        ["{position} относится к категории руководителей.", "{position} относится к категории специалистов."],
        ["{position} kuulub juhtide kategooriasse.", "{position} kuulub spetsialistide kategooriasse."],
        [
            "{position} подчиняется непосредственно директору.",
            "{position} подчиняется непосредственно главному инженеру.",
        ],
        ["Стаж работы не менее 3 лет.", "Стаж работы не менее 1 года."],
    ]:
        language = "et" if "kuulub" in pair[0] else "ru"
        assert checks.duplicates(pair, language) == [], pair
