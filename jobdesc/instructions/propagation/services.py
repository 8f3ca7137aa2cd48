"""A library clause's change carried into the instructions: where it is used, the preview and the apply.

An instruction carries a clause by lineage: an item linked to the clause (or to the clause it was
copied from), or an item with the lineage key of one that was, even when its wording was adapted
since. A draft is edited in place; an instruction in force gets a new edition (a draft made with
`workflow.new_version`) with exactly that change, which then goes through agreement and approval
as any other. A revision reaches each instruction at most once.
"""

import difflib
import hashlib
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import F, Q
from django.utils.translation import gettext as _

from jobdesc.instructions.diff.services import Word, _tokens, word_diff
from jobdesc.instructions.errors import WorkflowError
from jobdesc.instructions.models import (
    OPEN_STATUSES,
    ClauseUpdate,
    ClauseUpdateKind,
    Comment,
    Instruction,
    Item,
    Section,
    Status,
    Version,
)
from jobdesc.instructions.workflow import services as workflow
from jobdesc.library import similarity
from jobdesc.library.models import Clause, ClauseRevision
from jobdesc.orgs.models import Employee
from jobdesc.queries import placeholders

# Sections that state the labour function (ТК ст. 57, 72): a change there alters the employment contract
# where the instructions are part of it.
LABOUR_FUNCTION_SECTIONS = frozenset({"duties", "functions", "qualification"})
CARRYING_STATUSES = (Status.DRAFT, Status.AGREEMENT, Status.APPROVAL, Status.APPROVED)


class Action:
    DRAFT = "draft"  # the open draft is edited in place
    EDITION = "edition"  # the instruction in force gets a new edition
    BLOCKED = "blocked"  # a version is on agreement or approval, or a draft no longer has the clause
    DONE = "done"  # this revision has already reached the instruction
    CURRENT = "current"  # the instruction already has the new wording


@dataclass
class ItemChange:
    item: Item
    number: str
    old_text: str
    new_text: str
    # False: the instruction's adapted wording could not take the change word by word and is replaced.
    merged: bool = True

    @property
    def words(self) -> list[Word]:
        return word_diff(self.old_text, self.new_text)


@dataclass
class Target:
    instruction: object
    version: Version  # the version read: the open draft, or the version in force a new edition copies
    action: str
    changes: list[ItemChange] = field(default_factory=list)
    employees: list = field(default_factory=list)
    update: ClauseUpdate | None = None

    @property
    def position(self):
        return self.instruction.position

    @property
    def applicable(self) -> bool:
        return self.action in (Action.DRAFT, Action.EDITION) and bool(self.changes)

    @property
    def fingerprint(self) -> str:
        """What the preview showed: an edit made to the draft since changes it, and the confirmation is refused."""
        parts = [str(self.version.pk), str(self.version.revision), self.action]
        parts += [f"{c.item.pk}:{c.item.revision}:{c.new_text}" for c in self.changes]
        return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


@dataclass
class Usage:
    """One item of a draft or of an instruction in force carrying the clause, and how it differs from it."""

    item: Item
    number: str
    words: list[Word]

    @property
    def version(self):
        return self.item.section.version

    @property
    def adapted(self) -> bool:
        return any(word.change for word in self.words)


def merge(base: str, theirs: str, ours: str) -> tuple[str, bool]:
    """`ours` (an instruction's wording) with the change from `base` to `theirs` (the library's edit) applied.

    Word by word, a three-way merge: each changed stretch of the old wording must still be in the
    instruction unchanged, and then only that stretch is replaced, so the instruction's own
    adaptations stay. When a stretch was adapted too, the new wording replaces the whole text
    (second value False) and the preview says so.
    """
    if ours in (base, theirs):
        return theirs, True
    if base == theirs:
        return ours, True
    a, b, c = _tokens(base), _tokens(theirs), _tokens(ours)
    to_ours = {}
    for block in difflib.SequenceMatcher(a=a, b=c, autojunk=False).get_matching_blocks():
        for offset in range(block.size):
            to_ours[block.a + offset] = block.b + offset
    edits = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        if i2 > i1:
            if any(i not in to_ours for i in range(i1, i2)) or to_ours[i2 - 1] - to_ours[i1] != i2 - 1 - i1:
                return theirs, False
            start, end = to_ours[i1], to_ours[i2 - 1] + 1
        else:
            left = to_ours.get(i1 - 1) if i1 > 0 else -1
            right = to_ours.get(i1) if i1 < len(a) else len(c)
            if left is None or right is None or right != left + 1:
                return theirs, False
            start = end = right
        edits.append((start, end, b[j1:j2]))
    for (_s1, e1, _r1), (s2, _e2, _r2) in zip(edits, edits[1:], strict=False):
        if s2 < e1:
            return theirs, False
    for start, end, replacement in reversed(edits):
        c[start:end] = replacement
    return "".join(c), True


