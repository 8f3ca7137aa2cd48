"""Checks of a draft: those it must pass before it is sent on, and those that read its text.

Each problem names its place in the editor and, where one can be applied without a person's judgement,
the fix: a text to put instead of the clause's, the clause to delete, or a lead-in to insert.
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from jobdesc.grammar import placeholders
from jobdesc.instructions.record import placeholder_values
from jobdesc.instructions.selectors import flat_items
from jobdesc.library import text_checks
from jobdesc.library.models import SectionKind

# A subordination clause that names a manager itself («подчиняется … начальнику отдела продаж»).
NAMES_A_MANAGER = re.compile(r"подчин\w*\s+(непосредственно\s+)?\S+|{manager", re.IGNORECASE)


@dataclass
class Problem:
    message: str
    anchor: str  # the editor's element id to jump to
    action: str = ""  # replace, delete or insert: the fix the panel offers as a button
    fix: str = ""  # the text to put instead of the clause's, or to insert
    item: object = None  # the Item the fix applies to (replace, delete)
    section: object = None  # the Section the fix applies to (insert)
    fix_shown: str = ""  # the fix as it will print, placeholders filled in


def check(version, sections, kinds=None) -> list[Problem]:
    """Problems of a version given its outline (from `selectors.outline`); empty when it may go on.

    `kinds`, every section kind in order, saves the query where the caller has them already.
    """
    position = version.instruction.position
    organisation = version.instruction.organisation
    available = set(placeholder_values(position, organisation))
    problems = []
    present = {section.section.kind.code: section for section in sections}
    mandatory = (
        [kind for kind in kinds if kind.mandatory] if kinds is not None else SectionKind.objects.filter(mandatory=True)
    )
    for kind in mandatory:
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


def review(version, sections) -> list[Problem]:
    """What reading the draft finds: repeats, a category or a manager other than the position's,
    contradictory qualification, a responsibility section without its lead-in, unlawful clauses.

    These do not stop the draft from going on (a person may know better) but each says why.
    """
    position = version.instruction.position
    language = version.language
    entries = [(section, entry) for section, entry in flat_items(sections) if entry.item.text.strip()]
    texts = [entry.item.text for _section, entry in entries]
    reports_to = position.reports_to.title if position.reports_to_id else ""
    findings = [
        *text_checks.duplicates(texts, language),
        *text_checks.category_conflicts(texts, position.category, language),
        # Without a manager the mandatory checks already say so; a clause naming one is then for HR to judge.
        *(text_checks.subordination_conflicts(texts, reports_to, language) if reports_to else []),
    ]
    for index, text in enumerate(texts):
        findings += [
            text_checks.Finding(finding.code, finding.message, (index,), finding.fix, finding.action)
            for finding in text_checks.unlawful(text, title=position.title, language=language)
        ]
    problems = [_problem(finding, entries) for finding in findings]
    by_code = {section.section.kind.code: section for section in sections}
    qualification = [i for i, (section, _e) in enumerate(entries) if section.section.kind.code == "qualification"]
    for finding in text_checks.qualification_conflicts([texts[i] for i in qualification], language):
        indexes = tuple(qualification[i] for i in finding.indexes)
        numbers = ", ".join(entries[i][1].number for i in indexes)
        problems.append(
            Problem(
                _("Clauses %(numbers)s: %(message)s") % {"numbers": numbers, "message": finding.message},
                f"item-{entries[indexes[0]][1].item.pk}",
            )
        )
    responsibility = by_code.get("responsibility")
    if responsibility is not None and responsibility.items:
        finding = text_checks.missing_lead_in([entry.item.text for entry in responsibility.items], language)
        if finding is not None:
            problems.append(
                Problem(finding.message, responsibility.anchor, "insert", finding.fix, section=responsibility.section)
            )
    values = placeholder_values(position, version.instruction.organisation)
    for problem in problems:
        if problem.fix:
            try:
                problem.fix_shown = placeholders.fill(problem.fix, values)
            except placeholders.UnfilledPlaceholder:
                problem.fix_shown = problem.fix
    return problems


def _problem(finding, entries) -> Problem:
    """A finding about one clause (its first index), with the clause's number and the fix on that clause."""
    _section, entry = entries[finding.indexes[0]]
    message = _("Clause %(number)s: %(error)s") % {"number": entry.number, "error": finding.message}
    return Problem(message, f"item-{entry.item.pk}", finding.action, finding.fix, item=entry.item)
