"""Builds what the document template prints: requisites, the approval stamp and the filled-in clauses."""

from dataclasses import dataclass, field

from django.utils import formats, timezone
from django.utils.translation import override

from jobdesc.grammar import placeholders
from jobdesc.grammar.inflect import inflect
from jobdesc.grammar.people import initials_surname
from jobdesc.instructions.selectors import NumberedSection, outline

# Fixed words of the printed form per document language; another language is another entry.
WORDING = {
    "ru": {
        "kind": "ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ",
        "approve": "УТВЕРЖДАЮ",
        "agreed": "СОГЛАСОВАНО",
        "draft": "ПРОЕКТ",
        "city": "г. {city}",
        "acknowledged": "С инструкцией ознакомлен(а):",
        "signature": "подпись",
        "name": "И.О. Фамилия",
        "date": "дата",
        "blank_date": "«___» ____________ 20__ г.",
        "number": "№",
    },
    "et": {
        "kind": "AMETIJUHEND",
        "approve": "KINNITAN",
        "agreed": "KOOSKÕLASTATUD",
        "draft": "PROJEKT",
        "city": "{city}",
        "acknowledged": "Ametijuhendiga tutvunud:",
        "signature": "allkiri",
        "name": "Nimi",
        "date": "kuupäev",
        "blank_date": "«___» ____________ 20__",
        "number": "nr",
    },
}


@dataclass
class PrintedItem:
    number: str
    text: str
    item_id: int
    problem: str = ""
    children: list["PrintedItem"] = field(default_factory=list)


@dataclass
class PrintedSection:
    number: int
    title: str
    code: str
    items: list[PrintedItem]


@dataclass
class Document:
    version: object
    organisation: object
    position: object
    language: str
    words: dict
    title_genitive: str
    sections: list[PrintedSection]
    is_draft: bool
    approver_position: str
    approver_name: str
    approval_date: str
    place: str
    problems: list[tuple[str, int, str]]


def placeholder_values(position, organisation):
    """What each placeholder name stands for, as a function of the grammatical case."""
    values = {
        "position": position.form,
        "organisation": lambda case: organisation.short_name,
    }
    if position.reports_to_id:
        values["manager"] = position.reports_to.form
    if organisation.head_position:
        values["head_position"] = lambda case: inflect(organisation.head_position, case)
    if position.department_id:
        values["department"] = lambda case: inflect(position.department.name, case)
    return values


def build(version, sections: list[NumberedSection] | None = None) -> Document:
    """Everything the template needs, from a version loaded with `version_with_context()`."""
    instruction = version.instruction
    position, organisation = instruction.position, instruction.organisation
    sections = outline(version) if sections is None else sections
    values = placeholder_values(position, organisation)
    problems = []

    def printed(section, entry):
        try:
            text = placeholders.fill(entry.item.text, values)
            problem = ""
        except placeholders.UnfilledPlaceholder as error:
            text, problem = entry.item.text, str(error)
            problems.append((section.section.kind.code, entry.item.pk, problem))
        return PrintedItem(entry.number, text, entry.item.pk, problem)

    printed_sections = []
    for section in sections:
        items = []
        for entry in section.items:
            parent = printed(section, entry)
            parent.children = [printed(section, child) for child in entry.children]
            items.append(parent)
        printed_sections.append(PrintedSection(section.number, section.title, section.section.kind.code, items))

    language = version.language
    approved_at = version.approved_at
    with override(language):
        approval_date = formats.date_format(timezone.localtime(approved_at), "d.m.Y") if approved_at else ""
    return Document(
        version=version,
        organisation=organisation,
        position=position,
        language=language,
        words=WORDING.get(language, WORDING["ru"]),
        title_genitive=position.form("gent"),
        sections=printed_sections,
        is_draft=not version.is_frozen,
        approver_position=organisation.head_position,
        approver_name=initials_surname(organisation.head_name),
        approval_date=approval_date,
        place=WORDING.get(language, WORDING["ru"])["city"].format(city=organisation.city) if organisation.city else "",
        problems=problems,
    )
