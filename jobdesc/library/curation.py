"""Building the shared clause library: the seed documents through the importer and the reviewed curation
file, then the team's clause sets for every category of post (`clause_sets.toml`).

The curation file (`curation.toml`) names, per seed, the documents to retitle or leave out, the clauses
to drop, move to another section or correct, and what a clause suits where the rules of `fitness.py`
get it wrong. Every rule must match something, so when the importer changes, a stale rule stops the
build instead of silently doing nothing.
"""

import json
import re
import tomllib
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

from django.utils.translation import gettext as _

from jobdesc.grammar.placeholders import with_placeholders

from . import clause_sets
from .fitness import classify
from .importer import Clause, Document, parse_file
from .importer.classify import normalise
from .importer.paragraphs import ends_sentence
from .importer.positions import tag_name
from .importer.vocabulary import NOISE_RE
from .sections import SECTION_CODES

CURATION_FILE = Path(__file__).with_name("curation.toml")
TIMESTAMP = "2025-01-01T00:00:00Z"
# A lead-in and its items become one library clause unless that would make an unwieldy paragraph.
MAX_MERGED = 600
SIMILAR = 0.9
PLACEHOLDER_RE = re.compile(r"\{[^{}]*\}")
NON_LETTERS_RE = re.compile(r"[^\w ]+")


class CurationError(Exception):
    """The curation file does not fit the seeds: a rule matches nothing or names something unknown."""


@dataclass
class LibraryClause:
    section: str
    language: str
    text: str
    source: str
    tags: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=lambda: ["managers", "specialists", "technical", "workers"])
    # The position it was written for (several joined by «; »); empty: any post.
    profession: str = ""
    standard: bool = False
    # A lead-in's own name, and for an item the name of the lead-in it is listed under.
    key: str = ""
    under: str = ""


@dataclass
class _Rule:
    seed: str
    data: dict
    used: int = 0

    def describe(self) -> str:
        shown = {key: value for key, value in self.data.items() if key != "reason"}
        return f"{self.seed}: {shown}"


class Curation:
    def __init__(self, data: dict):
        self.documents = [_Rule(seed, rule) for seed, rules in data.get("documents", {}).items() for rule in rules]
        self.drops = [_Rule(seed, rule) for seed, rules in data.get("drop", {}).items() for rule in rules]
        self.moves = [_Rule(seed, rule) for seed, rules in data.get("move", {}).items() for rule in rules]
        self.fixes = [_Rule(seed, rule) for seed, rules in data.get("fix", {}).items() for rule in rules]
        self.suits = [_Rule(seed, rule) for seed, rules in data.get("suits", {}).items() for rule in rules]
        for rule in self.suits:
            unknown = set(rule.data.get("categories", [])) - set(clause_sets.CATEGORIES)
            if unknown:
                raise CurationError(
                    _("Unknown category «%(code)s» in %(rule)s.")
                    % {"code": sorted(unknown)[0], "rule": rule.describe()}
                )
        named = [(rule, rule.data["section"]) for rule in self.moves]
        named += [(rule, code) for rule in self.documents for code in rule.data.get("drop_sections", [])]
        for rule, code in named:
            if code not in SECTION_CODES:
                raise CurationError(
                    _("Unknown section «%(code)s» in %(rule)s.") % {"code": code, "rule": rule.describe()}
                )

    @classmethod
    def load(cls, path=CURATION_FILE) -> "Curation":
        with open(path, "rb") as handle:
            return cls(tomllib.load(handle))

    def unused(self) -> list[_Rule]:
        return [rule for rule in self.documents + self.drops + self.moves + self.fixes + self.suits if not rule.used]

    def suiting(self, seed: str, clause: LibraryClause, title: str) -> None:
        """Apply the reviewed correction of what the clause suits, if there is one."""
        rule = self._matching(self.suits, seed, clause.text)
        if rule is None:
            return
        if "categories" in rule:
            clause.categories = list(rule["categories"])
        if "profession" in rule:
            clause.profession = title if rule["profession"] else ""

    def curate(self, seed: str, documents: list[Document]) -> list[Document]:
        kept = []
        for document in documents:
            rule = self._document_rule(seed, document)
            if rule is not None:
                if rule.get("drop"):
                    continue
                document.title = rule.get("title", document.title)
                document.aliases = [*document.aliases, *rule.get("aliases", [])]
                dropped = set(rule.get("drop_sections", []))
                document.clauses = [clause for clause in document.clauses if clause.kind not in dropped]
            document.clauses = self._curate_clauses(seed, document.clauses)
            kept.append(document)
        return kept

    def _document_rule(self, seed: str, document: Document) -> dict | None:
        first = document.clauses[0].text if document.clauses else ""
        for rule in self.documents:
            if rule.seed == seed and first.startswith(rule.data["first"]):
                rule.used += 1
                return rule.data
        return None

    def _curate_clauses(self, seed: str, clauses: list[Clause]) -> list[Clause]:
        kept = []
        dropped_groups = set()
        for clause in clauses:
            if clause.group in dropped_groups and not clause.lead_in:
                continue
            drop = self._matching(self.drops, seed, clause.text)
            if drop is not None:
                if clause.lead_in and drop.get("items"):
                    dropped_groups.add(clause.group)
                continue
            move = self._matching(self.moves, seed, clause.text)
            if move is not None:
                clause.kind = move["section"]
            for rule in self.fixes:
                if rule.seed == seed and rule.data["find"] in clause.text:
                    rule.used += 1
                    clause.text = clause.text.replace(rule.data["find"], rule.data["replace"])
            kept.append(clause)
        return kept

    @staticmethod
    def _matching(rules: list[_Rule], seed: str, text: str) -> dict | None:
        for rule in rules:
            if rule.seed == seed and text.startswith(rule.data["text"]):
                rule.used += 1
                return rule.data
        return None


