"""Writes to instructions and their versions; each function enforces the rules of its step."""

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from jobdesc.library.models import SectionKind
from jobdesc.library.sections import MANDATORY_CODES

from .errors import WorkflowError
from .models import OPEN_STATUSES, Instruction, Item, Section, Version


@transaction.atomic
def start_draft(*, position, user=None, language=None, sections=None, clause_ids=None, empty_sections=()) -> Version:
    """Create the next draft version of the position's instruction.

    `sections` is a list of (kind_code, heading, [clause texts]) — from the importer or a copy;
    `clause_ids` picks library clauses, in the order given within each section; a clause listed under
    a lead-in that is also picked becomes the lead-in's sub-item. `empty_sections` names sections to
    create even without content (those HR must write). With no content at all, the draft gets the
    empty standard skeleton (the mandatory sections in printing order).
    """
    instruction, _created = Instruction.objects.get_or_create(
        position=position, defaults={"organisation": position.organisation}
    )
    # Serialises concurrent starts for the same instruction; the version_one_open constraint backs it up.
    instruction = Instruction.objects.select_for_update().get(pk=instruction.pk)
    if instruction.versions.filter(status__in=OPEN_STATUSES).exists():
        raise WorkflowError(
            _("The instruction of «%(position)s» already has a version in work.") % {"position": position.title}
        )
    number = (instruction.versions.aggregate(m=Max("number"))["m"] or 0) + 1
    version = Version.objects.create(
        instruction=instruction,
        number=number,
        language=language or position.organisation.language,
        created_by=user,
    )
    kinds = {kind.code: kind for kind in SectionKind.objects.all()}
    content = _merge_by_kind(sections or [], kinds)
    lead_ins = {}
    if clause_ids:
        from jobdesc.library.models import Clause

        place = {pk: index for index, pk in enumerate(clause_ids)}
        clauses = Clause.objects.visible_to(position.organisation).filter(pk__in=clause_ids).select_related("section")
        for clause in sorted(clauses, key=lambda c: (c.section.order, place[c.pk])):
            content.setdefault(clause.section.code, ["", []])[1].append((clause.text, clause.pk))
            if clause.lead_in_id in place:
                lead_ins[clause.pk] = clause.lead_in_id
    for code in empty_sections:
        if code not in kinds:
            raise WorkflowError(_("Unknown section kind «%(code)s».") % {"code": code})
        content.setdefault(code, ["", []])
    if not content:
        content = {code: ["", []] for code in MANDATORY_CODES}
    for code in sorted(content, key=lambda c: kinds[c].order):
        heading, texts = content[code]
        section = Section.objects.create(version=version, kind=kinds[code], heading=heading, order=kinds[code].order)
        _create_items(section, texts, lead_ins)
    return version


def _create_items(section, texts, lead_ins):
    """The section's items in order; an item whose lead-in is in the section hangs under it."""
    if not any(clause_id in lead_ins for _text, clause_id in texts):
        Item.objects.bulk_create(
            Item(section=section, order=index, text=text, clause_id=clause_id)
            for index, (text, clause_id) in enumerate(texts, start=1)
        )
        return
    by_clause, counters = {}, {}
    for text, clause_id in texts:
        parent = by_clause.get(lead_ins.get(clause_id))
        key = parent.pk if parent else None
        counters[key] = counters.get(key, 0) + 1
        item = Item.objects.create(section=section, parent=parent, order=counters[key], text=text, clause_id=clause_id)
        if clause_id is not None:
            by_clause[clause_id] = item


def _merge_by_kind(sections, kinds):
    """Group (kind, heading, texts) triples by kind; the first heading wins, texts keep their order."""
    merged = {}
    for code, heading, texts in sections:
        if code not in kinds:
            raise WorkflowError(_("Unknown section kind «%(code)s».") % {"code": code})
        entry = merged.setdefault(code, [heading, []])
        entry[1].extend((text, None) for text in texts if text.strip())
    return merged
