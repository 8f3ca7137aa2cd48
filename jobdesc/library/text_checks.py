"""Checks of clause texts that read them as an HR officer would: pure functions over texts, no database.

Each check returns `Finding`s: which texts (by their index in the list given), why, in words an HR
officer understands, and where it can, the fix — a text to put instead, or to insert, or nothing to
delete. The draft's checks and the suggestion engine call them; so does the library's duplicates report.
"""

import re
from dataclasses import dataclass
from itertools import combinations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jobdesc.orgs.models import Category

from . import similarity

CATEGORIES = ("managers", "specialists", "technical", "workers")


@dataclass(frozen=True)
class Finding:
    code: str  # duplicate, category, subordination, qualification, fine, full_liability, lead_in
    message: str
    indexes: tuple[int, ...]  # the texts concerned, by their index in the list checked
    fix: str = ""  # the text to put instead (or to insert, with action «insert»)
    action: str = ""  # replace, delete, insert, or empty when only a person can decide


def _plain(text: str) -> str:
    return " ".join(text.lower().replace("ё", "е").split())


# --- Category statements -------------------------------------------------------------------------

_CATEGORY_RU = [
    ("managers", r"руководител|руководящ"),
    ("specialists", r"специалист"),
    ("technical", r"технически\w* исполнител|служащ"),
    ("workers", r"рабоч"),
]
_CATEGORY_STATEMENT_RU = re.compile(
    r"(относ\w*|входит|отнесен\w*|принадлежит)\s+(к|в)\s+(категори\w+|числ\w+|групп\w+|состав\w*)?\s*"
    r"(?P<what>[\w\s-]{0,40}?)(\.|,|;|$|\s+и\s)|к\s+руководящему\s+составу"
)
_CATEGORY_ET = [
    ("managers", r"juht"),
    ("specialists", r"spetsialist"),
    ("technical", r"tehnili"),
    ("workers", r"tööli"),
]
_CATEGORY_STATEMENT_ET = re.compile(r"kuulub\s+(?P<what>[\w\s-]{0,40}?)\s*kategooria")

CATEGORY_STATEMENTS = {
    "ru": {
        "managers": "{position} относится к категории руководителей.",
        "specialists": "{position} относится к категории специалистов.",
        "technical": "{position} относится к категории технических исполнителей.",
        "workers": "{position} относится к категории рабочих.",
    },
    "et": {
        "managers": "{position} kuulub juhtide kategooriasse.",
        "specialists": "{position} kuulub spetsialistide kategooriasse.",
        "technical": "{position} kuulub tehniliste töötajate kategooriasse.",
        "workers": "{position} kuulub tööliste kategooriasse.",
    },
}


def category_statement(text: str, language: str = "ru") -> str | None:
    """The category a clause says the position belongs to («относится к категории рабочих»), or None."""
    plain = _plain(text)
    if language == "et":
        match = _CATEGORY_STATEMENT_ET.search(plain)
        patterns = _CATEGORY_ET
    else:
        match = _CATEGORY_STATEMENT_RU.search(plain)
        patterns = _CATEGORY_RU
        if match and match.group(0).startswith("к руководящему"):
            return "managers"
    if not match:
        return None
    what = match.group("what") or ""
    for category, pattern in patterns:
        if re.search(pattern, what):
            return category
    return None


def category_conflicts(texts: list[str], category: str, language: str = "ru") -> list[Finding]:
    """Clauses stating a category other than the position's, each with the right statement as the fix."""
    findings = []
    for index, text in enumerate(texts):
        stated = category_statement(text, language)
        if stated and stated != category:
            findings.append(
                Finding(
                    "category",
                    _("The clause puts the position among %(stated)s, but the position's category is %(category)s.")
                    % {"stated": _category_label(stated), "category": _category_label(category)},
                    (index,),
                    CATEGORY_STATEMENTS[language if language in CATEGORY_STATEMENTS else "ru"][category],
                    "replace",
                )
            )
    return findings


def _category_label(category: str) -> str:

    return str(Category(category).label)


# --- Subordination -------------------------------------------------------------------------------

