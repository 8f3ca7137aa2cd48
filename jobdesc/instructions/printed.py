"""The clauses of a draft as they will print, for the editor: each placeholder's forms worked out once per page."""

from functools import cache

from jobdesc.grammar import placeholders
from jobdesc.instructions.record import placeholder_values
from jobdesc.instructions.selectors import flat_items


def _values(version) -> dict:
    instruction = version.instruction
    return {
        name: cache(value) if callable(value) else value
        for name, value in placeholder_values(instruction.position, instruction.organisation).items()
    }


def _filled(text: str, values) -> str:
    if "{" not in text:
        return text
    try:
        return placeholders.fill(text, values)
    except placeholders.UnfilledPlaceholder:
        return ""


def fill_outline(version, sections) -> None:
    """Set `printed` on every numbered item: its text with the placeholders filled, or empty if one cannot be."""
    values = _values(version)
    for _section, entry in flat_items(sections):
        entry.printed = _filled(entry.item.text, values)


def fill_clauses(version, clauses) -> list:
    """The library clauses with `printed` set as they would read in this draft (the panel's results)."""
    values = _values(version)
    for clause in clauses:
        clause.printed = _filled(clause.text, values)
    return clauses
