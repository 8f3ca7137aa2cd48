"""What a paragraph is: a heading of which section, a lead-in to which list, prose, and where a clause belongs."""

import re

from jobdesc.grammar.inflect import morph

from .paragraphs import ends_sentence
from .vocabulary import (
    ABBREVIATIONS,
    BREADCRUMB_RE,
    DOCUMENT_TOPICS,
    DOCUMENT_WORDS,
    FURNITURE_RE,
    FURNITURE_WORDS,
    HEADING_NOUNS,
    HEADING_QUALIFIED,
    HEADING_REQUIREMENTS,
    HEADING_STEMS_ET,
    HEADINGS,
    INTERROGATIVES,
    LEAD_IN_TOPICS,
    MOVE_ALWAYS,
    MOVE_FROM_GENERAL,
    PROSE_START_RE,
    STRUCTURE_LEAD_IN_RE,
)

SECTION_PREFIX_RE = re.compile(
    r"^(?:(?:раздел|глава|osa|peatükk)\s+(?:\d{1,2}|[IVXLC]{1,5})|(?:\d{1,2}|[IVXLC]{1,5})\.?\s+(?:peatükk|osa|jagu))\.?\s*",
    re.IGNORECASE,
)
ADJECTIVE_RE = re.compile(r"^[а-яё]+(?:ые|ие|ая|яя|ое|ее|ый|ий|ой)$")
SENTENCE_BREAK_RE = re.compile(r"(?<=[.!?…])[»\"”)]*\s+(?=[«\"(]?[A-ZА-ЯЁÕÄÖÜŠŽ])")
LAST_WORD_RE = re.compile(r"([^\W\d_]+)\.$")
COMPATIBLE = {frozenset({"duties", "functions"})}
WORD_RE = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
# A heading known by its key word alone is short: «Порядок пересмотра должностной инструкции».
KEY_WORD_HEADING_WORDS = 6
CYRILLIC_RE = re.compile(r"[а-яё]", re.IGNORECASE)
LATIN_RE = re.compile(r"[a-zõäöüšž]", re.IGNORECASE)


def detect_language(text: str) -> str:
    """Russian unless Latin letters outnumber Cyrillic ones, which in this product means Estonian."""
    return "et" if len(LATIN_RE.findall(text)) > len(CYRILLIC_RE.findall(text)) else "ru"


def normalise(text: str) -> str:
    return " ".join(text.lower().replace("ё", "е").split())


def heading_kind(text: str, language: str, key_word: bool = False) -> str | None:
    """The section a heading introduces («Права менеджера по продажам» → rights), or None if it is not one.

    `key_word`: the line is a heading by its form (a style, a section number, capitals, its place), so
    its key noun alone may name the section («Общая часть», «Подчинение», «Порядок пересмотра
    инструкции»); otherwise only the known phrases do, since a short line in a table or a list
    («Прямое подчинение» / «начальнику отдела») is no heading.
    """
    text = SECTION_PREFIX_RE.sub("", text.strip())
    if not text or not text[0].isupper() or len(text) > 120 or "?" in text or "!" in text:
        return None
    ended_with_stop = text.endswith(".")
    body = normalise(text.rstrip(":. "))
    if ". " in body or ";" in body or len(body.split()) > 12 or body.split()[0] in INTERROGATIVES:
        return None
    for phrase, kind in HEADINGS[language]:
        remainder = _after(body, phrase)
        if remainder is None:
            first, _, rest = body.partition(" ")
            # One qualifier in front: «Основные задачи», «Töötajate kohustused».
            if rest and (language != "ru" or ADJECTIVE_RE.match(first)):
                remainder = _after(rest, phrase)
        if remainder is None:
            continue
        words = remainder.split()
        if len(words) <= 8 and not (ended_with_stop and len(words) > 5) and not _has_verb(words, language):
            return kind
    # Known by its key word only where its form makes it a heading, and then only a short line may end
    # with a full stop («Общая часть.»): a longer one is a sentence.
    if not key_word or ended_with_stop and (language != "ru" or len(body.split()) > KEY_WORD_HEADING_WORDS - 2):
        return None
    return _kind_by_key_word(body, language)


def _kind_by_key_word(body: str, language: str) -> str | None:
    """The section a short heading the phrases do not know names by its key noun (see `HEADING_NOUNS`)."""
    words = WORD_RE.findall(body)
    if not words or len(words) > KEY_WORD_HEADING_WORDS:
        return None
    if language != "ru":
        # Without a dictionary only a heading of a few words is safe to read by a stem.
        if len(words) > 3:
            return None
        for pattern, kind in HEADING_STEMS_ET:
            if any(re.search(pattern, word) for word in words[:2]):
                return kind
        return None
    if _has_verb(words, language):
        return None
    nouns = [_noun_lemmas(word) for word in words]
    if any(DOCUMENT_WORDS & lemmas for lemmas in nouns) and DOCUMENT_TOPICS & nouns[0]:
        return "final"
    first = next((index for index, lemmas in enumerate(nouns) if lemmas), None)
    if first is None or first > 1:
        return None
    lemmas = nouns[first]
    if first == 1:
        qualifier = _adjective_lemma(words[0])
        for lemma in lemmas:
            if (qualifier, lemma) in HEADING_QUALIFIED:
                return HEADING_QUALIFIED[(qualifier, lemma)]
        if qualifier is None:
            return None
    if "требование" in lemmas:
        following = [lemma for other in nouns[first + 1 :] for lemma in other]
        return next((HEADING_REQUIREMENTS[lemma] for lemma in following if lemma in HEADING_REQUIREMENTS), None)
    return next((HEADING_NOUNS[lemma] for lemma in sorted(lemmas) if lemma in HEADING_NOUNS), None)