_DIRECT_RU = re.compile(
    r"(?<!\w)(?:подчиняется|подчинен[а]?\b|подотчетен[а]?\b|находится\s+в\s+(?:непосредственном\s+)?подчинении"
    r"|прямое\s+подчинение|непосредственный\s+руководитель)\s*(?:непосредственно\s+)?(?:у\s+|:\s*|—\s*)?"
    r"(?P<whom>[^.;,()]+)"
)
_INDIRECT_RU = re.compile(r"дополнительн|функциональн|административн\w+ подчин")
_DIRECT_ET = re.compile(
    r"(?:allub|vahetu\s+juht\s+on|otsene\s+juht\s+on)\s*(?:vahetult\s+|otseselt\s+)?(?P<whom>[^.;,()]+)"
)
MANAGER_PLACEHOLDER = re.compile(r"\{\s*manager\b")
SUBORDINATION_CLAUSES = {
    "ru": "{position} подчиняется непосредственно {manager:datv}.",
    "et": "Töötaja vahetu juht on {manager}.",
}


def subordinate_to(text: str, language: str = "ru") -> str | None:
    """Whom a clause says the position reports to directly, as written («начальнику отдела продаж»).

    «{manager}» when it names the position's manager through the placeholder; None when the clause
    says nothing of direct subordination (an additional or functional one is not a contradiction).
    """
    if MANAGER_PLACEHOLDER.search(text):
        return "{manager}"
    pattern = _DIRECT_ET if language == "et" else _DIRECT_RU
    plain = _plain(text)
    if language != "et" and _INDIRECT_RU.search(plain):
        return None
    match = pattern.search(plain)
    if not match:
        return None
    whom = re.split(r"\s+(?:и|,|выполняет|исполняет|ja)\s+", match.group("whom").strip())[0]
    return whom.strip(" :—-") or None


def subordination_conflicts(texts: list[str], reports_to: str, language: str = "ru") -> list[Finding]:
    """Clauses naming a direct manager other than the position's `reports_to` (a title, or empty)."""
    findings = []
    expected = set(similarity.lemmas(reports_to, language)) if reports_to else set()
    fix = SUBORDINATION_CLAUSES.get(language, SUBORDINATION_CLAUSES["ru"])
    for index, text in enumerate(texts):
        whom = subordinate_to(text, language)
        if whom is None:
            continue
        if whom == "{manager}":
            if not reports_to:
                findings.append(
                    Finding(
                        "subordination",
                        _("The clause names the position's manager, but the position reports to no one."),
                        (index,),
                    )
                )
            continue
        named = set(similarity.lemmas(whom, language))
        if not reports_to:
            message = _("The clause says the position reports to «%(whom)s», but the position reports to no one.")
            findings.append(Finding("subordination", message % {"whom": whom}, (index,)))
        elif named != expected:
            message = _("The clause says the position reports to «%(whom)s», but it reports to «%(manager)s».")
            findings.append(
                Finding("subordination", message % {"whom": whom, "manager": reports_to}, (index,), fix, "replace")
            )
    return findings


# --- Qualification -------------------------------------------------------------------------------

# Levels of education from the lowest; the first pattern that matches an alternative names its level.
_EDUCATION_RU = [
    (4, r"высш"),
    (3, r"средн\w*\s+(профессиональн|специальн)|среднее\s+профессиональное|средне-специальн"),
    (2, r"начальн\w*\s+профессиональн|профессиональн\w*\s+обучени|профессиональн\w+\s+подготовк"),
    (1, r"средн"),
]
_EDUCATION_ET = [
    (4, r"kõrg"),
    (3, r"kutseharidus|keskeriharidus"),
    (1, r"keskharidus|põhiharidus"),
]
_EDUCATION_WORD = {"ru": re.compile(r"образовани"), "et": re.compile(r"haridus")}
_EXPERIENCE_RU = re.compile(
    r"(стаж\w*|опыт\w*)[^.;]*?(не\s+менее|от|более)\s+(?P<n>\d+(?:[,.]\d+)?|одного|двух|трех|пяти)\s*(?P<unit>лет|год|месяц)"
)
_NO_EXPERIENCE_RU = re.compile(
    r"без\s+(предъявления\s+)?требовани\w+\s+к\s+(стажу|опыту)|стаж\w*\s+(работы\s+)?не\s+требуется"
)
_NUMBER_WORDS = {"одного": 1, "двух": 2, "трех": 3, "пяти": 5}
_LEVEL_NAMES = {
    1: gettext_lazy("secondary general"),
    2: gettext_lazy("vocational training"),
    3: gettext_lazy("secondary vocational"),
    4: gettext_lazy("higher"),
}


def education_level(text: str, language: str = "ru") -> int | None:
    """The lowest level of education a clause accepts (1 secondary … 4 higher), or None if it names none."""
    plain = _plain(text)
    if not _EDUCATION_WORD.get(language, _EDUCATION_WORD["ru"]).search(plain):
        return None
    levels = []
    for alternative in re.split(r"\s+или\s+|\s+либо\s+|\s+või\s+", plain):
        for level, pattern in _EDUCATION_ET if language == "et" else _EDUCATION_RU:
            if re.search(pattern, alternative):
                levels.append(level)
                break
    return min(levels) if levels else None


