"""The position an instruction is written for: its title in the nominative, its short names and its tag."""

import re
from collections import Counter

from django.utils.text import slugify

from jobdesc.grammar.inflect import morph

from .vocabulary import GENERIC_SUBJECTS, SUBJECT_VERB_RE

TEMPLATE_GAP_RE = re.compile(r"\s*\[[^\]]*\]?")
ALIAS_RE = re.compile(r"\(далее\s*[–—-]?\s*(?P<alias>[^)]{2,60})\)", re.IGNORECASE)
WORD_RE = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
HEAD_POS = {"NOUN", "ADJF", "PRTF"}


def strip_gaps(text: str) -> str:
    """Without the template gaps of sample documents («[наименование организации]»)."""
    return " ".join(TEMPLATE_GAP_RE.sub(" ", text).split()).strip(" :,")


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def nominative(genitive: str) -> str:
    """«старшего менеджера по работе с клиентами» → «старший менеджер по работе с клиентами».

    Only the head phrase changes: the adjectives before the head noun take its gender and number.
    """
    title = strip_gaps(genitive)
    if title.isupper():
        title = title.lower()
    words = title.split(" ")
    parses = []
    for index, word in enumerate(words):
        # «главного бухгалтера»: a word before a noun is read as its adjective, not as «главное».
        before_noun = index + 1 < len(words) and _genitive_parse(words[index + 1], "NOUN") is not None
        parse = _genitive_parse(word, "ADJF" if before_noun else "NOUN")
        if parse is None:
            break
        parses.append(parse)
        if parse.tag.POS == "NOUN":
            break
    if not parses or parses[-1].tag.POS != "NOUN":
        return title
    noun = parses[-1]
    agreement = {"nomn", noun.tag.number} | ({noun.tag.gender} if noun.tag.number == "sing" else set())
    for index, parse in enumerate(parses):
        form = parse.inflect({"nomn"} if parse is noun else agreement)
        if form is not None:
            words[index] = form.word if words[index].islower() else capitalise(form.word)
    # An adjective after the noun agrees with it too: «медицинской сестры палатной».
    for index in range(len(parses), len(words)):
        after = [
            parse
            for parse in morph().parse(words[index])
            if parse.tag.POS == "ADJF" and "gent" in parse.tag and noun.tag.number in parse.tag
        ]
        if noun.tag.number == "sing":
            after = [parse for parse in after if noun.tag.gender in parse.tag]
        form = after[0].inflect(agreement) if after else None
        if form is None:
            break
        words[index] = form.word
    return " ".join(words)


def _genitive_parse(word: str, preferred: str | None = None):
    parses = [parse for parse in morph().parse(word) if parse.tag.POS in HEAD_POS and "gent" in parse.tag]
    if preferred == "ADJF":
        parses.sort(key=lambda parse: parse.tag.POS == "NOUN")
    elif preferred == "NOUN":
        parses.sort(key=lambda parse: parse.tag.POS != "NOUN")
    return parses[0] if parses else None


def looks_genitive(word: str) -> bool:
    return _genitive_parse(word.lower()) is not None


def names_a_person(text: str, language: str) -> bool:
    """True when `text` is only a position's name («Менеджер по продажам», «Kontohaldur»), no verb in it."""
    words = WORD_RE.findall(text)
    if not words or len(words) > 7 or not text[:1].isupper():
        return False
    if language != "ru":
        return len(words) <= 3
    parses = [morph().parse(word)[0] for word in words]
    if any(parse.tag.POS in {"VERB", "INFN", "PRTS", "ADVB"} for parse in parses):
        return False
    first_noun = next((parse for parse in parses if parse.tag.POS == "NOUN"), None)
    return first_noun is not None and "anim" in first_noun.tag and "nomn" in first_noun.tag


def subject_of(text: str, language: str) -> str | None:
    """The position named as the subject of a clause («Менеджер по продажам относится …»), if specific."""
    match = SUBJECT_VERB_RE[language].match(text)
    if match is None:
        return None
    subject = strip_gaps(match["subject"])
    words = subject.split()
    if len(words) == 1 and words[0].lower() in GENERIC_SUBJECTS:
        return None
    if language == "ru":
        first = morph().parse(words[0])[0]
        if first.tag.POS != "NOUN" or "nomn" not in first.tag:
            return None
    return subject


def most_common_subject(texts: list[str], language: str) -> str | None:
    subjects = Counter(subject for text in texts if (subject := subject_of(text, language)))
    if not subjects:
        return None
    # Case-insensitive count; the first spelling seen is kept.
    spelled: dict[str, str] = {}
    counts: Counter = Counter()
    for subject, count in subjects.items():
        key = subject.lower()
        spelled.setdefault(key, subject)
        counts[key] += count
    return spelled[counts.most_common(1)[0][0]]


def aliases_of(texts: list[str], title: str) -> list[str]:
    """Short names the document defines for the position: «Специалист … (далее – специалист)»."""
    head = _head_lemma(title)
    if head is None:
        return []
    found = []
    for text in texts:
        for match in ALIAS_RE.finditer(text):
            alias = match["alias"].strip()
            if _head_lemma(alias) == head and alias.lower() != title.lower() and alias not in found:
                found.append(alias)
    return found


def _head_lemma(title: str) -> str | None:
    words = WORD_RE.findall(title)
    if not words:
        return None
    return morph().parse(words[0].lower())[0].normal_form


def tag_name(title: str) -> str:
    """A readable tag for a position: «Менеджер по работе с клиентами» → «менеджер-по-работе-с-клиентами»."""
    return slugify(strip_gaps(title), allow_unicode=True)[:60].strip("-")