def lineage_clauses(clause) -> set[int]:
    """The clause and the clauses its revisions were copied from (a shared clause made into the organisation's own)."""
    origins = ClauseRevision.objects.filter(clause=clause).values_list("origin_id", flat=True)
    return {clause.pk, *origins}


def _carrying_items(clause_ids, organisation):
    own = Q(section__version__instruction__organisation=organisation)
    keys = Item.objects.filter(own, clause_id__in=clause_ids).values("key")
    return (
        Item.objects.filter(own, section__version__status__in=CARRYING_STATUSES)
        .filter(Q(clause_id__in=clause_ids) | Q(key__in=keys))
        .select_related("section__kind", "section__version__instruction__position__department")
    )


def _numbers(versions) -> dict[int, str]:
    """Item id → its printed number (6.2, 6.2.1) in each of `versions`, numbered as `outline` does, in two queries."""
    ids = [version.pk for version in versions]
    section_number = {}
    sections = Section.objects.filter(version_id__in=ids).order_by("version_id", "order")
    for section_ids in _grouped(sections.values_list("version_id", "pk")).values():
        section_number.update({pk: n for n, pk in enumerate(section_ids, start=1)})
    items = Item.objects.filter(section__version_id__in=ids).order_by("parent_id", "order", "id")
    rows = list(items.values_list("pk", "section_id", "parent_id"))
    top = _grouped((section_id, pk) for pk, section_id, parent_id in rows if parent_id is None)
    children = _grouped((parent_id, pk) for pk, _section_id, parent_id in rows if parent_id is not None)
    numbers = {}
    for section_id, item_ids in top.items():
        for index, pk in enumerate(item_ids, start=1):
            numbers[pk] = f"{section_number[section_id]}.{index}"
            for sub, child in enumerate(children.get(pk, []), start=1):
                numbers[child] = f"{numbers[pk]}.{sub}"
    return numbers


def _grouped(pairs) -> dict:
    grouped = {}
    for key, value in pairs:
        grouped.setdefault(key, []).append(value)
    return grouped


def where_used(clause, organisation) -> list[Usage]:
    """Items of the organisation's drafts and instructions in force carrying `clause`, with how each differs from it."""
    items = list(_carrying_items(lineage_clauses(clause), organisation))
    numbers = _numbers({item.section.version_id: item.section.version for item in items}.values())
    usages = [Usage(item, numbers.get(item.pk, ""), word_diff(clause.text, item.text)) for item in items]
    usages.sort(key=lambda u: (u.version.instruction.position.title, -u.version.number, u.number))
    return usages


def _used_by(organisation) -> Q:
    return Q(section__version__instruction__organisation=organisation)


def use_counts(organisation, clause_ids) -> dict[int, int]:
    """How many items of the organisation's instruction versions (those `_used_by` selects) were taken from each
    of `clause_ids` (those used at all): the counts of the clauses a page of the library's list or of the API
    shows, once they are chosen.

    One grouped query written out: the ORM's joins through the sections and versions cost the page more to
    build than the database takes to answer it.
    """
    ids = list(clause_ids)
    if not ids:
        return {}
    table = {model: connection.ops.quote_name(model._meta.db_table) for model in (Item, Section, Version, Instruction)}
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT item.clause_id, COUNT(*) FROM {table[Item]} item "
            f"INNER JOIN {table[Section]} section ON item.section_id = section.id "
            f"INNER JOIN {table[Version]} version ON section.version_id = version.id "
            f"INNER JOIN {table[Instruction]} instruction ON version.instruction_id = instruction.id "
            f"WHERE instruction.organisation_id = %s AND item.clause_id IN ({placeholders(ids)}) "
            "GROUP BY item.clause_id",
            [organisation.pk, *ids],
        )
        return dict(cursor.fetchall())


def items_from(clause, organisation):
    """The items of the organisation's instruction versions that were taken from `clause`."""
    return (
        Item.objects.filter(_used_by(organisation), clause=clause)
        .select_related("section__kind", "section__version__instruction__position")
        .order_by("section__version__instruction__position__title", "-section__version__number")
    )


def labour_function_changed(revision) -> bool:
    return revision.clause.section.code in LABOUR_FUNCTION_SECTIONS


def needs_supplementary_agreement(revision, organisation) -> bool:
    """ТК ст. 72: a change of the labour function in an instruction that is part of the contract."""
    return organisation.instructions_in_contract and labour_function_changed(revision)