def experience_years(text: str) -> float | None:
    """The years of experience a Russian clause requires (0 when it says none are needed), or None."""
    plain = _plain(text)
    if _NO_EXPERIENCE_RU.search(plain):
        return 0.0
    match = _EXPERIENCE_RU.search(plain)
    if not match:
        return None
    number = match.group("n")
    value = _NUMBER_WORDS.get(number) or float(number.replace(",", "."))
    return value / 12 if match.group("unit").startswith("месяц") else float(value)


def qualification_conflicts(texts: list[str], language: str = "ru") -> list[Finding]:
    """Requirements that cannot all hold: different levels of education, or different experience."""
    findings = []
    levels = [(index, education_level(text, language)) for index, text in enumerate(texts)]
    levels = [(index, level) for index, level in levels if level is not None]
    if len({level for _index, level in levels}) > 1:
        findings.append(
            Finding(
                "qualification",
                _("The clauses ask for different education (%(levels)s); keep the one the post needs.")
                % {"levels": ", ".join(str(_LEVEL_NAMES[level]) for level in sorted({lv for _i, lv in levels}))},
                tuple(index for index, _level in levels),
            )
        )
    if language == "ru":
        years = [(index, experience_years(text)) for index, text in enumerate(texts)]
        years = [(index, value) for index, value in years if value is not None]
        if len({value for _index, value in years}) > 1:
            findings.append(
                Finding(
                    "qualification",
                    _("The clauses ask for different work experience; keep one requirement."),
                    tuple(index for index, _value in years),
                )
            )
    return findings


# --- Labour law ----------------------------------------------------------------------------------

_FINE_RU = re.compile(
    r"штраф|денежн\w+\s+(взыскани|санкци|наказани)|"
    r"(удержани|вычет|лишени|снижени|уменьшени)\w*[^.;]{0,40}(заработн|зарплат|оплат\w+ труда|переменн\w+ част|преми)"
    r"|в\s+пределах\s+переменной\s+части"
)
_DAMAGE_RU = re.compile(r"ущерб|возмещени")
_FINE_ET = re.compile(r"trahv|palgast\s+kinni|töötasu\s+vähendami")
_FULL_LIABILITY_RU = re.compile(r"полн\w+\s+(индивидуальн\w+\s+|коллективн\w+\s+)?материальн\w+\s+ответственност")
_FULL_LIABILITY_ET = re.compile(r"täielik\w*\s+materiaal\w+\s+vastutus")
# The posts and works of the government's list (Постановление Минтруда России от 31.12.2002 № 85):
# lemmas of the titles that may sign a full liability agreement.
FULL_LIABILITY_POSTS = {
    "кассир",
    "контролер",
    "кассир-контролер",
    "кладовщик",
    "кладовая",
    "склад",
    "товаровед",
    "экспедитор",
    "водитель-экспедитор",
    "продавец",
    "продавец-кассир",
    "инкассатор",
    "буфетчик",
    "бармен",
    "заведующий",
    "администратор",
    "агент",
    "снабжение",
    "приемщик",
    "раздатчик",
    "комплектовщик",
    "кастелянша",
    "завхоз",
    "хозяйство",
    "материально-ответственный",
    "сборщик",
    "повар",
    "официант",
    "аптека",
    "фармацевт",
    "провизор",
}
_RESPONSIBLE_WORDS = {
    "ru": re.compile(r"ответственност"),
    "et": re.compile(r"vastut"),
}
LEAD_INS = {"ru": "{position} несёт ответственность за:", "et": "{position} vastutab:"}
LAWFUL_DAMAGE = {
    "ru": "Причинение материального ущерба работодателю — в пределах, определённых трудовым и гражданским "
    "законодательством Российской Федерации.",
    "et": "Tööandjale varalise kahju tekitamise eest — õigusaktidega kehtestatud piirides.",
}