def _noun_lemmas(word: str) -> set[str]:

    return {parse.normal_form for parse in morph().parse(word) if parse.tag.POS == "NOUN"}


def _adjective_lemma(word: str) -> str | None:

    parses = [parse for parse in morph().parse(word) if parse.tag.POS in {"ADJF", "PRTF"}]
    return parses[0].normal_form if parses else None


def _has_verb(words: list[str], language: str) -> bool:
    """«Режим работы водителя определяется графиком»: a sentence that starts like a heading."""
    if language != "ru" or not words:
        return False

    analyzer = morph()
    return any(analyzer.parse(word.strip(",.;:()«»"))[0].tag.POS in {"VERB", "PRTS"} for word in words)


def _after(body: str, phrase: str) -> str | None:
    if body == phrase:
        return ""
    if body.startswith(phrase + " ") or body.startswith(phrase + ","):
        return body[len(phrase) :].lstrip(" ,")
    return None


def sentences(text: str) -> list[str]:
    """The sentences of a paragraph; a full stop after an abbreviation or an initial does not end one."""
    pieces = SENTENCE_BREAK_RE.split(text)
    merged: list[str] = []
    for piece in pieces:
        if merged and _ends_with_abbreviation(merged[-1]):
            merged[-1] = merged[-1] + " " + piece
        else:
            merged.append(piece)
    return merged


def _ends_with_abbreviation(sentence: str) -> bool:
    match = LAST_WORD_RE.search(sentence)
    if match is None:
        return False
    word = match.group(1)
    return word.lower() in ABBREVIATIONS or (len(word) == 1 and word.isupper())


def is_prose(text: str, sentences_allowed: int = 1) -> bool:
    """Article prose rather than a clause: several sentences, a question, or an essayist's opening.

    A clause of an instruction may hold a second sentence («… приказом директора. Освобождение
    производится в том же порядке.») where `sentences_allowed` says so.
    """
    return len(sentences(text)) > sentences_allowed or "?" in text or "!" in text or bool(PROSE_START_RE.match(text))


def looks_like_heading(text: str) -> bool:
    """A short line without a full stop that titles something, e.g. an article's sub-heading."""
    return bool(text) and text[0].isupper() and not ends_sentence(text) and len(text.split()) <= 8


def lead_in_topic(text: str, language: str) -> str | None:
    """The section a lead-in's list belongs to, by the topic it names last («…функций, обязан:» → duties)."""
    body = normalise(text)
    best, best_position = None, -1
    for pattern, kind in LEAD_IN_TOPICS[language]:
        for match in re.finditer(pattern, body):
            if match.start() > best_position:
                best, best_position = kind, match.start()
    return best


def is_structure_lead_in(text: str) -> bool:
    return bool(STRUCTURE_LEAD_IN_RE.search(text))


def compatible(kind: str, other: str | None) -> bool:
    return kind == other or frozenset({kind, other}) in COMPATIBLE


def classify(text: str, kind: str, language: str) -> str:
    """The section a clause belongs to, starting from the one it was found in."""
    body = normalise(text)
    for pattern, target in MOVE_ALWAYS[language]:
        if re.search(pattern, body):
            return target
    if kind in {"general", "qualification"}:
        for pattern, target in MOVE_FROM_GENERAL[language]:
            if re.search(pattern, body):
                return target
    return kind


# A numbered line belongs to the document's structure, whatever it says: «3.2. Скачивает выписки …».
_NUMBERED_RE = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})*[.)]|[IVXLC]{1,6}\.|[а-яa-z]\))\s", re.IGNORECASE)


def is_page_furniture(text: str) -> bool:
    """A web page's link or menu line around the instruction («Скачать образец в Word…», «Распечатать»,
    «Поделиться», «Главная / Кадры / Инструкции»): short, unnumbered, no sentence or list item of its own.

    A line ending like a sentence or an item («.», «;», «,») is left alone, and so is one in lower case
    (an item of a list: «печать и копирование документов»).
    """
    text = text.strip().removeprefix("• ").strip()
    if not text or _NUMBERED_RE.match(text) or not text[0].isupper():
        return False
    if text.endswith((";", ",")) or (text.endswith(".") and not text.endswith("...")):
        return False
    words = text.split()
    if len(words) > FURNITURE_WORDS:
        return False
    return bool(FURNITURE_RE.match(text) or BREADCRUMB_RE.match(text))