def preview(revision, organisation) -> list[Target]:
    """Every instruction carrying the revised clause and what the revision would do to it; writes nothing."""
    items = list(_carrying_items(lineage_clauses(revision.clause) | {revision.origin_id}, organisation))
    by_instruction: dict[int, dict[int, list[Item]]] = {}
    versions = {}
    for item in items:
        version = item.section.version
        versions[version.pk] = version
        by_instruction.setdefault(version.instruction_id, {}).setdefault(version.pk, []).append(item)
    done = {u.instruction_id: u for u in ClauseUpdate.objects.filter(revision=revision).select_related("version")}
    open_versions = dict(
        Version.objects.filter(instruction_id__in=by_instruction, status__in=OPEN_STATUSES).values_list(
            "instruction_id", "pk"
        )
    )
    chosen = {}
    for instruction_id, carried in by_instruction.items():
        candidates = [versions[pk] for pk in carried]
        # The draft when there is one; otherwise the version in force, which a new edition copies.
        chosen[instruction_id] = min(candidates, key=lambda v: (v.status != Status.DRAFT, v.status != Status.APPROVED))
    numbers = _numbers(chosen.values())
    earlier = set()
    for old_text, new_text in ClauseRevision.objects.filter(clause=revision.clause).values_list("old_text", "new_text"):
        earlier |= {old_text, new_text}
    holders = _employees({v.instruction.position_id for v in chosen.values()}, organisation)
    targets = []
    for instruction_id, version in chosen.items():
        target = Target(
            version.instruction, version, Action.DRAFT if version.status == Status.DRAFT else Action.EDITION
        )
        target.employees = holders.get(version.instruction.position_id, [])
        if instruction_id in done:
            target.action, target.update = Action.DONE, done[instruction_id]
        elif version.status != Status.DRAFT and (version.status != Status.APPROVED or instruction_id in open_versions):
            target.action = Action.BLOCKED
        carried = by_instruction[instruction_id][version.pk]
        for item in sorted(carried, key=lambda i: [int(n) for n in numbers.get(i.pk, "0").split(".")]):
            # A wording the library once had is outdated, not adapted: it takes the new wording whole.
            if item.text in earlier:
                new_text, merged = revision.new_text, True
            else:
                new_text, merged = merge(revision.old_text, revision.new_text, item.text)
            if new_text != item.text:
                target.changes.append(ItemChange(item, numbers.get(item.pk, ""), item.text, new_text, merged))
        if not target.changes and target.action in (Action.DRAFT, Action.EDITION):
            target.action = Action.CURRENT
        targets.append(target)
    order = {Action.EDITION: 0, Action.DRAFT: 1, Action.BLOCKED: 2, Action.DONE: 3, Action.CURRENT: 4}
    targets.sort(key=lambda t: (order[t.action], t.position.title))
    return targets


def _employees(position_ids, organisation) -> dict[int, list]:
    holders = {}
    current = Employee.objects.for_organisation(organisation).current().filter(position_id__in=position_ids)
    for employee in current.order_by("full_name"):
        holders.setdefault(employee.position_id, []).append(employee)
    return holders


@dataclass
class Outcome:
    drafts: int = 0
    editions: list = field(default_factory=list)  # the new drafts
    skipped: list = field(default_factory=list)  # (position title, reason)


@transaction.atomic
def apply(*, revision, user, confirmed: dict[int, str], drafts_only=False) -> Outcome:
    """Carry `revision` into the instructions of `confirmed` (instruction id → the preview's fingerprint).

    All in one transaction. An instruction whose draft changed since the preview, that is blocked now
    or has had this revision already is skipped with the reason; nothing is done twice.
    """
    if not user.is_hr or revision.clause.organisation_id != user.organisation_id:
        raise WorkflowError(_("Only an HR officer of the organisation applies its library's changes."))
    # The revision's row serialises confirmations, so two clicks cannot both create the editions.
    revision = ClauseRevision.objects.select_for_update().select_related("clause__section").get(pk=revision.pk)
    newer = newer_revision(revision)
    if newer is not None:
        raise WorkflowError(
            _("The clause has changed again since; apply its revision %(number)s instead.") % {"number": newer.number}
        )
    organisation = user.organisation
    outcome = Outcome()
    for target in preview(revision, organisation):
        instruction_id = target.instruction.pk
        if instruction_id not in confirmed:
            continue
        title = target.position.title
        if target.action == Action.DONE:
            outcome.skipped.append((title, _("this change has already been applied")))
        elif target.action == Action.BLOCKED:
            outcome.skipped.append((title, _("a new version is already being prepared or agreed")))
        elif target.action == Action.CURRENT:
            outcome.skipped.append((title, _("the instruction already has the new wording")))
        elif target.fingerprint != confirmed[instruction_id]:
            outcome.skipped.append((title, _("the instruction changed after the preview; look at it again")))
        elif drafts_only and target.action != Action.DRAFT:
            continue
        elif target.action == Action.DRAFT:
            _apply_to_draft(target, revision, user)
            outcome.drafts += 1
        else:
            outcome.editions.append(_new_edition(target, revision, user))
    return outcome


