"""Near-duplicate clauses of a library: groups of clauses of one section and language that say the same thing."""

from dataclasses import dataclass

from django.utils import timezone

from . import similarity, text_checks
from .models import Clause


@dataclass
class DuplicateGroup:
    section: object  # SectionKind
    language: str
    clauses: list  # Clause objects; the first is the one to keep (the organisation's own, else the oldest)
    closeness: float  # the lowest similarity between a clause and the group's first


def duplicate_groups(organisation=None, *, threshold: float | None = None, shared=True) -> list[DuplicateGroup]:
    """Near-duplicate groups among the active clauses an organisation sees (the shared library when None).

    Within each section and language, clauses nearly equal in meaning and words (`text_checks.duplicate_pairs`)
    that suit a category in common are grouped (a manager's clause and a worker's never meet in one
    instruction); a group keeps its first clause, the organisation's own if it has one.
    """
    clauses = Clause.objects.active().select_related("section")
    if organisation is None:
        clauses = clauses.filter(organisation=None)
    elif shared:
        clauses = clauses.visible_to(organisation)
    else:
        clauses = clauses.filter(organisation=organisation)
    by_part: dict[tuple, list] = {}
    for clause in clauses.order_by("section__order", "language", "pk"):
        by_part.setdefault((clause.section_id, clause.language), []).append(clause)
    model = similarity.model()
    threshold = model.duplicate if threshold is None else threshold
    groups = []
    for (_section, language), part in by_part.items():
        part.sort(key=lambda clause: (clause.organisation_id is None, clause.pk))
        # Stored vectors first, so a large library is embedded once and the pairs are read from them.
        similarity.clause_vectors([(clause.pk, clause.language, clause.text) for clause in part])
        pairs = text_checks.duplicate_pairs([clause.text for clause in part], language, threshold=threshold)
        pairs = [pair for pair in pairs if set(part[pair[0]].categories) & set(part[pair[1]].categories)]
        groups += _groups(part, pairs, language)
    return groups


def _groups(part, pairs, language) -> list[DuplicateGroup]:
    """Clauses joined by any duplicate pair form one group (union-find over the pairs)."""
    parent = list(range(len(part)))

    def root(index):
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    for first, second, _closeness in pairs:
        a, b = root(first), root(second)
        if a != b:
            parent[max(a, b)] = min(a, b)
    members: dict[int, list[int]] = {}
    for index in range(len(part)):
        members.setdefault(root(index), []).append(index)
    lowest: dict[int, float] = {}
    for first, _second, closeness in pairs:
        head = root(first)
        lowest[head] = min(lowest.get(head, 1.0), closeness)
    return [
        DuplicateGroup(part[head].section, language, [part[index] for index in indexes], round(lowest[head], 3))
        for head, indexes in members.items()
        if len(indexes) > 1
    ]


def merge(group_clauses, *, organisation) -> int:
    """Retire every clause of a group but the first, where the organisation owns it; returns how many.

    Instructions that use a retired clause keep their own text; the clause is no longer offered.
    """
    keep, *others = group_clauses
    own = [clause.pk for clause in others if clause.organisation_id == organisation.pk and clause.pk != keep.pk]
    return Clause.objects.filter(pk__in=own, organisation=organisation, is_active=True).update(
        is_active=False, updated_at=timezone.now()
    )