def unlawful(text: str, *, title: str = "", language: str = "ru") -> list[Finding]:
    """What makes one clause break labour law: a fine or deduction as a punishment, or full liability off the list."""
    plain = _plain(text)
    findings = []
    fine = _FINE_ET if language == "et" else _FINE_RU
    if fine.search(plain) and not (language == "ru" and _DAMAGE_RU.search(plain) and "штраф" not in plain):
        findings.append(
            Finding(
                "fine",
                _(
                    "Fines and pay deductions are not disciplinary sanctions: the Labour Code (art. 192) allows "
                    "only a remark, a reprimand and dismissal. Delete the clause or describe the bonus rules in "
                    "the pay regulations instead."
                ),
                (0,),
                action="delete",
            )
        )
    liability = _FULL_LIABILITY_ET if language == "et" else _FULL_LIABILITY_RU
    if liability.search(plain) and not full_liability_allowed(title, language):
        findings.append(
            Finding(
                "full_liability",
                _(
                    "Full material liability needs a post or work on the government's list (Labour Code art. 244, "
                    "Ministry of Labour resolution no. 85) and a written agreement; «%(title)s» is not on it. "
                    "Without them an employee answers for damage within their average monthly pay (art. 241)."
                )
                % {"title": title or _("this position")},
                (0,),
                LAWFUL_DAMAGE.get(language, LAWFUL_DAMAGE["ru"]),
                "replace",
            )
        )
    return findings


def full_liability_allowed(title: str, language: str = "ru") -> bool:
    """Whether a post's title is one the government's list lets sign a full liability agreement."""
    if language != "ru" or not title:
        return False
    words = set(similarity.lemmas(title, "ru")) | {word.lower().replace("ё", "е") for word in title.split()}
    return bool(words & FULL_LIABILITY_POSTS)


def missing_lead_in(texts: list[str], language: str = "ru") -> Finding | None:
    """A responsibility section whose clauses never say who is responsible: the lead-in to insert first."""
    if not texts:
        return None
    responsible = _RESPONSIBLE_WORDS.get(language, _RESPONSIBLE_WORDS["ru"])
    if any(responsible.search(_plain(text)) for text in texts):
        return None
    return Finding(
        "lead_in",
        _(
            "The responsibility section lists items without saying who is responsible for them; "
            "start it with «%(lead_in)s»"
        )
        % {"lead_in": LEAD_INS.get(language, LEAD_INS["ru"])},
        (),
        LEAD_INS.get(language, LEAD_INS["ru"]),
        "insert",
    )


# --- Duplicates ----------------------------------------------------------------------------------

_NORMAL_RE = re.compile(r"[^\w{}:]+")


def normalised(text: str) -> str:
    """The text as duplicates are compared: lower case, ё as е, no punctuation or spacing differences."""
    return _NORMAL_RE.sub(" ", _plain(text)).strip()


def duplicate_pairs(
    texts: list[str], language: str = "ru", *, threshold: float | None = None
) -> list[tuple[int, int, float]]:
    """(first, second, similarity) of every pair that says the same thing: equal or nearly equal in meaning.

    A pair is a near-duplicate when the model finds it at least `threshold` similar (the model's own
    duplicate threshold by default) and the two share most of their words, so that «принимает товар»
    and «выдаёт товар», close in meaning to a model, are not taken for one clause.
    """
    if len(texts) < 2:
        return []
    model = similarity.model()
    threshold = model.duplicate if threshold is None else threshold
    matrix = similarity.vectors(texts, language)
    closeness = matrix @ matrix.T
    keys = [normalised(text) for text in texts]
    words = [set(similarity.lemmas(text, language)) for text in texts]
    pairs = []
    for first, second in combinations(range(len(texts)), 2):
        if keys[first] == keys[second]:
            pairs.append((first, second, 1.0))
        elif (
            closeness[first, second] >= threshold
            and _share_words(words[first], words[second])
            and not _say_different_things(texts[first], texts[second], language)
        ):
            pairs.append((first, second, float(closeness[first, second])))
    return pairs


def _say_different_things(first: str, second: str, language: str) -> bool:
    """Two clauses alike in words that still disagree: another category, manager or requirement."""
    readings = (
        category_statement,
        subordinate_to,
        education_level,
        lambda text, _language: experience_years(text) if language == "ru" else None,
    )
    for read in readings:
        a, b = read(first, language), read(second, language)
        if a is not None and b is not None and a != b:
            return True
    return False


def _excerpt(text: str, length: int = 80) -> str:
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def _share_words(first: set, second: set) -> bool:
    if not first or not second:
        return first == second
    return len(first & second) / min(len(first), len(second)) >= 0.6


def duplicates(texts: list[str], language: str = "ru") -> list[Finding]:
    """Each later clause that repeats an earlier one, with the fix of deleting it."""
    findings = []
    for first, second, closeness in duplicate_pairs(texts, language):
        message = (
            _("The clause repeats «%(other)s».")
            if closeness >= 1
            else _("The clause says nearly the same as «%(other)s».")
        )
        findings.append(
            Finding("duplicate", message % {"other": _excerpt(texts[first])}, (second, first), action="delete")
        )
    return findings
