"""The position an instruction is written for: its title in the nominative, its short names and its tag."""

import itertools
import re
from collections import Counter
from functools import lru_cache

from django.utils.text import slugify

from jobdesc.grammar.inflect import inflect, morph

from .vocabulary import GENERIC_SUBJECTS, SUBJECT_VERB_RE

TEMPLATE_GAP_RE = re.compile(r"\s*\[[^\]]*\]?")
ALIAS_RE = re.compile(r"\(далее\s*[–—-]?\s*(?P<alias>[^)]{2,60})\)", re.IGNORECASE)
WORD_RE = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
HEAD_POS = {"NOUN", "ADJF", "PRTF"}
# How a genitive ends and how the nominative of the same word may end, for words the dictionary does not know.
GENITIVE_ENDINGS = [
    ("ого", ["ый", "ий", "ой"]),
    ("его", ["ий"]),
    ("ой", ["ая"]),
    ("ей", ["яя", "ая", "ь"]),
    ("ы", ["а"]),
    ("и", ["я", "а", "ь"]),
    ("а", ["", "о"]),
    ("я", ["ь", "й", "е"]),
]
MAX_HEAD_WORDS = 4
MAX_GUESSES = 200


def strip_gaps(text: str) -> str:
    """Without the template gaps of sample documents («[наименование организации]»)."""
    return " ".join(TEMPLATE_GAP_RE.sub(" ", text).split()).strip(" :,")


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def nominative(genitive: str) -> str:
    """«старшего менеджера по работе с клиентами» → «старший менеджер по работе с клиентами».

    Only the head phrase changes; a title already in the nominative stays as it is. See `position_title`.
    """
    return position_title(genitive) or _agreeing_nominative(strip_gaps(genitive))


@lru_cache(maxsize=1024)
def position_title(phrase: str) -> str | None:
    """The position a title's phrase names, in the nominative, or None if it names none.

    The phrase after «Должностная инструкция» is usually the genitive («инженера-электроника»,
    «старшей медицинской сестры», «заведующего складом», «ИНЖЕНЕРА ОТДЕЛА АСУ»), sometimes the
    nominative («Должностная инструкция: инженер-электроник»). Each reading is checked against
    `jobdesc.grammar.inflect`: a nominative guess must decline back into exactly the genitive
    written, and a nominative as written must decline into a genitive that reads back as itself.
    The head words are tried from the longest head down, with the forms the dictionary gives and,
    for a word it does not know («электроника» of «инженер-электроник»), the forms its ending
    gives; both halves of a compound decline, or only the second («шеф-повара»). Words after the
    head («отдела кадров», «по охране труда») stay. The reading that needs the fewest guessed
    forms wins.
    """
    title = strip_gaps(phrase)
    words = title.split()
    if not words or len(words) > 14 or not WORD_RE.match(words[0]):
        return None
    readings = [*_genitive_readings(title, words), *_nominative_reading(title, words)]
    if not readings:
        return None
    _cost, _order, result = min(readings)
    return result


def _genitive_readings(title: str, words: list[str]):
    """(guessed forms, order, nominative) for every nominative that declines into `title`."""

    shouting = title.isupper()
    target = _comparable(title)
    order = 0
    for length in range(min(MAX_HEAD_WORDS, len(words)), 0, -1):
        if length < len(words) and _modifies(words[length - 1], words[length]):
            # «заместителя генерального директора»: the head never ends inside «генерального директора».
            continue
        options = [_nominative_forms(word) for word in words[:length]]
        if not all(options):
            continue
        for count, head in enumerate(itertools.product(*options)):
            if count >= MAX_GUESSES:
                break
            guess = " ".join([form for form, _guessed in head] + words[length:])
            if _comparable(inflect(guess, "gent")) == target:
                order += 1
                guessed = sum(guessed for _form, guessed in head)
                yield guessed, order, _cased([form for form, _ in head] + words[length:], length, shouting)


def _nominative_reading(title: str, words: list[str]):
    """(guessed forms, order, title) when `title` is itself a position in the nominative."""

    if not _names_a_person(words):
        return
    genitive = inflect(title, "gent")
    if _comparable(genitive) == _comparable(title):
        return
    back = list(_genitive_readings(genitive, genitive.split()))
    if not back or _comparable(min(back)[2]) != _comparable(title):
        return
    pairs = zip(words, genitive.split(), strict=False)
    changed = [word for word, other in pairs if _comparable(word) != _comparable(other)]
    unknown = sum(
        1
        for word in changed
        for part in word.lower().split("-")
        if not any(parse.tag.POS in HEAD_POS and "nomn" in parse.tag for parse in morph().parse(part))
    )
    yield unknown, 0, _cased(words, 0, True) if title.isupper() else title


