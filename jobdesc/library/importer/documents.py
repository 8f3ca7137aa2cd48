"""What the importer finds: documents made of sections of clauses, in a form a draft or the library can take."""

from dataclasses import dataclass, field

from jobdesc.library.sections import SECTION_CODES

# The kind of a section whose heading the importer could not classify; a person chooses its kind.
UNCLASSIFIED = "unclassified"
FALLBACK_KIND = "final"


@dataclass
class Clause:
    text: str
    kind: str
    number: str = ""
    # A lead-in kept as a clause («…по следующим направлениям:») and its items share a group number.
    group: int | None = None
    lead_in: bool = False
    # Found in an article's list rather than in a sample instruction.
    narrative: bool = False
    # An unnumbered sentence outside any list: a clause only if its document is a sample instruction.
    loose: bool = False
    # 0 for a clause of its section, 1 for a sub-item of the clause before it at depth 0, and so on.
    depth: int = 0
    # The heading of the unclassified section the clause is in.
    heading: str = ""


@dataclass
class Item:
    """A clause with its sub-items, as a draft holds them (1.4 and 1.4.1)."""

    text: str
    number: str = ""
    children: list["Item"] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"text": self.text, "number": self.number, "children": [child.as_dict() for child in self.children]}

    def flat(self) -> list[str]:
        return [self.text, *(text for child in self.children for text in child.flat())]


@dataclass
class Section:
    kind: str
    heading: str
    clauses: list[str]
    items: list[Item] = field(default_factory=list)


def _tree(clauses: list[Clause]) -> list[Item]:
    """Clauses in source order, each at its depth, as a tree: a sub-item hangs under the clause before it."""
    roots: list[Item] = []
    path: list[Item] = []
    for clause in clauses:
        item = Item(text=clause.text, number=clause.number)
        depth = min(clause.depth, len(path))
        del path[depth:]
        (path[-1].children if path else roots).append(item)
        path.append(item)
    return roots


@dataclass
class Document:
    title: str
    language: str
    sample: bool
    clauses: list[Clause] = field(default_factory=list)
    headings: dict[str, str] = field(default_factory=dict)
    aliases: list[str] = field(default_factory=list)

    def sections(self) -> list[Section]:
        """Sections in printing order, each kind once, clauses in the order of the source.

        Unclassified sections follow, one per heading, in the order of the source; sub-items follow
        their clause in `clauses` and hang under it in `items`.
        """
        by_kind: dict[str, list[Clause]] = {}
        unclassified: dict[str, list[Clause]] = {}
        for clause in self.clauses:
            if clause.kind == UNCLASSIFIED:
                unclassified.setdefault(clause.heading, []).append(clause)
            else:
                by_kind.setdefault(clause.kind, []).append(clause)
        sections = [
            self._section(code, self.headings.get(code, ""), by_kind[code]) for code in SECTION_CODES if code in by_kind
        ]
        sections += [self._section(UNCLASSIFIED, heading, clauses) for heading, clauses in unclassified.items()]
        return sections

    @staticmethod
    def _section(kind: str, heading: str, clauses: list[Clause]) -> Section:
        return Section(kind=kind, heading=heading, clauses=[clause.text for clause in clauses], items=_tree(clauses))

    def as_dict(self) -> dict:
        """The form `import_instruction --format json` prints: `clauses` flat, `items` nested beside them."""
        return {
            "title": self.title,
            "language": self.language,
            "sections": [
                {
                    "kind": section.kind,
                    "heading": section.heading,
                    "clauses": section.clauses,
                    "items": [item.as_dict() for item in section.items],
                }
                for section in self.sections()
            ],
        }

    def as_draft_sections(self, kinds: dict[str, str] | None = None) -> list[tuple[str, str, list[str]]]:
        """(kind, heading, clause texts) for a draft.

        An unclassified section takes the kind that `kinds` gives its heading; one nobody classified
        goes to the final provisions, the catch-all at the end of an instruction, so no text is lost.
        """
        kinds = kinds or {}
        result = []
        for section in self.sections():
            if section.kind != UNCLASSIFIED:
                result.append((section.kind, section.heading, section.clauses))
            else:
                kind = kinds.get(section.heading)
                result.append((kind if kind in SECTION_CODES else FALLBACK_KIND, section.heading, section.clauses))
        return result
