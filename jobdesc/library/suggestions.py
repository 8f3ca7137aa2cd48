"""The clauses to suggest for a new instruction, from plain facts about the position.

For each section the engine returns the clauses to insert and, apart from them, the nearest clauses
to offer without inserting. It picks by relevance to the position, never by taking one source
document whole:

- the standard clause sets of the position's category (`clause_sets.toml`, and an organisation's own
  standard clauses) give the general provisions, subordination, rights, responsibility, relationships
  and final provisions of every post;
- a profession's own clauses (duties, knowledge, qualification …) are inserted only when the
  position's title names that profession; for a post the library does not cover, those sections stay
  empty and are flagged for HR, with the library's nearest clauses in meaning offered;
- nothing inserted contradicts the position: a clause that states another category, names another
  manager than the position's, asks for another education than a clause already chosen, breaks
  labour law, needs a placeholder the position cannot fill, or repeats a chosen clause, is left out
  (and offered, where HR may still want it).
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from jobdesc.grammar import placeholders

from . import similarity, text_checks
from .fitness import GENERIC_TITLE_WORDS
from .models import Clause
from .sections import MANDATORY_CODES, SECTION_CODES

# Sections whose clauses describe the work itself: a profession's, or nothing.
PROFESSION_SECTIONS = [
    "qualification",
    "knowledge",
    "skills",
    "functions",
    "duties",
    "working_conditions",
    "evaluation",
]
# Sections the standard sets fill for every post; a matching profession adds its own rights.
STANDARD_SECTIONS = ["general", "subordination", "rights", "responsibility", "relationships", "final"]
PROFESSION_ALSO = ["rights"]
PER_SECTION = 15
OFFERED = 8
# How alike a position's title and a clause's profession must be for the clause to be the position's.
PROFESSION_MATCH = 0.5


@dataclass
class SectionSuggestion:
    code: str
    insert: list = field(default_factory=list)  # Clause objects, in order; an item follows its lead-in
    offer: list = field(default_factory=list)  # the nearest clauses, to show but not insert
    needs_attention: bool = False
    notes: list[str] = field(default_factory=list)


@dataclass
class Suggestion:
    sections: dict[str, SectionSuggestion]
    profession: str = ""  # the library profession the position was recognised as, if any

    def clause_ids(self) -> list[int]:
        """Every clause to insert, section by section in printing order."""
        return [clause.pk for code in SECTION_CODES if code in self.sections for clause in self.sections[code].insert]

    def flagged(self) -> list[str]:
        """Codes of the sections HR has to write or check themselves."""
        return [code for code in SECTION_CODES if code in self.sections and self.sections[code].needs_attention]


def profession_match(title: str, profession: str, language: str = "ru") -> float:
    """How far `profession` names the same post as `title`: 1 for the same title, 0 for another post.

    The head nouns must agree («менеджер» ≠ «директор»), and then the words that say what the post is
    about («продажам», «клиентами») are compared: «менеджер по продажам» is not «менеджер по работе
    с клиентами».
    """
    first, second = similarity.lemmas(title, language), similarity.lemmas(profession, language)
    if not first or not second:
        return 0.0
    if first == second:
        return 1.0
    if first[0] != second[0]:
        return 0.0
    topical_first = set(first[1:]) - GENERIC_TITLE_WORDS or set(first)
    topical_second = set(second[1:]) - GENERIC_TITLE_WORDS or set(second)
    return len(topical_first & topical_second) / len(topical_first | topical_second)


def suggest(
    *,
    organisation=None,
    title: str,
    category: str,
    department: str = "",
    reports_to: str = "",
    head_position: str = "",
    language: str = "ru",
) -> Suggestion:
    """The clauses to insert and to offer, per section kind, for a position described by plain values."""
    clauses = (
        (
            Clause.objects.visible_to(organisation)
            if organisation is not None
            else Clause.objects.filter(organisation=None)
        )
        .active()
        .filter(language=language)
        .select_related("section")
    )
    # The organisation's own clauses first: where two say the same, its wording wins.
    candidates = sorted(clauses, key=lambda clause: (clause.organisation_id is None, clause.section.order, clause.pk))

    # The head's own instruction cannot say the head appoints them («директор назначается приказом директора»).
    is_head = bool(head_position) and profession_match(title, head_position, language) >= 1
    available = {"position"} | {
        name
        for name, value in (
            ("manager", reports_to),
            ("department", department),
            ("head_position", head_position and not is_head),
            ("organisation", organisation),
        )
        if value
    }
    matched = _matched_profession(title, candidates, language)
    context = _Context(title, category, reports_to, language, available, matched)
    # Clauses of the position's category are inserted; any other may still be offered as the nearest.
    by_section: dict[str, list] = {}
    others: dict[str, list] = {}
    for clause in candidates:
        if clause.suits(category):
            by_section.setdefault(clause.section.code, []).append(clause)
        elif not text_checks.category_statement(clause.text, language):
            others.setdefault(clause.section.code, []).append(clause)
    sections = {}
    for code in SECTION_CODES:
        section = SectionSuggestion(code)
        pool = by_section.get(code, [])
        chosen = []
        if code in STANDARD_SECTIONS:
            chosen += [clause for clause in pool if clause.standard]
        if code in PROFESSION_SECTIONS or code in PROFESSION_ALSO:
            chosen += [clause for clause in pool if not clause.standard and context.is_positions(clause)][:PER_SECTION]
        section.insert, left_out = _consistent(chosen, context, code)
        rest = [clause for clause in pool if clause not in section.insert] + others.get(code, [])
        if code in PROFESSION_SECTIONS and not section.insert:
            section.needs_attention = code in MANDATORY_CODES
            if section.needs_attention:
                section.notes.append(
                    _("The library has no clauses of this post for this section: write them, or take one offered.")
                )
        if code == "general" and is_head:
            section.needs_attention = True
            section.notes.append(_("Write who appoints the head of the organisation (its owners or board)."))
        if code == "subordination" and not reports_to:
            section.needs_attention = True
            section.notes.append(_("The position reports to no one: set «reports to» on the position."))
        if left_out or section.needs_attention or code in PROFESSION_ALSO:
            pool = [clause for clause in dict.fromkeys([*left_out, *rest]) if not _wrong_for(clause, context)]
            section.offer = _nearest(title, department, language, pool, section.insert, OFFERED)
        if section.insert or section.offer or section.needs_attention:
            sections[code] = section
    return Suggestion(sections=sections, profession=matched)


@dataclass
class _Context:
    title: str
    category: str
    reports_to: str
    language: str
    available: set
    profession: str

    def is_positions(self, clause) -> bool:
        return bool(self.profession) and self.profession in clause.professions


def _matched_profession(title: str, candidates, language: str) -> str:
    """The library profession that is the position's own, or empty when the library does not cover it."""
    best, best_score = "", 0.0
    for name in sorted({name for clause in candidates for name in clause.professions}):
        score = profession_match(title, name, language)
        if score > best_score:
            best, best_score = name, score
    return best if best_score >= PROFESSION_MATCH else ""


