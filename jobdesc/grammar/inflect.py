"""Declension of Russian position titles («главный бухгалтер» → «главного бухгалтера») on pymorphy3."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

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


def _tokenize(title: str) -> list[str | _Word]:
    """Split into words and the verbatim text between them, noting which words sit inside quotes."""
    tokens: list[str | _Word] = []
    quotes: list[str] = []  # the closing mark expected for each open quote, innermost last
    position = 0
    for match in _WORD_RE.finditer(title):
        separator = title[position : match.start()]
        if separator:
            tokens.append(separator)
            for char in separator:
                if quotes and char == quotes[-1]:
                    quotes.pop()
                elif char == '"':
                    quotes.append('"')
                elif char in _OPENING_QUOTES:
                    quotes.append(_OPENING_QUOTES[char])
        tokens.append(_Word(match.group(), bool(quotes)))
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
    candidates = [p for p in morph().parse(word) if p.tag.POS in _ADJ_POS and "nomn" in p.tag and "sing" in p.tag]
    return max(candidates, key=lambda p: p.score) if candidates else None


def _agrees(adjective, word: str) -> bool:
    """Whether an adjective can modify the next word: a noun or another adjective of its gender."""
    last = word.rsplit("-", 1)[-1]
    gender = adjective.tag.gender
    for part in {last, word.split("-", 1)[0]}:
        noun = _noun_parse(part)
        # Common-gender nouns («судья», «коллега») carry no gender and take either.
        if noun is not None and (noun.tag.gender is None or noun.tag.gender == gender):
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
        next_word = _following_word(tokens, index)
        parts = token.text.split("-")
        adjective = _adjective_parse(parts[-1])
        if adjective is not None and next_word is not None and _agrees(adjective, next_word.text):
            changes.append(_Change(index, [None] * (len(parts) - 1) + [adjective]))
            index += 2
            continue
        noun = _noun_parse(parts[-1], strict=strict)
        leading = [_first_part_parse(part) for part in parts[:-1]]
        if noun is None and leading and leading[-1] is not None:
            noun = _by_analogy(parts[-1])
        if noun is not None:
            changes.append(_Change(index, [*leading, noun]))
            return changes + _postpositive(tokens, index, noun)
        if adjective is not None and (not strict or "Subx" in adjective.tag):
            return [*changes, _Change(index, [None] * (len(parts) - 1) + [adjective])]
        return []
    return []


def _following_word(tokens: list, index: int) -> _Word | None:
    """The word right after `tokens[index]` when only whitespace separates them."""
    if index + 2 < len(tokens) and tokens[index + 1].isspace():
        word = tokens[index + 2]
        if isinstance(word, _Word) and not word.quoted:
            return word
    return None


def _postpositive(tokens: list, index: int, noun) -> list[_Change]:
    """Adjectives after the head in the directory's inverted style: «Мастер контрольный», «Кассир билетный»."""
    changes = []
    while (word := _following_word(tokens, index)) is not None and "-" not in word.text:
        adjective = _adjective_parse(word.text)
        if adjective is None or adjective.tag.gender != noun.tag.gender:
            break
        index += 2
        changes.append(_Change(index, [adjective]))
    return changes


class _Analogy:
    """A person noun missing from the dictionary («электроник»), declined like a model word with the same ending."""

    def __init__(self, word: str, model) -> None:
        self.word = word.lower()
        self.model = model
        self.tag = model.tag
        self.methods_stack = model.methods_stack
        self.normal_form = self.word

    def inflect(self, grammemes: set[str]):
        form = self.model.inflect(grammemes)
        if form is None or not form.word.startswith(self.model.word):
            return None
        return _Form(self.word + form.word[len(self.model.word) :])


@dataclass
class _Form:
    word: str


_ANALOGY_MODELS = {"к": "механик", "г": "технолог", "х": "монах"}
_HARD_CONSONANTS = set("бвдзлмнпрстф")


