"""Checks a draft must pass before it is sent on: each problem names its place in the editor."""

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from jobdesc.documents.context import placeholder_values
from jobdesc.grammar import placeholders
from jobdesc.library.models import SectionKind

from .selectors import flat_items

# A subordination clause that names a manager itself («подчиняется … начальнику отдела продаж»).
NAMES_A_MANAGER = re.compile(r"подчин\w*\s+(непосредственно\s+)?\S+|{manager", re.IGNORECASE)


@dataclass
class Problem:
    message: str
    anchor: str  # the editor's element id to jump to


def check(version, sections) -> list[Problem]:
    """Problems of a version given its outline (from `selectors.outline`); empty when it may go on."""
    position = version.instruction.position
    organisation = version.instruction.organisation
    available = set(placeholder_values(position, organisation))
    problems = []
    present = {section.section.kind.code: section for section in sections}
    for kind in SectionKind.objects.filter(mandatory=True):
        section = present.get(kind.code)
        if section is None or not section.items:
            problems.append(
                Problem(
                    _("The mandatory section «%(title)s» is empty.") % {"title": kind.title(version.language)},
                    f"section-{kind.code}",
                )
            )
    for _section, entry in flat_items(sections):
        text = entry.item.text
        anchor = f"item-{entry.item.pk}"
        if not text.strip():
            problems.append(Problem(_("Clause %(number)s is empty.") % {"number": entry.number}, anchor))
            continue
        for error in placeholders.errors(text, available):
            problems.append(
                Problem(_("Clause %(number)s: %(error)s") % {"number": entry.number, "error": error}, anchor)
            )
    if position.reports_to_id is None:
        subordination = present.get("subordination")
        texts = [entry.item.text for _s, entry in flat_items([subordination])] if subordination else []
        if not any(NAMES_A_MANAGER.search(text) for text in texts):
            problems.append(
                Problem(
                    _(
                        "The position has no manager: set «reports to» on the position "
                        "or name one in a subordination clause."
                    ),
                    "section-subordination",
                )
            )
    return problems
