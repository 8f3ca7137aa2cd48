"""The clauses of a draft as they will print, for the editor: each placeholder's forms worked out once per page."""

from functools import cache

from jobdesc.documents.context import placeholder_values
from jobdesc.grammar import placeholders

from .selectors import flat_items


def fill_outline(version, sections) -> None:
    """Set `printed` on every numbered item: its text with the placeholders filled, or empty if one cannot be."""
    instruction = version.instruction
    values = {
        name: cache(value) if callable(value) else value
        for name, value in placeholder_values(instruction.position, instruction.organisation).items()
    }
    for _section, entry in flat_items(sections):
        text = entry.item.text
        if "{" not in text:
            entry.printed = text
            continue
        try:
            entry.printed = placeholders.fill(text, values)
        except placeholders.UnfilledPlaceholder:
            entry.printed = ""