def build_library(seeds_dir, curation: Curation, sets=clause_sets.CLAUSE_SETS_FILE) -> list[LibraryClause]:
    """The shared library from every seed in `seeds_dir`, curated, merged, then the clause sets (`sets`,
    None for none), in section order."""
    seeds = sorted(Path(seeds_dir).glob("*.txt"))
    if not seeds:
        raise CurationError(_("No seed documents (*.txt) in %(path)s.") % {"path": seeds_dir})
    library: list[LibraryClause] = []
    for seed in seeds:
        documents = curation.curate(seed.name, parse_file(seed))
        for document in documents:
            library.extend(_library_clauses(document, seed.name, curation))
    unused = curation.unused()
    if unused:
        raise CurationError(
            _("Curation rules that match nothing: %(rules)s") % {"rules": "; ".join(r.describe() for r in unused)}
        )
    merged = _merge_duplicates(library)
    noisy = [clause.text for clause in merged if NOISE_RE.search(clause.text)]
    if noisy:
        raise CurationError(_("Noise left in the library: %(texts)s") % {"texts": " | ".join(noisy)})
    if sets is not None:
        merged += clause_sets.library_clauses(sets)
    order = {code: index for index, code in enumerate(SECTION_CODES)}
    return sorted(merged, key=lambda clause: (clause.language != "ru", order[clause.section]))


def _library_clauses(document: Document, source: str, curation: Curation) -> list[LibraryClause]:
    tags = [tag for tag in (tag_name(document.title) if document.title else "", document.language) if tag]
    result = []
    for kind, text in _grouped(document.clauses):
        text = _with_placeholders(polish(text), document)
        categories, profession = classify(kind, text, document.title or "", document.language)
        clause = LibraryClause(
            section=kind,
            language=document.language,
            text=text,
            source=source,
            tags=tags,
            categories=categories,
            profession=profession,
        )
        curation.suiting(source, clause, document.title or "")
        result.append(clause)
    return result


def _grouped(clauses: list[Clause]):
    """(section, text) per library clause: a short lead-in and its items are joined into one sentence."""
    index = 0
    while index < len(clauses):
        clause = clauses[index]
        items = []
        if clause.lead_in:
            following = index + 1
            while following < len(clauses) and clauses[following].group == clause.group:
                items.append(clauses[following])
                following += 1
            joined = _join_items(clause.text, [item.text for item in items])
            if items and len(joined) <= MAX_MERGED:
                yield clause.kind, joined
                index = following
                continue
            if not items and clause.text.endswith(":"):
                # A lead-in whose every item was dropped says nothing on its own.
                index += 1
                continue
        yield clause.kind, clause.text
        index += 1


def _join_items(lead_in: str, items: list[str]) -> str:
    parts = [_lower_first(item.strip().rstrip(";.,")) for item in items]
    return lead_in.rstrip(" :") + ": " + "; ".join(parts) + "."


def _lower_first(text: str) -> str:
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


