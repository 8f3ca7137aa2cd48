"""Placeholders of clause templates — «{position}», «{manager:datv}» — checked, filled and recovered from text."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .inflect import CASES, capitalize_first, declensions, inflect

DEFAULT_CASE = "nomn"

# What each placeholder stands for; shown next to the template editor.
NAMES = {
    "position": _("the position the instruction is for"),
    "manager": _("the position it reports to"),
    "organisation": _("the organisation"),
    "head_position": _("the position of the organisation's head"),
    "department": _("the department of the position"),
}

# Why a known placeholder may have nothing to put in it.
_UNAVAILABLE_REASONS = {
    "position": _("no position is selected"),
    "manager": _("the position has no manager"),
    "organisation": _("no organisation is selected"),
    "head_position": _("the organisation's head position is not set"),
    "department": _("the position belongs to no department"),
}

CASE_LABELS = {
    "nomn": _("nominative (кто? что?)"),
    "gent": _("genitive (кого? чего?)"),
    "datv": _("dative (кому? чему?)"),
    "accs": _("accusative (кого? что?)"),
    "ablt": _("instrumental (кем? чем?)"),
    "loct": _("prepositional (о ком? о чём?)"),
}

PLACEHOLDER_RE = re.compile(r"\{\s*(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s*(?::\s*(?P<case>[A-Za-z]+)\s*)?\}")
# Anything in braces, to tell a malformed placeholder from a stray brace.
_BRACED_RE = re.compile(r"\{[^{}]*\}")
_SENTENCE_START_RE = re.compile(r"(?:\A\s*|[.!?…][»\"')]*\s+|\n[ \t]*)\Z")

Form = Callable[[str], str] | Mapping[str, str] | str


class UnfilledPlaceholder(ValueError):
    """A template cannot be filled: a placeholder is unknown, malformed or has no value here."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


def find(text: str) -> list[tuple[str, str]]:
    """(name, case) of every well-formed placeholder in `text`, in order; the case defaults to nominative."""
    return [(match["name"], (match["case"] or DEFAULT_CASE).lower()) for match in PLACEHOLDER_RE.finditer(text)]


def errors(text: str, available: set[str] | None = None) -> list[str]:
    """Human-readable problems with the placeholders of `text`; empty when it can be filled.

    `available` names the placeholders that have a value in the context (None: all known names).
    """
    if "{" not in text and "}" not in text:
        return []  # most clauses: nothing to parse (the editor checks every clause on every page)
    problems: list[str] = []
    reported: set[str] = set()

    def report(message: str) -> None:
        if message not in reported:
            reported.add(message)
            problems.append(message)

    for braced in _BRACED_RE.finditer(text):
        match = PLACEHOLDER_RE.fullmatch(braced.group())
        if match is None:
            report(
                gettext("“%(placeholder)s” is not a placeholder; write {name} or {name:case}.")
                % {"placeholder": braced.group()}
            )
            continue
        name, case = match["name"], (match["case"] or DEFAULT_CASE).lower()
        if name not in NAMES:
            report(
                gettext("Unknown placeholder “{%(name)s}”; use one of: %(names)s.")
                % {"name": name, "names": ", ".join(NAMES)}
            )
        elif available is not None and name not in available:
            report(
                gettext("Placeholder “{%(name)s}” cannot be used here: %(reason)s.")
                % {"name": name, "reason": _UNAVAILABLE_REASONS[name]}
            )
        if case not in CASES:
            report(
                gettext("Unknown case “%(case)s” in “%(placeholder)s”; use one of: %(cases)s.")
                % {"case": match["case"], "placeholder": braced.group(), "cases": ", ".join(CASES)}
            )
    leftover = _BRACED_RE.sub("", text)
    if "{" in leftover or "}" in leftover:
        report(gettext("Unbalanced braces: every “{” needs a matching “}”."))
    return problems


def _form(value: Form, case: str) -> str:
    if callable(value):
        return value(case)
    if isinstance(value, Mapping):
        return value.get(case, "")
    return inflect(value, case)


def fill(text: str, forms: Mapping[str, Form | None]) -> str:
    """`text` with each placeholder replaced by the form its name yields for its case.

    A value is a callable `case -> str`, a mapping case → form, or a title string declined with
    `inflect`. A placeholder starting a sentence gets a capital letter. Anything that cannot be
    filled raises UnfilledPlaceholder rather than leaving a blank in a legal document.
    """
    available = {name for name, value in forms.items() if value not in (None, "")}
    problems = errors(text, available)
    if problems:
        raise UnfilledPlaceholder(problems)

    def replace(match: re.Match) -> str:
        name, case = match["name"], (match["case"] or DEFAULT_CASE).lower()
        value = _form(forms[name], case)
        if not value:
            raise UnfilledPlaceholder(
                [gettext("Placeholder “%(placeholder)s” has no form.") % {"placeholder": match.group()}]
            )
        if _SENTENCE_START_RE.search(text, 0, match.start()):
            value = capitalize_first(value)
        return value

    return PLACEHOLDER_RE.sub(replace, text)


# When one surface form stands for several cases, the word in front usually tells which.
_GOVERNED_CASE = {
    **dict.fromkeys(["к", "ко", "подчиняется", "подчинен", "подчинён", "подотчетен", "непосредственно"], "datv"),
    **dict.fromkeys(["с", "со", "над", "под", "перед", "между", "за"], "ablt"),
    **dict.fromkeys(["о", "об", "обо", "при"], "loct"),
    **dict.fromkeys(["у", "от", "до", "из", "для", "без", "вместо", "кроме", "после", "отсутствие"], "gent"),
}
# Otherwise the reading a template author most likely meant: accusative of a person equals the
# genitive, and an inanimate-looking accusative equals the nominative.
_CASE_PREFERENCE = ("nomn", "gent", "datv", "ablt", "loct", "accs")
_WORD_BEFORE_RE = re.compile(r"([^\W\d_]+)[^\w{}]*\Z")


def _surface_key(text: str) -> str:
    return " ".join(text.lower().replace("ё", "е").split())


def _form_pattern(form: str) -> str:
    pieces = []
    for char in form:
        if char.isspace():
            if not pieces or pieces[-1] != r"\s+":
                pieces.append(r"\s+")
        elif char in "её":
            pieces.append("[её]")
        else:
            pieces.append(re.escape(char))
    return "".join(pieces)


def _choose_case(cases: list[str], text: str, start: int) -> str:
    if len(cases) > 1:
        before = _WORD_BEFORE_RE.search(text, 0, start)
        hint = _GOVERNED_CASE.get(before.group(1).lower()) if before else None
        if hint in cases:
            return hint
    return min(cases, key=_CASE_PREFERENCE.index)


def with_placeholders(text: str, title: str) -> str:
    """Replace every form of the position `title` in `text` by «{position}», «{position:gent}» and so on."""
    if not title.strip():
        return text
    cases_by_form: dict[str, list[str]] = {}
    for case, form in declensions(title).items():
        cases_by_form.setdefault(_surface_key(form), []).append(case)
    # Longest first, so «менеджера по продажам» wins over a shorter form it contains.
    alternatives = sorted(cases_by_form, key=len, reverse=True)
    pattern = re.compile(
        r"(?<![\w-])(?:" + "|".join(_form_pattern(form) for form in alternatives) + r")(?![\w-])",
        re.IGNORECASE,
    )

    def replace(match: re.Match) -> str:
        case = _choose_case(cases_by_form[_surface_key(match.group())], text, match.start())
        return "{position}" if case == DEFAULT_CASE else f"{{position:{case}}}"

    return pattern.sub(replace, text)
