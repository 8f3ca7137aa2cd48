"""Read queries about versions: the numbered outline every view and document is built from."""

from dataclasses import dataclass, field

from django.db.models import Q
from django.shortcuts import get_object_or_404

from jobdesc.instructions.models import Comment, Item, Section, Status, Version
from jobdesc.library.suggestions import PROFESSION_SECTIONS


@dataclass
class NumberedItem:
    item: Item  # or ItemFields, from a lean outline
    number: str
    children: list["NumberedItem"] = field(default_factory=list)
    printed: str = ""  # the text with its placeholders filled in, where a page sets it (`printed.fill_outline`)
    comments: list = field(default_factory=list)  # remarks made on this clause, where a page sets them


@dataclass
class NumberedSection:
    section: Section
    number: int
    items: list[NumberedItem]

    @property
    def title(self) -> str:
        return self.section.heading or self.section.kind.title(self.section.version.language)

    @property
    def anchor(self) -> str:
        return f"section-{self.section.kind.code}"

    @property
    def needs_writing(self) -> bool:
        """An empty section of the post's own work (duties, knowledge …): HR writes it or takes an offered clause."""

        return not self.items and self.section.kind.code in PROFESSION_SECTIONS


def version_with_context():
    """Versions with everything a document names: position, department, manager, organisation."""
    return Version.objects.select_related(
        "instruction__organisation",
        "instruction__position__department",
        "instruction__position__reports_to",
        "created_by",
        "approved_by",
    )


@dataclass(slots=True)
class ItemFields:
    """The fields of an item the editor's page reads, without a model instance (see `outline`'s `lean`)."""

    pk: int
    text: str
    revision: int


def outline(version: Version, *, lean: bool = False, kinds=None) -> list[NumberedSection]:
    """Sections and items of a version with computed numbers (1., 1.1, 1.4.1) in two queries.

    With `lean`, each item is an `ItemFields` rather than an `Item`: the editor only shows and checks the
    text, and building a model instance (with its UUID key) for each of 120 clauses was a tenth of its page.
    `kinds`, every section kind, saves joining them to the sections where the caller has them already.
    """
    sections = Section.objects.filter(version=version).order_by("order")
    if kinds is None:
        sections = list(sections.select_related("kind"))
    else:
        by_pk = {kind.pk: kind for kind in kinds}
        sections = list(sections)
        for section in sections:
            section.kind = by_pk[section.kind_id]
    items = Item.objects.filter(section__version=version).order_by("parent_id", "order", "id")
    if lean:
        rows = items.values_list("section_id", "parent_id", "id", "text", "revision")
        items = [
            (section_id, parent_id, ItemFields(pk, text, revision))
            for section_id, parent_id, pk, text, revision in rows
        ]
    else:
        items = [(item.section_id, item.parent_id, item) for item in items]
    by_section: dict[int, list] = {}
    children: dict[int, list] = {}
    for section_id, parent_id, item in items:
        if parent_id is None:
            by_section.setdefault(section_id, []).append(item)
        else:
            children.setdefault(parent_id, []).append(item)
    result = []
    for number, section in enumerate(sections, start=1):
        section.version = version
        numbered = []
        for index, item in enumerate(by_section.get(section.pk, []), start=1):
            entry = NumberedItem(item, f"{number}.{index}")
            entry.children = [
                NumberedItem(child, f"{number}.{index}.{sub}")
                for sub, child in enumerate(children.get(item.pk, []), start=1)
            ]
            numbered.append(entry)
        result.append(NumberedSection(section, number, numbered))
    return result


def attach_comments(version: Version, sections: list[NumberedSection]) -> None:
    """Put each comment made on a clause of the version at its numbered item, in one query."""

    by_item: dict[int, list] = {}
    for comment in Comment.objects.filter(version=version, item__isnull=False).select_related("author"):
        by_item.setdefault(comment.item_id, []).append(comment)
    if by_item:
        for _section, entry in flat_items(sections):
            entry.comments = by_item.get(entry.item.pk, [])


def flat_items(sections: list[NumberedSection]):
    """Every numbered item of an outline, parents before their children."""
    for section in sections:
        for entry in section.items:
            yield section, entry
            for child in entry.children:
                yield section, child


def versions_for_user(user):
    """The versions a user may open: all of the organisation for the officials, the own position's for employees."""
    queryset = version_with_context().filter(instruction__organisation=user.organisation)
    if user.is_hr or user.is_agreeing_official or user.is_approver:
        return queryset
    # A person holding several posts (a main one, part-time ones) reads the instructions of each.
    positions = user.employments.filter(position__isnull=False).values("position_id")
    return queryset.filter(
        Q(instruction__position_id__in=positions), Q(status__in=[Status.APPROVED, Status.SUPERSEDED])
    )


def version_for_user(user, pk, **filters) -> Version:
    """The version `pk` if the user may open it (see `versions_for_user`), else 404."""
    return get_object_or_404(versions_for_user(user), pk=pk, **filters)
