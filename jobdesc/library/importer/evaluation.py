"""How well the importer reads a document, against a gold file that says what a person reads in it.

A gold file is JSON: `{"title": str | null, "language": str, "clauses": [{"kind", "text"}, …]}` with
every clause and sub-item in source order and no lead-in that only introduces a list. Over a set of
documents: recall is the share of gold clauses found, section accuracy the share of those found in
their gold section, precision the share of clauses found that are gold clauses.
"""

import json
import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

from .documents import Document

SIMILAR = 0.9
NON_WORD_RE = re.compile(r"[^\w]+")


def normalised(text: str) -> str:
    return " ".join(NON_WORD_RE.sub(" ", text.lower().replace("ё", "е")).split())


@dataclass
class Score:
    gold: int = 0
    found: int = 0
    matched: int = 0
    right_section: int = 0
    titles: int = 0
    right_titles: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, other: "Score"):
        for name in ("gold", "found", "matched", "right_section", "titles", "right_titles"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.misses.extend(other.misses)

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 1.0

    @property
    def section_accuracy(self) -> float:
        return self.right_section / self.matched if self.matched else 0.0

    @property
    def precision(self) -> float:
        return self.matched / self.found if self.found else 0.0

    @property
    def title_accuracy(self) -> float:
        return self.right_titles / self.titles if self.titles else 1.0

    def summary(self) -> str:
        return (
            f"recall {self.recall:.3f}, section accuracy {self.section_accuracy:.3f}, "
            f"precision {self.precision:.3f}, titles {self.title_accuracy:.3f} "
            f"({self.matched}/{self.gold} gold clauses found, {self.found} clauses extracted)"
        )


def score(gold: dict, document: Document | None, name: str = "") -> Score:
    result = Score(gold=len(gold["clauses"]))
    if gold.get("title") is not None:
        result.titles = 1
        result.right_titles = int(document is not None and normalised(document.title) == normalised(gold["title"]))
    found = []
    if document is not None:
        found = [(section.kind, text) for section in document.sections() for text in section.clauses]
    result.found = len(found)
    keys = [normalised(text) for _kind, text in found]
    used = set()
    for expected in gold["clauses"]:
        key = normalised(expected["text"])
        match = next((index for index, other in enumerate(keys) if index not in used and other == key), None)
        if match is None:
            match = next(
                (
                    index
                    for index, other in enumerate(keys)
                    if index not in used and SequenceMatcher(None, key, other, autojunk=False).ratio() >= SIMILAR
                ),
                None,
            )
        if match is None:
            result.misses.append(f"{name}: missing [{expected['kind']}] {expected['text']}")
            continue
        used.add(match)
        result.matched += 1
        if found[match][0] == expected["kind"]:
            result.right_section += 1
        else:
            result.misses.append(f"{name}: [{found[match][0]} ≠ {expected['kind']}] {expected['text']}")
    for index, (kind, text) in enumerate(found):
        if index not in used:
            result.misses.append(f"{name}: extra [{kind}] {text}")
    return result


def evaluate(folder, parse) -> tuple[Score, dict[str, Score]]:
    """The score over every document of `folder` that has a gold file beside it, in total and per format.

    `parse(path)` returns the document the importer makes of a file, or None when it refuses it.
    """
    total, by_format = Score(), {}
    for gold_path in sorted(Path(folder).glob("*.gold.json")):
        path = gold_path.with_name(gold_path.name.removesuffix(".gold.json"))
        result = score(json.loads(gold_path.read_text(encoding="utf-8")), parse(path), path.name)
        total.add(result)
        by_format.setdefault(path.suffix.lstrip("."), Score()).add(result)
    return total, by_format