def polish(text: str) -> str:
    """The clause as the library keeps it: a capitalised sentence ending in a full stop, with proper dashes."""
    text = " ".join(text.split())
    # «(далее – специалист)» defines a short name for one document; the library does not need it.
    text = re.sub(r"\s*\(далее\b[^)]*\)", "", text, flags=re.IGNORECASE)
    text = re.sub(r"\s+([,;:.])", r"\1", text)
    text = re.sub(r"(?<=\S)\s+-\s+(?=\S)", " — ", text)
    text = re.sub(r",\s+—", " —", text)
    text = text.rstrip(";,: ")
    if not ends_sentence(text):
        text += "."
    return text[:1].upper() + text[1:]


def _with_placeholders(text: str, document: Document) -> str:
    """The position's own name, in any case, becomes «{position…}» so the clause fits every position."""
    if document.language == "ru":
        for name in sorted([document.title, *document.aliases], key=len, reverse=True):
            if not name:
                continue
            if len(name.split()) > 1:
                text = with_placeholders(text, name)
            else:
                # A one-word short name («специалист») is only safe as the subject opening the clause.
                text = re.sub(rf"^{re.escape(name)}\b", "{position}", text, flags=re.IGNORECASE)
    elif document.title:
        text = re.sub(rf"^{re.escape(document.title)}\b", "{position}", text)
    return text


def _key(text: str) -> str:
    return NON_LETTERS_RE.sub(" ", normalise(PLACEHOLDER_RE.sub("position", text))).strip()


def _merge_duplicates(clauses: list[LibraryClause]) -> list[LibraryClause]:
    """Keep the first of every group of equal or nearly equal clauses, with the tags of all of them."""
    kept: list[LibraryClause] = []
    keys: list[str] = []
    exact: dict[tuple[str, str], LibraryClause] = {}
    for clause in clauses:
        key = _key(clause.text)
        twin = exact.get((clause.language, key)) or _similar(clause, key, kept, keys)
        if twin is not None:
            twin.tags.extend(tag for tag in clause.tags if tag not in twin.tags)
            twin.categories = [c for c in clause_sets.CATEGORIES if c in twin.categories or c in clause.categories]
            # Nearly the same words in another profession's document: it belongs to both, or to any post.
            if twin.profession and clause.profession:
                names = [*twin.profession.split("; "), *clause.profession.split("; ")]
                twin.profession = "; ".join(dict.fromkeys(names))
            else:
                twin.profession = ""
            continue
        clause.tags = list(clause.tags)
        kept.append(clause)
        keys.append(key)
        exact[(clause.language, key)] = clause
    return kept


def _similar(clause: LibraryClause, key: str, kept: list[LibraryClause], keys: list[str]) -> LibraryClause | None:
    for other, other_key in zip(kept, keys, strict=True):
        if other.language != clause.language:
            continue
        if not 0.8 <= len(key) / max(len(other_key), 1) <= 1.25:
            continue
        matcher = SequenceMatcher(None, key, other_key, autojunk=False)
        if matcher.real_quick_ratio() >= SIMILAR and matcher.quick_ratio() >= SIMILAR and matcher.ratio() >= SIMILAR:
            return other
    return None


def fixture_json(clauses: list[LibraryClause]) -> str:
    """The library as a Django fixture with natural keys and fixed timestamps, so a rebuild is byte-identical."""
    tags = sorted({tag for clause in clauses for tag in clause.tags})
    objects: list[dict] = [{"model": "library.tag", "fields": {"name": tag}} for tag in tags]
    lead_ins = {(clause.language, clause.key): pk for pk, clause in enumerate(clauses, start=1) if clause.key}
    for pk, clause in enumerate(clauses, start=1):
        objects.append(
            {
                "model": "library.clause",
                "pk": pk,
                "fields": {
                    "organisation": None,
                    "section": [clause.section],
                    "language": clause.language,
                    "text": clause.text,
                    "tags": [[tag] for tag in sorted(clause.tags)],
                    "source": clause.source,
                    "is_active": True,
                    **{f"suits_{category}": category in clause.categories for category in clause_sets.CATEGORIES},
                    "profession": clause.profession,
                    "standard": clause.standard,
                    "lead_in": lead_ins[(clause.language, clause.under)] if clause.under else None,
                    "created_at": TIMESTAMP,
                    "updated_at": TIMESTAMP,
                },
            }
        )
    return json.dumps(objects, ensure_ascii=False, indent=2) + "\n"
