"""Declension of Russian position titles («главный бухгалтер» → «главного бухгалтера») on pymorphy3."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass

CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")

_morph = None
_morph_lock = threading.Lock()


def morph():
    """The shared analyzer; built on first use because loading the dictionaries is slow."""
    global _morph
    if _morph is None:
        with _morph_lock:
            if _morph is None:
                import pymorphy3

                _morph = pymorphy3.MorphAnalyzer()
    return _morph


# Letters only: digits, apostrophes and dots split words, so «1С» or «и.о.» never reach the analyzer whole.
_WORD_RE = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_CYRILLIC_RE = re.compile(r"[а-яё]", re.IGNORECASE)
_PROPER_TAGS = {"Name", "Surn", "Patr", "Geox", "Orgn", "Trad"}
_ADJ_POS = {"ADJF", "PRTF"}
_COORDINATORS = {"и", "или"}

# First parts of compounds that are nouns of their own but stay unchanged in the compound
# («шеф-повара», «генерал-майора», «клиент-менеджера»), unlike «инженера-программиста».
_INVARIABLE_FIRST_PARTS = {
    "шеф",
    "клиент",
    "генерал",
    "премьер",
    "вице",
    "экс",
    "обер",
    "унтер",
    "штаб",
    "лейб",
    "контр",
    "бизнес",
    "офис",
    "сервис",
    "аккаунт",
    "бренд",
    "контент",
    "продакт",
    "проджект",
    "арт",
    "веб",
    "топ",
    "тим",
    "фитнес",
    "промо",
    "медиа",
    "пресс",
    "тест",
}

_OPENING_QUOTES = {"«": "»", "„": "“", "“": "”", "‘": "’"}


def _plain(word: str) -> str:
    return word.lower().replace("ё", "е")


@dataclass
class _Word:
    text: str
    quoted: bool
    parenthesised: bool


def _tokenize(title: str) -> list[str | _Word]:
    """Split into words and the verbatim text between them, noting which words sit inside quotes."""
    tokens: list[str | _Word] = []
    quotes: list[str] = []
    parens = 0
    position = 0

    def scan(separator: str) -> None:
        nonlocal parens
        for char in separator:
            if quotes and char == quotes[-1]:
                quotes.pop()
            elif char == '"':
                quotes.append('"')
            elif char in _OPENING_QUOTES:
                quotes.append(_OPENING_QUOTES[char])
            elif char == "(" and not quotes:
                parens += 1
            elif char == ")" and not quotes and parens:
                parens -= 1

    for match in _WORD_RE.finditer(title):
        separator = title[position : match.start()]
        if separator:
            tokens.append(separator)
            scan(separator)
        tokens.append(_Word(match.group(), bool(quotes), parens > 0))
        position = match.end()
    if position < len(title):
        tokens.append(title[position:])
    return tokens


def _is_acronym(part: str) -> bool:
    return len(part) > 1 and part.isupper()


def _is_dictionary_word(part: str) -> bool:
    return morph().word_is_known(part.lower())


def _noun_parse(word: str, *, strict: bool = False):
    """The best reading of `word` as a singular nominative noun, or None.

    Persons come first (animate readings, no proper-name readings) and readings whose
    dictionary form is the word itself, so «менеджер», «водитель», «сторож» resolve to the
    person and never to a plural or an oblique case of some other lemma.
    """
    if not _CYRILLIC_RE.search(word):
        return None
    candidates = [
        p
        for p in morph().parse(word)
        if p.tag.POS == "NOUN" and "nomn" in p.tag and "sing" in p.tag and "Fixd" not in p.tag
    ]
    if strict:
        candidates = [p for p in candidates if "anim" in p.tag]
    if not candidates:
        return None
    common = [p for p in candidates if not (_PROPER_TAGS & p.tag.grammemes)]
    if common:
        candidates = common
    elif strict:
        return None
    plain = _plain(word)
    return max(
        candidates,
        key=lambda p: ("anim" in p.tag, _plain(p.normal_form) == plain, "Infr" not in p.tag, p.score),
    )


def _adjective_parse(word: str):
    """The best reading of `word` as a singular nominative adjective or participle, or None."""
    if not _CYRILLIC_RE.search(word):
        return None
    candidates = [
        p for p in morph().parse(word) if p.tag.POS in _ADJ_POS and "nomn" in p.tag and "sing" in p.tag
    ]
    return max(candidates, key=lambda p: p.score) if candidates else None


def _agrees(adjective, word: str) -> bool:
    """Whether an adjective can modify the next word: a noun or another adjective of its gender."""
    last = word.rsplit("-", 1)[-1]
    gender = adjective.tag.gender
    for part in {last, word.split("-", 1)[0]}:
        noun = _noun_parse(part)
        if noun is not None and (noun.tag.gender == gender or noun.tag.gender in ("ms-f", "GNdr")):
            return True
    following = _adjective_parse(last)
    return following is not None and following.tag.gender == gender


@dataclass
class _Change:
    index: int  # position in the token list
    parses: list  # one entry per hyphen part: a parse to inflect, or None to keep the part


def _head_phrase(tokens: list, start: int, *, strict: bool) -> list[_Change]:
    """Agreeing adjectives and the head of the noun phrase that begins at `tokens[start]`.

    `strict` is for phrases after «и», a comma or a parenthesis: there only a person
    (animate noun or substantivised participle) counts as a second head, so coordinated
    dependents such as «отдела кадров и делопроизводства» stay untouched.
    """
    changes: list[_Change] = []
    index = start
    while index < len(tokens):
        token = tokens[index]
        if not isinstance(token, _Word) or token.quoted:
            return []
        next_word = None
        if index + 2 < len(tokens) and isinstance(tokens[index + 2], _Word) and tokens[index + 1].isspace():
            next_word = tokens[index + 2]
        parts = token.text.split("-")
        adjective = _adjective_parse(parts[-1])
        if adjective is not None and next_word is not None and not next_word.quoted:
            if _agrees(adjective, next_word.text):
                changes.append(_Change(index, [None] * (len(parts) - 1) + [adjective]))
                index += 2
                continue
        noun = _noun_parse(parts[-1], strict=strict)
        if noun is not None:
            return [*changes, _Change(index, [_first_part_parse(part) for part in parts[:-1]] + [noun])]
        if adjective is not None and (not strict or "Subx" in adjective.tag):
            return [*changes, _Change(index, [None] * (len(parts) - 1) + [adjective])]
        return []
    return []


def _first_part_parse(part: str):
    """A parse for a leading compound part that declines («инженер» in «инженер-программист»), else None."""
    if part.lower() in _INVARIABLE_FIRST_PARTS or _is_acronym(part) or not _is_dictionary_word(part):
        return None
    noun = _noun_parse(part)
    return noun if noun is not None and "anim" in noun.tag else None


def _coordinated_starts(tokens: list, after: int) -> list[int]:
    """Token indexes where a further head may start: after «и»/«или», a comma, a slash or «(»."""
    starts = []
    for index in range(after, len(tokens) - 1):
        token = tokens[index]
        if isinstance(token, _Word):
            if token.quoted or token.text.lower() not in _COORDINATORS:
                continue
            if tokens[index + 1].isspace() and index + 2 < len(tokens):
                starts.append(index + 2)
        elif any(mark in token for mark in ",(/") and isinstance(tokens[index + 1], _Word):
            if not tokens[index + 1].quoted:
                starts.append(index + 1)
    return starts


def _inflect_parse(parse, case: str, animate: bool):
    if case == "accs" and parse.tag.POS in _ADJ_POS and parse.tag.gender == "masc":
        # Masculine accusative depends on animacy; position heads are persons.
        target = {"accs", "anim" if animate else "inan"}
    else:
        target = {case}
    form = parse.inflect(target)
    if form is None:
        return None
    if case == "accs" and parse.tag.POS == "NOUN" and animate and "inan" in parse.tag:
        # An unknown word guessed as inanimate («мерчендайзер»): a person takes the genitive form.
        nominative, genitive = parse.inflect({"nomn"}), parse.inflect({"gent"})
        if nominative is not None and genitive is not None and form.word == nominative.word:
            form = genitive
    return form.word


def _keep_spelling(original: str, inflected: str) -> str:
    # The dictionary spells «ё»; a title written with «е» must stay with «е».
    if "ё" not in original.lower():
        inflected = inflected.replace("ё", "е")
    return inflected


def _is_proper(part: str) -> bool:
    parses = morph().parse(part)
    return bool(parses) and bool(_PROPER_TAGS & parses[0].tag.grammemes)


def _sentence_case(part: str, *, is_first: bool, shouting: bool, changed: bool) -> str:
    """Lower case for use inside a sentence, keeping acronyms and proper names."""
    if part.islower() or not part:
        return part
    if part.isupper() and (len(part) > 1 or not is_first):
        if not shouting:
            return part
        # An all-capitals title: only genuine abbreviations and foreign acronyms stay upper.
        if not _CYRILLIC_RE.search(part) or not _is_dictionary_word(part):
            return part
        if any("Abbr" in p.tag for p in morph().parse(part.lower())):
            return part
        return part.lower()
    if not part[0].isupper() or not part[1:].islower() and len(part) > 1:
        return part  # mixed case such as «iPhone» or «McKinsey»
    if changed or is_first or not _is_proper(part):
        return part.lower() if (changed or is_first or not _is_proper(part)) else part
    return part


def _restyle(original: str, inflected: str) -> str:
    """Carry the original word's capitalisation over to its new form."""
    if original.isupper() and len(original) > 1:
        return inflected.upper()
    if original[:1].isupper():
        return inflected[:1].upper() + inflected[1:]
    return inflected


def inflect(title: str, case: str) -> str:
    """`title` with its head (agreeing adjectives and head noun) put into `case`, in sentence case.

    Dependents — genitives, prepositional phrases, quoted names — keep their form.
    """
    if case not in CASES:
        raise ValueError(f"Unknown case {case!r}; expected one of {', '.join(CASES)}")
    tokens = _tokenize(title)
    first = next((i for i, token in enumerate(tokens) if isinstance(token, _Word)), None)
    if first is None:
        return title

    changes = _head_phrase(tokens, first, strict=False)
    if changes:
        for start in _coordinated_starts(tokens, changes[-1].index + 1):
            changes.extend(_head_phrase(tokens, start, strict=True))
    plan = {change.index: change for change in changes}
    # Words that are not heads keep their case; decide animacy per phrase from its head.
    head_animacy = {}
    phrase: list[int] = []
    for change in changes:
        phrase.append(change.index)
        head = change.parses[-1]
        if head.tag.POS == "NOUN":
            known = head.methods_stack[0][0].__class__.__name__ == "DictionaryAnalyzer"
            animate = "anim" in head.tag or not known
        else:
            animate = True  # a substantivised participle such as «заведующий» names a person
        if head.tag.POS == "NOUN" or change is changes[-1] or _ends_phrase(change, plan, tokens):
            for index in phrase:
                head_animacy[index] = animate
            phrase = []
    for index in phrase:
        head_animacy[index] = True

    letters = [char for token in tokens if isinstance(token, _Word) and not token.quoted for char in token.text]
    shouting = len(letters) > 3 and all(not char.islower() for char in letters)

    result = []
    for index, token in enumerate(tokens):
        if not isinstance(token, _Word):
            result.append(token)
            continue
        if token.quoted:
            result.append(token.text)
            continue
        change = plan.get(index)
        parts = token.text.split("-")
        new_parts = []
        for position, part in enumerate(parts):
            parse = change.parses[position] if change else None
            is_first = index == first and position == 0
            if parse is None:
                new_parts.append(_sentence_case(part, is_first=is_first, shouting=shouting, changed=False))
                continue
            form = part.lower() if case == "nomn" else _inflect_parse(parse, case, head_animacy[index])
            if form is None:
                new_parts.append(_sentence_case(part, is_first=is_first, shouting=shouting, changed=False))
                continue
            form = _keep_spelling(part, form)
            styled = _sentence_case(part, is_first=is_first, shouting=shouting, changed=True)
            new_parts.append(_restyle(styled, form))
        result.append("-".join(new_parts))
    return "".join(result)


def _ends_phrase(change: _Change, plan: dict, tokens: list) -> bool:
    following = change.index + 2
    return following not in plan or not (change.index + 1 < len(tokens) and str(tokens[change.index + 1]).isspace())


def declensions(title: str) -> dict[str, str]:
    """All six case forms of `title`, keyed by case code."""
    return {case: inflect(title, case) for case in CASES}


def inflect_lines(lines: Iterable[str], case: str) -> list[str]:
    """Decline one title per line; blank lines stay blank so the output lines up with the input."""
    return [inflect(line, case) if line.strip() else line for line in lines]


def capitalize_first(text: str) -> str:
    """Upper-case the first letter of `text` (skipping leading quotes or spaces), leaving the rest alone."""
    for index, char in enumerate(text):
        if char.isalpha():
            return text[:index] + char.upper() + text[index + 1 :]
    return text
