"""Differences between two versions, section by section: added, removed, moved and reworded clauses.

Clauses are matched by their lineage key (kept when a new version is made from the previous one),
and, for clauses without a common key, by near-identical text. Reworded clauses carry a word-level
diff. The order is compared on the matched clauses: those outside the longest common subsequence
have moved.
"""

import bisect
import difflib
import re
from dataclasses import dataclass, field

from jobdesc.instructions.selectors import outline

SIMILAR_ENOUGH = 0.6


@dataclass
class Word:
    text: str
    change: str  # "", "added" or "removed"


@dataclass
class ClauseChange:
    kind: str  # "same", "added", "removed", "reworded", "moved", "moved-reworded"
    number: str
    old_number: str = ""
    words: list[Word] = field(default_factory=list)
    text: str = ""


@dataclass
class SectionChanges:
    title: str
    code: str
    changes: list[ClauseChange]

    @property
    def changed(self):
        return any(change.kind != "same" for change in self.changes)


def _flat(section):
    for entry in section.items:
        yield entry
        yield from entry.children


def word_diff(old: str, new: str) -> list[Word]:
    # A word carries the space before it and punctuation stands alone, so «клиентов.» →
    # «клиентов по телефону.» shows just « по телефону» as added.
    a, b = _tokens(old), _tokens(new)
    words = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            words.append(Word("".join(a[i1:i2]), ""))
            continue
        if op in ("delete", "replace"):
            words.append(Word("".join(a[i1:i2]), "removed"))
        if op in ("insert", "replace"):
            words.append(Word("".join(b[j1:j2]), "added"))
    return words


def _tokens(text):
    return re.findall(r"\s*[\w-]+|\s*[^\w\s]+|\s+", text)


def _similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(a=a.split(), b=b.split(), autojunk=False).ratio()


def compare(old_version, new_version) -> list[SectionChanges]:
    old_sections = {s.section.kind.code: s for s in outline(old_version)}
    new_sections = {s.section.kind.code: s for s in outline(new_version)}
    order = list(new_sections) + [code for code in old_sections if code not in new_sections]
    return [_compare_section(old_sections.get(code), new_sections.get(code), code) for code in order]


def _compare_section(old, new, code):
    old_entries = list(_flat(old)) if old else []
    new_entries = list(_flat(new)) if new else []
    by_key = {entry.item.key: entry for entry in old_entries}
    matched = {}  # new entry index -> old entry
    used = set()
    for index, entry in enumerate(new_entries):
        previous = by_key.get(entry.item.key)
        if previous is not None:
            matched[index] = previous
            used.add(previous.item.pk)
    for index, entry in enumerate(new_entries):
        if index in matched:
            continue
        candidates = [o for o in old_entries if o.item.pk not in used]
        best = max(candidates, key=lambda o: _similarity(o.item.text, entry.item.text), default=None)
        if best is not None and _similarity(best.item.text, entry.item.text) >= SIMILAR_ENOUGH:
            matched[index] = best
            used.add(best.item.pk)

    old_positions = {entry.item.pk: position for position, entry in enumerate(old_entries)}
    sequence = [old_positions[matched[i].item.pk] for i in range(len(new_entries)) if i in matched]
    in_place = {old_entries[p].item.pk for p in _longest_increasing(sequence)}

    changes = []
    for index, entry in enumerate(new_entries):
        previous = matched.get(index)
        if previous is None:
            changes.append(ClauseChange("added", entry.number, text=entry.item.text))
            continue
        moved = previous.item.pk not in in_place
        reworded = previous.item.text != entry.item.text
        kind = {
            (False, False): "same",
            (False, True): "reworded",
            (True, False): "moved",
            (True, True): "moved-reworded",
        }[(moved, reworded)]
        words = word_diff(previous.item.text, entry.item.text) if reworded else []
        changes.append(ClauseChange(kind, entry.number, previous.number, words, entry.item.text))
    for entry in old_entries:
        if entry.item.pk not in used:
            changes.append(ClauseChange("removed", "", entry.number, text=entry.item.text))
    title = (new or old).title
    return SectionChanges(title, code, changes)


def _longest_increasing(sequence):
    """Values of one longest strictly increasing subsequence (patience sorting, O(n log n))."""
    tails, tails_index, parents = [], [], [None] * len(sequence)
    for i, value in enumerate(sequence):
        position = bisect.bisect_left(tails, value)
        if position == len(tails):
            tails.append(value)
            tails_index.append(i)
        else:
            tails[position] = value
            tails_index[position] = i
        parents[i] = tails_index[position - 1] if position else None
    result, i = [], tails_index[-1] if tails_index else None
    while i is not None:
        result.append(sequence[i])
        i = parents[i]
    return result
