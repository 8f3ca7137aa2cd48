"""Changes to a draft's content: every edit locks the version, checks it is a draft and the editor's right.

Concurrent editors never overwrite each other: text edits carry the item's revision and a stale one is
refused (`StaleEdit` carries the current text so the view can show both); moves work on the order
as it is now; a drag-and-drop order is accepted only if it names exactly the items there are now.
"""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import F, Max
from django.utils.translation import gettext as _

from jobdesc import input_rules
from jobdesc.grammar import placeholders
from jobdesc.instructions.errors import WorkflowError
from jobdesc.instructions.models import Item, Section, Version
from jobdesc.instructions.workflow.services import Step, refusal
from jobdesc.library.models import Clause, SectionKind


@dataclass
class StaleEdit(Exception):
    item: Item
    current_text: str
    submitted_text: str

    def __str__(self):
        return _("Someone else changed this clause while you were editing it. Your text is kept below.")


def _lock_draft(version_id, user) -> Version:
    version = Version.objects.select_for_update().select_related("instruction").get(pk=version_id)
    # The workflow's table of steps decides who edits, as it decides every other step.
    reason = refusal(version, user, Step.EDIT)
    if reason:
        raise WorkflowError(reason)
    return version


def _touch(version):
    Version.objects.filter(pk=version.pk).update(revision=F("revision") + 1)


def _clean_text(text: str) -> str:
    problem = input_rules.text_problem(text, limit=input_rules.CLAUSE_MAX)
    if problem:
        raise WorkflowError(problem)
    text = " ".join((text or "").split())
    if not text:
        raise WorkflowError(_("A clause cannot be empty."))
    errors = placeholders.errors(text)
    if errors:
        raise WorkflowError(" ".join(errors))
    return text


def _section(version, section_id) -> Section:
    """A section of the draft being edited; a stale or forged id is refused, not a server error."""
    section_id = input_rules.as_id(section_id)
    section = Section.objects.filter(pk=section_id, version=version).first() if section_id else None
    if section is None:
        raise WorkflowError(_("That section is not in this draft; reload the page."))
    return section


def _next_order(section, parent=None):
    siblings = Item.objects.filter(section=section, parent=parent)
    return (siblings.aggregate(m=Max("order"))["m"] or 0) + 1


@transaction.atomic
def add_item(*, version, user, section_id, text="", clause_id=None) -> Item:
    """Append a clause to a section: a library clause (its text is copied) or a custom text."""
    version = _lock_draft(version.pk, user)
    section = _section(version, section_id)
    clause = None
    if clause_id:
        clause = Clause.objects.visible_to(version.instruction.organisation).filter(pk=clause_id).first()
        if clause is None:
            raise WorkflowError(_("That library clause does not exist."))
        text = clause.text
    item = Item.objects.create(section=section, order=_next_order(section), text=_clean_text(text), clause=clause)
    _touch(version)
    return item


@transaction.atomic
def edit_item(*, version, user, item_id, text, revision) -> Item:
    version = _lock_draft(version.pk, user)
    item = Item.objects.select_for_update().get(pk=item_id, section__version=version)
    if int(revision) != item.revision:
        raise StaleEdit(item=item, current_text=item.text, submitted_text=text)
    item.text = _clean_text(text)
    item.revision += 1
    item.save()
    _touch(version)
    return item


@transaction.atomic
def delete_item(*, version, user, item_id, revision=None) -> Section:
    version = _lock_draft(version.pk, user)
    item = Item.objects.select_for_update().select_related("section").get(pk=item_id, section__version=version)
    if revision is not None and int(revision) != item.revision:
        raise StaleEdit(item=item, current_text=item.text, submitted_text="")
    section = item.section
    item.delete()
    _renumber(section, item.parent_id)
    _touch(version)
    return section


def _renumber(section, parent_id):
    _save_order(Item.objects.filter(section=section, parent_id=parent_id).order_by("order", "id"))


@transaction.atomic
def move_item(*, version, user, item_id, direction) -> Section:
    """Swap an item with its neighbour above or below (as the order is now, not as the page showed it)."""
    version = _lock_draft(version.pk, user)
    item = Item.objects.select_related("section").get(pk=item_id, section__version=version)
    siblings = list(Item.objects.filter(section=item.section, parent_id=item.parent_id).order_by("order", "id"))
    index = next(i for i, sibling in enumerate(siblings) if sibling.pk == item.pk)
    target = index - 1 if direction == "up" else index + 1
    if 0 <= target < len(siblings):
        siblings[index], siblings[target] = siblings[target], siblings[index]
        _save_order(siblings)
        _touch(version)
    return item.section