def _consistent(chosen, context: _Context, code: str):
    """The chosen clauses that agree with the position and with each other, and those left out."""
    kept, left_out = [], []
    lead_ins = {clause.pk for clause in chosen if clause.text.rstrip().endswith(":")}
    for clause in chosen:
        texts = [kept_clause.text for kept_clause in kept]
        if _contradicts(clause, context, texts, code) or (clause.lead_in_id and clause.lead_in_id not in lead_ins):
            left_out.append(clause)
            continue
        kept.append(clause)
    return kept, left_out


def _wrong_for(clause, context: _Context) -> bool:
    """A clause not even to offer: it contradicts the position's category or manager, or labour law."""
    text, language = clause.text, context.language
    return bool(
        text_checks.category_conflicts([text], context.category, language)
        or text_checks.subordination_conflicts([text], context.reports_to, language)
        or text_checks.unlawful(text, title=context.title, language=language)
    )


def _contradicts(clause, context: _Context, kept_texts: list[str], code: str) -> bool:
    text, language = clause.text, context.language
    if placeholders.errors(text, context.available) or _wrong_for(clause, context):
        return True
    if code == "qualification" and text_checks.qualification_conflicts([*kept_texts, text], language):
        return True
    return bool(kept_texts) and any(
        second == len(kept_texts)
        for _first, second, _score in text_checks.duplicate_pairs([*kept_texts, text], language)
    )


def _nearest(title: str, department: str, language: str, pool, inserted, count: int) -> list:
    """The `count` clauses of `pool` nearest in meaning to the position's title (and department).

    A clause that repeats one already inserted is not offered again.
    """
    if not pool:
        return []
    query = f"{title} {department}".strip()
    matrix = similarity.clause_vectors([(clause.pk, clause.language, clause.text) for clause in pool])
    closeness = matrix @ similarity.query_vector(query, language)
    order = sorted(range(len(pool)), key=lambda index: -float(closeness[index]))
    ranked = [pool[index] for index in order[: count * 3]]
    texts = [clause.text for clause in inserted]
    repeated = {
        second - len(texts)
        for first, second, _score in text_checks.duplicate_pairs([*texts, *(c.text for c in ranked)], language)
        if first < len(texts) <= second
    }
    return [clause for index, clause in enumerate(ranked) if index not in repeated][:count]


def offer(
    *,
    organisation,
    section_code: str,
    title: str,
    category: str,
    department: str = "",
    reports_to: str = "",
    language: str = "ru",
    present=(),
    count: int = OFFERED,
) -> list:
    """The clauses of one section nearest in meaning to the position, none contradicting it.

    What the editor offers for a section HR has to write: clauses of another category are offered
    only when they do not state one, and a clause repeating one of `present` (objects with `.text`,
    the draft's items) is not offered again.
    """
    clauses = (
        Clause.objects.visible_to(organisation)
        .active()
        .filter(language=language, section__code=section_code)
        .select_related("section")
    )
    context = _Context(title, category, reports_to, language, set(), "")
    pool = [
        clause
        for clause in clauses
        if (clause.suits(category) or not text_checks.category_statement(clause.text, language))
        and not _wrong_for(clause, context)
    ]
    return _nearest(title, department, language, pool, list(present), count)
