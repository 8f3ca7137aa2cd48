"""What a clause derived from a seed document suits: the categories of post, and whether it is its profession's.

The rules read the clause as a reviewer would; `curation.toml` corrects what they get wrong
(`[[suits."seed"]]`). Clauses of the sections that describe the work itself — qualification,
knowledge, skills, functions, duties, subordination, evaluation — belong to the position they were
written for. The others (general provisions, rights, responsibility, relationships, final
provisions) fit any post unless they name a particular unit or person or speak of the profession's
own subject («клиентов» for a client manager). The seeds are instructions of white-collar posts, so
their clauses suit managers and specialists; a clause stating a category suits that category only,
and one about subordinates suits managers only.
"""

import re

from . import similarity
from .text_checks import category_statement

PROFESSION_SECTIONS = {"qualification", "knowledge", "skills", "functions", "duties", "subordination", "evaluation"}
SEED_CATEGORIES = ["managers", "specialists"]
# Words of a title that say what kind of post it is, not what it is about.
GENERIC_TITLE_WORDS = {
    "менеджер",
    "специалист",
    "руководитель",
    "директор",
    "начальник",
    "заместитель",
    "главный",
    "старший",
    "ведущий",
    "отдел",
    "сектор",
    "служба",
    "управление",
    "департамент",
    "работа",
    "группа",
    "по",
    "juht",
    "spets",
    "tööta",
    "ameti",
}
# A particular unit or official («отдела продаж», «Директору филиала»), not «других отделов» or «его отдела».
NAMED_UNIT_RE = re.compile(
    r"(?<!его\s)(?<!своего\s)отдел(?:а|у|ом|е)?\s+(?!кадров|или\b|и\b|предприятия|организации|компании)[а-яё]+"
    r"|филиал|департамент\w*\s|учреждени|сектор\w*|стоа|коммерческ\w+\s+директор|оптов",
    re.IGNORECASE,
)
SUBORDINATES_RE = re.compile(r"подчин[её]нн\w+|alluva", re.IGNORECASE)


def classify(section: str, text: str, title: str, language: str) -> tuple[list[str], str]:
    """(categories, profession) of a seed clause: profession is `title`, or empty for a clause of any post."""
    stated = category_statement(text, language)
    if stated:
        categories = [stated]
    elif SUBORDINATES_RE.search(text):
        categories = ["managers"]
    else:
        categories = list(SEED_CATEGORIES)
    if stated:
        return categories, ""
    return categories, title if belongs_to_profession(section, text, title, language) else ""


def belongs_to_profession(section: str, text: str, title: str, language: str) -> bool:
    if not title or section in PROFESSION_SECTIONS:
        return bool(title)
    if NAMED_UNIT_RE.search(text):
        return True
    topical = set(similarity.lemmas(title, language)) - GENERIC_TITLE_WORDS
    return bool(topical & set(similarity.lemmas(text, language)))