def _names_a_person(words: list[str]) -> bool:
    """Whether a nominative phrase starts with a person: «инженер-…», «главный бухгалтер», «заведующий …».

    «Кадровый портал» or «Общие положения» decline just as well but name no one.
    """
    for word in words[:3]:
        parts = [part for part in word.lower().split("-") if part.isalpha()]
        if not parts:
            return False
        parses = [parse for part in parts for parse in morph().parse(part)]
        if any(parse.tag.POS == "NOUN" and "nomn" in parse.tag and "anim" in parse.tag for parse in parses):
            return True
        if any(parse.tag.POS in {"ADJF", "PRTF"} and "Subx" in parse.tag and "nomn" in parse.tag for parse in parses):
            # «заведующий складом», «управляющий»: a participle that names a person.
            return True
        if not any(parse.tag.POS in {"ADJF", "PRTF"} and "nomn" in parse.tag for parse in parses):
            # Neither a person nor an adjective before one: «заместитель» is, «портал» is not.
            return not morph().word_is_known(parts[-1])
    return False


def _modifies(word: str, following: str) -> bool:
    """Whether `word` is a genitive adjective agreeing with the genitive noun after it."""
    adjectives = [p for p in morph().parse(word.lower()) if p.tag.POS in {"ADJF", "PRTF"} and "gent" in p.tag]
    nouns = [p for p in morph().parse(following.lower().split("-")[-1]) if p.tag.POS == "NOUN" and "gent" in p.tag]
    return any(
        adjective.tag.number == noun.tag.number
        and (noun.tag.number == "plur" or adjective.tag.gender == noun.tag.gender)
        for adjective in adjectives
        for noun in nouns
    )


def _comparable(text: str) -> str:
    return " ".join(text.lower().replace("ё", "е").split())


def _nominative_forms(word: str) -> list[tuple[str, int]]:
    """(nominative, guessed parts) a genitive word may come from: every part of a compound, in every combination."""
    parts = word.lower().split("-")
    if not all(part.isalpha() for part in parts):
        return []
    options = [_part_forms(part, last=index == len(parts) - 1) for index, part in enumerate(parts)]
    return [
        ("-".join(form for form, _ in combination), sum(guessed for _, guessed in combination))
        for combination in itertools.product(*options)
    ][:MAX_GUESSES]


def _part_forms(part: str, last: bool) -> list[tuple[str, int]]:
    """(nominative, 0) for the dictionary's readings of one genitive word, (nominative, 1) for guesses by its ending."""
    forms = []
    for parse in morph().parse(part):
        # An indeclinable word («по» read as a noun, «атташе») has no genitive to undo.
        if parse.tag.POS not in HEAD_POS or "gent" not in parse.tag or "Fixd" in parse.tag:
            continue
        grammemes = {"nomn"}
        if parse.tag.POS != "NOUN":
            grammemes |= {parse.tag.number} | ({parse.tag.gender} if parse.tag.gender else set())
        form = parse.inflect(grammemes)
        if form is not None and (form.word != part or not last):
            forms.append((form.word, 0))
    for ending, replacements in GENITIVE_ENDINGS:
        if part.endswith(ending) and len(part) > len(ending) + 2:
            forms += [(part[: -len(ending)] + replacement, 1) for replacement in replacements]
            break
    if not last:
        # The first half of a compound may stay as it is («шеф-повара», «вице-президента»).
        forms.append((part, 0))
    seen, unique = set(), []
    for form, guessed in forms:
        if form not in seen:
            seen.add(form)
            unique.append((form, guessed))
    return unique


def _cased(words: list[str], head: int, shouting: bool) -> str:
    """The head in lower case; in a title written in capitals, every word the dictionary knows too."""
    result = []
    quoted = False
    for index, word in enumerate(words):
        opens, closes = word.count("«") + word.count('"'), word.count("»")
        common = shouting and not quoted and not opens and all(_common_word(part) for part in WORD_RE.findall(word))
        if index < head or common:
            result.append(word.lower())
        else:
            # A name in quotes («РОМАШКА») keeps the way it is written.
            result.append(word)
        quoted = (quoted or opens > closes) and not closes
    return " ".join(result)


def _common_word(word: str) -> bool:
    """A word the dictionary knows as a common word, not an abbreviation («АСУ», «ООО») or a name."""
    parses = morph().parse(word.lower())
    return morph().word_is_known(word.lower()) and not ({"Abbr", "Name", "Fixd"} & parses[0].tag.grammemes)


def _agreeing_nominative(title: str) -> str:
    """The nominative by agreement alone, for a title the round trip of `position_title` cannot confirm."""
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
        # «Инженер-электроник»: a compound the dictionary reads as something else is read by its parts.
        first = morph().parse(words[0].split("-")[0])[0]
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