def _save_order(items):
    for order, item in enumerate(items, start=1):
        if item.order != order:
            item.order = order
            item.save(update_fields=["order"])


@transaction.atomic
def reorder(*, version, user, section_id, item_ids) -> Section:
    """Apply a drag-and-drop order of a section's top-level items."""
    version = _lock_draft(version.pk, user)
    section = _section(version, section_id)
    items = {item.pk: item for item in Item.objects.filter(section=section, parent=None)}
    try:
        wanted = [int(pk) for pk in item_ids]
    except (TypeError, ValueError):
        raise WorkflowError(_("The new order could not be read.")) from None
    if sorted(wanted) != sorted(items):
        raise WorkflowError(_("The section changed while you were moving clauses; the current order is shown."))
    _save_order([items[pk] for pk in wanted])
    _touch(version)
    return section


@transaction.atomic
def indent_item(*, version, user, item_id) -> Section:
    """Make an item a sub-item (1.4.1) of the item above it."""
    version = _lock_draft(version.pk, user)
    item = Item.objects.select_related("section").get(pk=item_id, section__version=version)
    if item.parent_id is not None:
        raise WorkflowError(_("Sub-items go only one level deep."))
    if item.children.exists():
        raise WorkflowError(_("A clause with sub-items cannot itself become a sub-item."))
    above = Item.objects.filter(section=item.section, parent=None, order__lt=item.order).order_by("-order").first()
    if above is None:
        raise WorkflowError(_("The first clause of a section cannot become a sub-item."))
    old_parent = item.parent_id
    item.parent = above
    item.order = _next_order(item.section, above)
    item.save(update_fields=["parent", "order"])
    _renumber(item.section, old_parent)
    _touch(version)
    return item.section


@transaction.atomic
def outdent_item(*, version, user, item_id) -> Section:
    """Lift a sub-item to the top level, right after its former parent."""
    version = _lock_draft(version.pk, user)
    item = Item.objects.select_related("section", "parent").get(pk=item_id, section__version=version)
    parent = item.parent
    if parent is None:
        return item.section
    old_parent_id = parent.pk
    # Later sub-items of the same parent follow the lifted item, keeping the reading order.
    top = list(Item.objects.filter(section=item.section, parent=None).order_by("order", "id"))
    item.parent = None
    position = next(i for i, sibling in enumerate(top) if sibling.pk == parent.pk) + 1
    top.insert(position, item)
    item.order = 0
    item.save(update_fields=["parent", "order"])
    _save_order(top)
    _renumber(item.section, old_parent_id)
    _touch(version)
    return item.section


@transaction.atomic
def add_section(*, version, user, kind_code) -> Section:
    version = _lock_draft(version.pk, user)
    kind = SectionKind.objects.filter(code=kind_code).first()
    if kind is None:
        raise WorkflowError(_("Unknown section kind."))
    if Section.objects.filter(version=version, kind=kind).exists():
        raise WorkflowError(_("The section «%(title)s» is already there.") % {"title": kind.title(version.language)})
    section = Section.objects.create(version=version, kind=kind, order=kind.order)
    _touch(version)
    return section


@transaction.atomic
def remove_section(*, version, user, section_id) -> None:
    version = _lock_draft(version.pk, user)
    section = _section(version, section_id)
    if section.kind.mandatory:
        raise WorkflowError(
            _("The section «%(title)s» is mandatory.") % {"title": section.kind.title(version.language)}
        )
    if section.items.exists():
        raise WorkflowError(_("Delete the clauses of the section first: nothing is removed by accident."))
    section.delete()
    _touch(version)


@transaction.atomic
def insert_lead_in(*, version, user, section_id, text) -> Section:
    """Start a section with a lead-in («… несёт ответственность за:») and list its clauses under it.

    Clauses that have sub-items of their own stay clauses of the section, after the lead-in.
    """
    version = _lock_draft(version.pk, user)
    section = _section(version, section_id)
    text = _clean_text(text)
    top = list(Item.objects.filter(section=section, parent=None).order_by("order", "id"))
    with_children = set(Item.objects.filter(parent__in=top).values_list("parent_id", flat=True))
    lead_in = Item.objects.create(section=section, order=0, text=text)
    listed = [item for item in top if item.pk not in with_children]
    for order, item in enumerate(listed, start=1):
        item.parent, item.order = lead_in, order
        item.save(update_fields=["parent", "order"])
    _save_order([lead_in, *(item for item in top if item.pk in with_children)])
    _touch(version)
    return section
