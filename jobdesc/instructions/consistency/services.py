"""Comparisons across the organisation's instructions: contradictions between posts and near-duplicate instructions.

Each post is read from its instruction in force, or from its open version when none is in force.
- a post says it reports to X, and X has no instruction, or X is no position of the organisation;
- a post says it reports to X, and X's instruction does not name the post among those it manages;
- two posts both responsible for one duty: near-duplicate duty clauses in two instructions (the
  library's standard clauses, meant for every post, are left out);
- near-duplicate instructions: most clauses of one are in the other.
"""

from dataclasses import dataclass, field
from itertools import combinations

import numpy as np
from django.db.models import Q

from jobdesc.grammar import placeholders
from jobdesc.instructions.models import OPEN_STATUSES, Item, Status, Version
from jobdesc.instructions.record import placeholder_values
from jobdesc.library import similarity, text_checks

DUTY_SECTIONS = ("duties", "functions")
# Share of the smaller instruction's clauses with a near-equal in the other for the two to be near-duplicates.
DUPLICATE_SHARE = 0.8


@dataclass
class Finding:
    kind: str  # "no_instruction", "unknown_manager", "not_listed", "shared_duty", "duplicate_instructions"
    versions: list  # the versions concerned, the one whose clause says it first
    text: str = ""  # the clause the finding is about
    other: str = ""  # the manager as written, or the other post's clause
    share: float = 0.0

    @property
    def percent(self) -> int:
        return round(self.share * 100)


@dataclass
class Report:
    findings: list[Finding] = field(default_factory=list)
    instructions: int = 0

    def of(self, kind):
        return [finding for finding in self.findings if finding.kind == kind]


def current_versions(organisation) -> list[Version]:
    """Each instruction's version in force, or its open version where none is in force."""
    versions = (
        Version.objects.filter(instruction__organisation=organisation)
        .filter(Q(status=Status.APPROVED) | Q(status__in=OPEN_STATUSES))
        .select_related("instruction__position__reports_to")
        .order_by("instruction_id", "status")
    )
    chosen = {}
    for version in versions:
        if version.instruction_id not in chosen or version.status == Status.APPROVED:
            chosen[version.instruction_id] = version
    return sorted(chosen.values(), key=lambda v: v.instruction.position.title)


def _items(versions):
    """Version id → [(section code, item)] for all versions in one query."""
    by_version = {v.pk: [] for v in versions}
    items = (
        Item.objects.filter(section__version__in=versions)
        .select_related("section__kind", "clause")
        .order_by("section__order", "parent_id", "order", "id")
    )
    for item in items:
        by_version[item.section.version_id].append((item.section.kind.code, item))
    return by_version


def report(organisation) -> Report:
    versions = current_versions(organisation)
    items = _items(versions)
    result = Report(instructions=len(versions))
    result.findings += _subordination(organisation, versions, items)
    result.findings += _shared_duties(versions, items)
    result.findings += _duplicate_instructions(versions, items)
    for finding in result.findings:
        finding.text = _printed(finding.text, finding.versions[0], organisation)
        if finding.kind == "shared_duty":
            finding.other = _printed(finding.other, finding.versions[1], organisation)
    return result


def _printed(text, version, organisation) -> str:
    """The clause as its instruction prints it, the position's name filled in (as written, where it cannot be)."""
    try:
        return placeholders.fill(text, placeholder_values(version.instruction.position, organisation))
    except placeholders.UnfilledPlaceholder:
        return text


def _words(text, language="ru") -> frozenset:
    return frozenset(similarity.lemmas(text, language))


def _subordination(organisation, versions, items):
    by_position = {v.instruction.position_id: v for v in versions}
    positions = list(organisation.positions.all())
    by_words = {}
    for position in positions:
        by_words.setdefault(_words(position.title), position)
    findings = []
    for version in versions:
        position = version.instruction.position
        for code, item in items[version.pk]:
            if code != "subordination":
                continue
            whom = text_checks.subordinate_to(item.text, version.language)
            if whom is None:
                continue
            manager = position.reports_to if whom == "{manager}" else by_words.get(_words(whom, version.language))
            written = manager.title if whom == "{manager}" and manager else whom
            if manager is None:
                if whom != "{manager}":
                    findings.append(Finding("unknown_manager", [version], item.text, other=written))
                continue
            manager_version = by_position.get(manager.pk)
            if manager_version is None:
                findings.append(Finding("no_instruction", [version], item.text, other=manager.title))
            elif not _names(items[manager_version.pk], position, manager_version.language):
                findings.append(Finding("not_listed", [version, manager_version], item.text, other=manager.title))
    return findings


def _names(manager_items, position, language) -> bool:
    """Whether a manager's instruction names `position` anywhere (in the singular or the plural)."""
    wanted = _words(position.title, language)
    return any(wanted <= _words(item.text, language) for _code, item in manager_items)


def _shared_duties(versions, items):
    rows = []
    for version in versions:
        for code, item in items[version.pk]:
            if code in DUTY_SECTIONS and not (item.clause_id and item.clause.standard):
                rows.append((version, item))
    if len(rows) < 2:
        return []
    texts = [item.text for _version, item in rows]
    matrix = similarity.vectors(texts)
    closeness = matrix @ matrix.T
    threshold = similarity.model().duplicate
    first, second = np.nonzero(np.triu(closeness >= threshold, k=1))
    findings, seen = [], set()
    for a, b in zip(first.tolist(), second.tolist(), strict=True):
        (version_a, item_a), (version_b, item_b) = rows[a], rows[b]
        if version_a.pk == version_b.pk or (version_a.pk, version_b.pk, item_a.pk) in seen:
            continue
        if not text_checks.duplicate_pairs([item_a.text, item_b.text]):
            continue
        seen.add((version_a.pk, version_b.pk, item_a.pk))
        findings.append(Finding("shared_duty", [version_a, version_b], item_a.text, other=item_b.text))
    return findings


def _duplicate_instructions(versions, items):
    texts = {v.pk: [item.text for _code, item in items[v.pk]] for v in versions}
    everything = [text for v in versions for text in texts[v.pk]]
    if not everything:
        return []
    matrix = similarity.vectors(everything)
    threshold = similarity.model().duplicate
    rows, start = {}, 0
    for version in versions:
        rows[version.pk] = matrix[start : start + len(texts[version.pk])]
        start += len(texts[version.pk])
    findings = []
    for a, b in combinations([v for v in versions if texts[v.pk]], 2):
        close = rows[a.pk] @ rows[b.pk].T
        small = min(len(texts[a.pk]), len(texts[b.pk]))
        matched = min(int((close.max(axis=1) >= threshold).sum()), int((close.max(axis=0) >= threshold).sum()))
        share = matched / small
        if share >= DUPLICATE_SHARE and small >= 3:
            findings.append(Finding("duplicate_instructions", [a, b], share=share))
    return findings
