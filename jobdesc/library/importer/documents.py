"""What the importer finds: documents made of sections of clauses, in a form a draft or the library can take."""

from dataclasses import dataclass, field

from jobdesc.library.sections import SECTION_CODES


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


@dataclass
class Section:
    kind: str
    heading: str
    clauses: list[str]


@dataclass
class Document:
    title: str
    language: str
    sample: bool
    clauses: list[Clause] = field(default_factory=list)
    headings: dict[str, str] = field(default_factory=dict)
    aliases: list[str] = field(default_factory=list)

    def sections(self) -> list[Section]:
        """Sections in printing order, each kind once, clauses in the order of the source."""
        by_kind: dict[str, list[str]] = {}
        for clause in self.clauses:
            by_kind.setdefault(clause.kind, []).append(clause.text)
        return [
            Section(kind=code, heading=self.headings.get(code, ""), clauses=by_kind[code])
            for code in SECTION_CODES
            if code in by_kind
        ]

    def as_dict(self) -> dict:
        return {
            "title": self.title,
            "language": self.language,
            "sections": [
                {"kind": section.kind, "heading": section.heading, "clauses": section.clauses}
                for section in self.sections()
            ],
        }

    def as_draft_sections(self) -> list[tuple[str, str, list[str]]]:
        return [(section.kind, section.heading, section.clauses) for section in self.sections()]
