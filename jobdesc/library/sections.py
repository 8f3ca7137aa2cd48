"""The section kinds of a job description, in printing order, with their titles per language.

This is the single source for the reference data: the data migration loads it, the importer and
the editor read the codes from here.
"""

SECTION_KINDS = [
    # code, order, mandatory, title_ru, title_et
    ("general", 10, True, "Общие положения", "Üldsätted"),
    ("qualification", 20, True, "Квалификационные требования", "Kvalifikatsiooninõuded"),
    ("knowledge", 30, True, "Должен знать", "Peab teadma"),
    ("skills", 40, False, "Должен уметь", "Peab oskama"),
    ("subordination", 50, True, "Подчинённость", "Alluvus"),
    ("functions", 60, False, "Функции", "Funktsioonid"),
    ("duties", 70, True, "Должностные обязанности", "Töökohustused"),
    ("rights", 80, True, "Права", "Õigused"),
    ("responsibility", 90, True, "Ответственность", "Vastutus"),
    ("relationships", 100, False, "Служебные связи", "Töösuhted"),
    ("working_conditions", 110, False, "Условия работы", "Töötingimused"),
    ("evaluation", 120, False, "Критерии оценки", "Hindamiskriteeriumid"),
    ("final", 130, False, "Заключительные положения", "Lõppsätted"),
]

SECTION_CODES = [code for code, *_ in SECTION_KINDS]
MANDATORY_CODES = [code for code, _order, mandatory, *_ in SECTION_KINDS if mandatory]


def install_section_kinds(section_kind_model):
    """Create or refresh the section kinds (idempotent); the model may be a historical one."""
    for code, order, mandatory, title_ru, title_et in SECTION_KINDS:
        section_kind_model.objects.update_or_create(
            code=code, defaults={"order": order, "mandatory": mandatory, "title_ru": title_ru, "title_et": title_et}
        )
