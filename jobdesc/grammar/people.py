"""People's names in documents: «И.И. Иванов» signatures and the gender that agrees with «ознакомлен(а)»."""

from __future__ import annotations

import re
from typing import Literal

from .inflect import morph

NBSP = "\u00a0"

Gender = Literal["m", "f"]

# An initial («И.», «А.-М.») or a word, possibly hyphenated, possibly ending in a dot.
_TOKEN_RE = re.compile(r"[^\W\d_]\.-[^\W\d_]\.|[^\W\d_]+(?:-[^\W\d_]+)*\.?")
# Turkic patronymics are written as a separate word after the father's name.
_MALE_PARTICLES = {"оглы", "улы", "уулу"}
_FEMALE_PARTICLES = {"кызы", "гызы", "кизи"}
_MALE_PATRONYMIC = re.compile(r"(?:вич|ич)$")
_FEMALE_PATRONYMIC = re.compile(r"(?:вна|чна|шна)$")


def _is_initial(token: str) -> bool:
    letters = token.replace(".", "")
    return len(letters) == 1 or (len(letters) == 3 and letters[1] == "-" and token.endswith("."))


def _patronymic_gender(word: str) -> Gender | None:
    lowered = word.lower().replace("ё", "е")
    if lowered in _MALE_PARTICLES:
        return "m"
    if lowered in _FEMALE_PARTICLES:
        return "f"
    if len(lowered) > 4 and _MALE_PATRONYMIC.search(lowered):
        return "m"
    if len(lowered) > 4 and _FEMALE_PATRONYMIC.search(lowered):
        return "f"
    return None


def _split(full_name: str) -> tuple[str, list[str], list[str]]:
    """(surname, given names, initials already written) in whatever order the name came."""
    tokens = _TOKEN_RE.findall(full_name)
    words = [token.rstrip(".") for token in tokens if not _is_initial(token)]
    initials = [token for token in tokens if _is_initial(token)]
    words = [word for word in words if word.lower() not in _MALE_PARTICLES | _FEMALE_PARTICLES]
    if not words:
        return "", [], initials
    if initials:
        return words[0], words[1:], initials
    # «Иван Иванович Иванов»: the patronymic in second place gives the natural order away; when the
    # third word looks like one too («Анна Петровна Шевкунович»), the first name decides.
    if (
        len(words) >= 3
        and _patronymic_gender(words[1])
        and (not _patronymic_gender(words[2]) or _gender_by_tag(words[0], "Name"))
    ):
        return words[-1], words[:-1], []
    return words[0], words[1:], []


def _initial(name: str) -> str:
    # ГОСТ Р 7.0.97 keeps the hyphen of a double name: «Анна-Мария» → «А.-М.».
    return "-".join(part[0].upper() + "." for part in name.split("-") if part)


def initials_surname(full_name: str) -> str:
    """«Иванов Иван Иванович» → «И.И. Иванов» with a non-breaking space before the surname."""
    surname, given, initials = _split(full_name)
    if not surname:
        return "".join(initial.upper() for initial in initials)
    letters = "".join(_initial(name) for name in given)
    letters += "".join(token.upper() if token.endswith(".") else token.upper() + "." for token in initials)
    return f"{letters}{NBSP}{surname}" if letters else surname


def split_full_name(full_name: str) -> tuple[str, str, str]:
    """«Иванов Иван Иванович» → (surname, first name, patronymic); «оглы»/«кызы» stay with the patronymic.

    The order is told as `initials_surname` tells it; a name of two words has an empty patronymic.
    """
    surname, given, _initials = _split(full_name)
    particles = [
        token for token in _TOKEN_RE.findall(full_name) if token.lower() in _MALE_PARTICLES | _FEMALE_PARTICLES
    ]
    first = given[0] if given else ""
    patronymic = " ".join([*given[1:], *particles])
    return surname, first, patronymic


def gender(full_name: str) -> Gender | None:
    """'m' or 'f' from the patronymic, else from the first name; None when neither tells."""
    words = [token.rstrip(".") for token in _TOKEN_RE.findall(full_name) if not _is_initial(token)]
    if not words:
        return None
    # Only the second and third words can be the patronymic («оглы»/«кызы» may follow as a fourth);
    # a surname such as «Шевкунович» looks like one, so two disagreeing candidates settle nothing.
    found = {_patronymic_gender(word) for word in words[1:4]} - {None}
    if len(found) == 1:
        return found.pop()
    surname, given, _ = _split(full_name)
    for name in given[:1] if not found else [words[0], words[1]]:
        by_name = _gender_by_tag(name, "Name")
        if by_name:
            return by_name
    return _gender_by_tag(surname, "Surn") if surname and not found else None


def _gender_by_tag(word: str, kind: str) -> Gender | None:
    """The gender pymorphy gives `word` as a nominative first name or surname, if all such readings agree."""
    genders = {
        p.tag.gender
        for p in morph().parse(word)
        if kind in p.tag and "nomn" in p.tag and "sing" in p.tag and p.tag.gender in ("masc", "femn")
    }
    if genders == {"masc"}:
        return "m"
    if genders == {"femn"}:
        return "f"
    return None


def acquainted(gender: Gender | None) -> str:
    """The past participle of the «ознакомлен» line of an acquaintance sheet, agreeing with the employee."""
    if gender == "m":
        return "ознакомлен"
    if gender == "f":
        return "ознакомлена"
    return "ознакомлен(а)"