def _apply_to_draft(target, revision, user):
    version = Version.objects.select_for_update().get(pk=target.version.pk)
    if version.status != Status.DRAFT:
        raise WorkflowError(_("Only a draft can be edited."))
    _change_items(version, target.changes, revision, user)
    ClauseUpdate.objects.create(
        revision=revision,
        instruction=target.instruction,
        version=version,
        kind=ClauseUpdateKind.DRAFT,
        items=len(target.changes),
        applied_by=user,
    )


def _new_edition(target, revision, user) -> Version:
    draft = workflow.new_version(version=target.version, user=user)
    # The copy keeps each clause's lineage key, so the preview's items are found in it by key.
    by_key = {item.key: item for item in Item.objects.filter(section__version=draft)}
    changes = [
        ItemChange(by_key[c.item.key], c.number, c.old_text, c.new_text, c.merged)
        for c in target.changes
        if c.item.key in by_key
    ]
    _change_items(draft, changes, revision, user)
    ClauseUpdate.objects.create(
        revision=revision,
        instruction=target.instruction,
        version=draft,
        kind=ClauseUpdateKind.EDITION,
        items=len(changes),
        applied_by=user,
    )
    return draft


def _change_items(version, changes, revision, user):
    reason = _("Library clause changed (revision %(number)s)") % {"number": revision.number}
    for change in changes:
        item = change.item
        item.text, item.clause_id = change.new_text, revision.clause_id
        item.revision += 1
        # The history shows who made the change even when it is applied on the worker, outside a request.
        item._history_user, item._change_reason = user, reason
        item.save()
        Comment.objects.create(
            version=version,
            item=item,
            item_number=change.number,
            item_text=change.old_text,
            author=user,
            text=_("Clause %(number)s was brought in line with the library: «%(text)s».")
            % {"number": change.number, "text": change.new_text},
        )
    Version.objects.filter(pk=version.pk).update(revision=F("revision") + 1)


@dataclass
class ClauseEdit:
    """What saving an edit of a clause did: the clause saved, its revision, the drafts a typo fix reached."""

    clause: Clause
    revision: ClauseRevision | None
    drafts_fixed: int


def edit_clause(*, origin, old_text, form, user) -> ClauseEdit:
    """Save HR's valid `ClauseEditForm` of `origin` and record the change of its wording.

    `old_text` is the wording before the edit (the form has already written the new one into an own
    clause); a shared clause is saved as the organisation's own copy. A typo fix reaches the drafts at
    once; the meaning of the saved clause is stored for the search after the commit.
    """
    with transaction.atomic():
        saved = form.save()
        revision = record_revision(
            clause=saved, origin=origin, old_text=old_text, user=user, typo_fix=form.cleaned_data["typo_fix"]
        )
        drafts_fixed = apply_typo_fix(revision, user) if revision else 0
    similarity.store_vector(saved)
    return ClauseEdit(saved, revision, drafts_fixed)


def record_revision(*, clause, origin, old_text, user, typo_fix=False) -> ClauseRevision | None:
    """The revision of a clause just saved from `origin` (itself, or the shared clause copied), if the text changed."""
    if old_text == clause.text:
        return None
    last = ClauseRevision.objects.filter(clause=clause).order_by("-number").values_list("number", flat=True).first()
    return ClauseRevision.objects.create(
        clause=clause,
        origin=origin,
        number=(last or 0) + 1,
        old_text=old_text,
        new_text=clause.text,
        typo_fix=typo_fix,
        edited_by=user,
    )


def apply_typo_fix(revision, user) -> int:
    """A typo fix reaches the drafts at once; instructions in force still wait for a new edition."""
    if not revision.typo_fix:
        return 0
    targets = preview(revision, user.organisation)
    confirmed = {t.instruction.pk: t.fingerprint for t in targets if t.action == Action.DRAFT and t.applicable}
    return apply(revision=revision, user=user, confirmed=confirmed, drafts_only=True).drafts


def newer_revision(revision) -> ClauseRevision | None:
    """The clause's latest revision when it is newer than `revision`: an older wording is never carried."""
    latest = ClauseRevision.objects.filter(clause_id=revision.clause_id).order_by("-number").first()
    return latest if latest is not None and latest.number > revision.number else None


def revisions_of(clause):
    return ClauseRevision.objects.filter(clause=clause).select_related("edited_by").order_by("-number")
