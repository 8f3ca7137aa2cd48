"""Starting a draft: an empty skeleton, the library's suggested set, a copy of another post's, or an imported file."""

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from jobdesc.instructions.errors import WorkflowError
from jobdesc.instructions.models import OPEN_STATUSES, Instruction, Item, Section, Status, Version
from jobdesc.library.importer import ImporterError, parse_upload
from jobdesc.library.models import Clause, SectionKind
from jobdesc.library.sections import MANDATORY_CODES
from jobdesc.library.suggestions import Suggestion, suggest


@transaction.atomic
def start_draft(
    *, position, user=None, language=None, sections=None, clause_ids=None, empty_sections=(), copy_of=None
) -> Version:
    """Create the next draft version of the position's instruction.

    `copy_of` is a version whose content the draft copies whole (`copy_content`): a new version of the
    same instruction or a copy of another position's. Otherwise:
    `sections` is a list of (kind_code, heading, [clause texts]) — from the importer;
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
    if copy_of is not None:
        copy_content(copy_of, version)
        return version
    kinds = {kind.code: kind for kind in SectionKind.objects.all()}
    content = _merge_by_kind(sections or [], kinds)
    lead_ins = {}
    if clause_ids:
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


def start_from_form(*, position, user, data):
    method = data["method"]
    if method == "empty":
        return start_draft(position=position, user=user)
    if method == "library":
        return start_library_draft(position=position, user=user)
    if method == "copy":
        return start_draft(position=position, user=user, copy_of=version_to_copy(data["source_position"]))
    if method == "import":
        return _import(position=position, user=user, upload=data["file"])
    raise WorkflowError(_("Unknown way to start a draft."))


def position_suggestion(position, language: str | None = None) -> Suggestion:
    """What the library suggests for the position, from its title, category, department and manager."""
    organisation = position.organisation
    return suggest(
        organisation=organisation,
        title=position.title,
        category=position.category,
        department=position.department.name if position.department_id else "",
        reports_to=position.reports_to.title if position.reports_to_id else "",
        head_position=organisation.head_position,
        language=language or organisation.language,
    )


def suggested_clause_ids(position) -> list[int]:
    """The library clauses a new instruction of the position starts with, section by section."""
    return position_suggestion(position).clause_ids()


def start_library_draft(*, position, user):
    """A draft of the suggested clauses; the sections HR must write themselves are there, empty.

    The editor shows such a section's note and offers the library's nearest clauses
    (`offered_clauses`) without inserting them.
    """
    suggestion = position_suggestion(position)
    return start_draft(
        position=position, user=user, clause_ids=suggestion.clause_ids(), empty_sections=suggestion.flagged()
    )


def version_to_copy(source_position) -> Version:
    """The version of another position's instruction a copy starts from: the one in force, else the latest."""
    versions = source_position.instruction.versions
    version = versions.filter(status=Status.APPROVED).first() or versions.order_by("-number").first()
    if version is None:
        raise WorkflowError(_("That position has no instruction to copy."))
    return version


def copy_content(source, target) -> None:
    """Copy the sections and items of `source` into the fresh draft `target`, exactly as they are.

    Headings, sub-items under their lead-ins, the links to library clauses and the lineage keys are kept,
    so a diff, the library's propagation and the checks see the copied clauses as the same clauses.
    """
    sections = {}
    for section in source.sections.select_related("kind").order_by("order"):
        sections[section.pk] = Section.objects.create(
            version=target, kind=section.kind, heading=section.heading, order=section.order
        )
    parents = {}
    items = Item.objects.filter(section__version=source).order_by("parent_id", "order")
    # Top-level items first, so each sub-item finds the copy of its parent (sub-items go one level deep).
    for item in sorted(items, key=lambda i: (i.parent_id is not None, i.order)):
        parents[item.pk] = Item.objects.create(
            section=sections[item.section_id],
            parent=parents.get(item.parent_id),
            order=item.order,
            text=item.text,
            clause_id=item.clause_id,
            key=item.key,
        )


def _import(*, position, user, upload):
    try:
        document = parse_upload(upload, language=position.organisation.language)
    except ImporterError as error:
        raise WorkflowError(str(error)) from error
    return start_draft(
        position=position,
        user=user,
        language=document.language,
        sections=[(kind, "", clauses) for kind, _heading, clauses in document.as_draft_sections()],
    )