def _by_analogy(part: str):
    """Decline the second half of a person compound the dictionary only knows as another word."""
    last = part[-1:].lower()
    model_word = _ANALOGY_MODELS.get(last) or ("инженер" if last in _HARD_CONSONANTS else None)
    if model_word is None or not _CYRILLIC_RE.search(part):
        return None
    model = _noun_parse(model_word)
    return _Analogy(part, model) if model is not None else None


def _first_part_parse(part: str):
    """A parse for a leading compound part that declines («инженер» in «инженер-программист»), else None."""
    if part.lower() in _INVARIABLE_FIRST_PARTS or _is_acronym(part) or not _is_dictionary_word(part):
        return None
    noun = _noun_parse(part)
    return noun if noun is not None and "anim" in noun.tag else None


def _coordinated_starts(tokens: list, after: int) -> list[int]:
    """Token indexes where a further head may start: after «и»/«или», a comma, a slash, a dash or «(»."""
    starts = []
    for index in range(after, len(tokens) - 1):
        token = tokens[index]
        if isinstance(token, _Word):
            if token.quoted or token.text.lower() not in _COORDINATORS:
                continue
            if tokens[index + 1].isspace() and index + 2 < len(tokens):
                starts.append(index + 2)
        elif (any(mark in token for mark in ",(/–—") or " - " in token) and isinstance(tokens[index + 1], _Word):
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


def _sentence_case(part: str, *, is_first: bool, shouting: bool) -> str:
    """Lower case for use inside a sentence, keeping acronyms and proper names."""
    if not part or part.islower() or not _CYRILLIC_RE.search(part):
        return part  # foreign words («Java», «Sales») are left as their author wrote them
    if part.isupper():
        if len(part) == 1:
            # «И» of «И.о.» starts the title; a lone capital elsewhere is a code such as «1С».
            return part.lower() if is_first else part
        if not shouting:
            return part
        # An all-capitals title: only abbreviations and words the dictionary does not know stay upper.
        if not _is_dictionary_word(part):
            return part
        if any("Abbr" in p.tag for p in morph().parse(part.lower())):
            return part
        return part.lower()
    if not part[1:].islower():
        return part  # mixed case such as «iPhone» or «McKinsey»
    return part if _is_proper(part) else part.lower()


def _phrase_is_animate(phrase: list[_Change]) -> bool:
    head = phrase[-1].parses[-1]
    if head.tag.POS != "NOUN":
        return True  # a substantivised participle such as «заведующий» names a person
    known = type(head.methods_stack[0][0]).__name__ == "DictionaryAnalyzer"
    # A guessed word («мерчендайзер») may come out inanimate; at the head of a title it is a person.
    return "anim" in head.tag or not known


@lru_cache(maxsize=4096)  # forms and documents ask for the same few titles over and over
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

    phrases = []
    main = _head_phrase(tokens, first, strict=False)
    if main:
        phrases.append(main)
        for start in _coordinated_starts(tokens, main[-1].index + 1):
            further = _head_phrase(tokens, start, strict=True)
            if further:
                phrases.append(further)
    plan = {}
    for phrase in phrases:
        animate = _phrase_is_animate(phrase)
        for change in phrase:
            plan[change.index] = (change, animate)

    letters = [char for token in tokens if isinstance(token, _Word) and not token.quoted for char in token.text]
    shouting = len(letters) > 3 and not any(char.islower() for char in letters)

    result = []
    for index, token in enumerate(tokens):
        if not isinstance(token, _Word):
            result.append(token)
            continue
        if token.quoted:
            result.append(token.text)
            continue
        change, animate = plan.get(index, (None, True))
        new_parts = []
        for position, part in enumerate(token.text.split("-")):
            parse = change.parses[position] if change else None
            form = None
            if parse is not None:
                # A declined word is a common noun or adjective, so it is lower case whatever the input.
                form = part.lower() if case == "nomn" else _inflect_parse(parse, case, animate)
            if form is None:
                form = _sentence_case(part, is_first=index == first and position == 0, shouting=shouting)
            new_parts.append(_keep_spelling(part, form))
        result.append("-".join(new_parts))
    return "".join(result)


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
