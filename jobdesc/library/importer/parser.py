"""Finding the job descriptions among a page's paragraphs and splitting each into sections and clauses.

A page is read as a stream of typed blocks (title, heading, numbered clause, bare number, bullet, text,
noise, end). An instruction opens at a title, a section heading or a run of numbered clauses, and
closes at a signature block or once prose takes over; lists introduced by a lead-in («… имеет
право:») are followed wherever they are, so an article's own lists yield their clauses too.
"""

import re
from dataclasses import dataclass, field

from .classify import (
    classify,
    compatible,
    heading_kind,
    is_prose,
    is_structure_lead_in,
    lead_in_topic,
    looks_like_heading,
    normalise,
    sentences,
)
from .documents import Clause, Document
from .paragraphs import BULLET, ends_sentence, split_glued
from .positions import (
    aliases_of,
    capitalise,
    looks_genitive,
    most_common_subject,
    names_a_person,
    nominative,
    strip_gaps,
)
from .vocabulary import END_RE, LIST_LABELS, NOISE_RE, TITLE_RE

ARABIC_RE = re.compile(
    r"^(?P<number>\d{1,2}(?:\.\d{1,2}){0,3})(?P<stop>[.)])?(?:\s+|(?=[^\W\d_]|[«\"(\[]))(?P<rest>\S.*)$"
)
BARE_NUMBER_RE = re.compile(r"^(?P<number>\d{1,2}(?:\.\d{1,2}){0,3})\.?$")
ROMAN_RE = re.compile(r"^(?P<number>[IVXLC]{1,5})[.)]?\s+(?P<rest>\S.*)$")
TOC_RE = re.compile(r"^(?:содержание|оглавление|sisukord)$", re.IGNORECASE)
GAP_ONLY_RE = re.compile(r"^\[[^\]]*\]?[.;]?$|^[^\[]*\]$")
LETTERS_RE = re.compile(r"[^\W\d_]{2}")
WORD_RE = re.compile(r"\S+")
ITEM_END_RE = re.compile(r"[.;:,][»\"”)]*$")
MAX_ITEM = 1500
MAX_LOOSE_CLAUSE = 600
LABEL_WORDS = 5


@dataclass
class Block:
    type: str
    text: str
    number: str = ""
    kind: str | None = None


def type_paragraph(paragraph: str, language: str) -> Block:
    """What one paragraph is; the text of a heading or clause loses its number."""
    if TOC_RE.match(paragraph):
        return Block("toc", paragraph)
    if NOISE_RE.search(paragraph) or GAP_ONLY_RE.match(paragraph):
        return Block("noise", paragraph)
    if END_RE.match(paragraph):
        return Block("end", paragraph)
    if paragraph.startswith(BULLET):
        return Block("bullet", paragraph[len(BULLET) :])
    position = title_position(paragraph, language)
    if position is not None:
        return Block("title", paragraph, kind=position)
    if match := BARE_NUMBER_RE.match(paragraph):
        return Block("number", paragraph, number=match["number"])
    if (match := ROMAN_RE.match(paragraph)) and (kind := heading_kind(match["rest"], language)):
        return Block("heading", match["rest"], number=match["number"], kind=kind)
    if match := ARABIC_RE.match(paragraph):
        number, rest = match["number"], match["rest"]
        if "." not in number and (kind := heading_kind(rest, language)):
            return Block("heading", rest, number=number, kind=kind)
        if "." in number or match["stop"]:
            return Block("clause", rest, number=number)
    if kind := heading_kind(paragraph, language):
        return Block("heading", paragraph, kind=kind)
    return Block("text", paragraph)


def title_position(paragraph: str, language: str) -> str | None:
    """For a document title, the position it names (in the genitive, as written; empty if it names none)."""
    if len(paragraph) > 150 or re.search(r"[.?!;]$", paragraph):
        return None
    match = TITLE_RE[language].match(paragraph)
    if match is None:
        return None
    if language != "ru":
        return "" if paragraph.isupper() or len(paragraph.split()) <= 3 else None
    position = strip_gaps(match["position"])
    first = position.split(" ", 1)[0] if position else ""
    return position if first and looks_genitive(first) else None


def starts_block(line: str, language: str) -> bool:
    """A line that begins something of its own, so a hard wrap never joins it to its neighbour."""
    block = type_paragraph(line, language)
    return block.type in {"heading", "title", "toc"}


def is_sub(number: str, parent: str | None) -> bool:
    return parent is not None and number.startswith(parent + ".")


def lower_first(text: str) -> str:
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


@dataclass
class _Lead:
    """The list a lead-in opened: which section its items go to and how far it reaches."""

    kind: str | None
    number: str | None = None
    group: int | None = None
    narrative: bool = False
    drop: bool = False
    # How the first item was written; an unnumbered paragraph after bullets or numbers ends the list.
    style: str | None = None
    lower: bool | None = None


@dataclass
class _Open:
    opened_by: str
    title: str = ""
    clauses: list[Clause] = field(default_factory=list)
    headings: dict[str, str] = field(default_factory=dict)
    section: str | None = None
    section_numbered: bool = False
    strikes: int = 0


class Parser:
    def __init__(self, paragraphs: list[str], language: str):
        self.language = language
        self.blocks = [type_paragraph(paragraph, language) for paragraph in paragraphs]
        self.documents: list[Document] = []
        self.doc: _Open | None = None
        self.lead: _Lead | None = None
        # The last section heading seen, inside a document or not: an article's list takes its section.
        self.heading_kind: str | None = None
        self.last_title = ""
        self.toc = False
        self.groups = 0

    def parse(self) -> list[Document]:
        index = 0
        while index < len(self.blocks):
            index = self.step(index)
        self.close()
        return self.documents

    def step(self, index: int) -> int:
        block = self.blocks[index]
        if self.toc:
            # Entries of a table of contents are short lines without a full stop (questions included).
            if block.type in {"clause", "heading", "text", "title"} and not re.search(r"[.;:]$", block.text):
                return index + 1
            self.toc = False
        handler = getattr(self, "on_" + block.type)
        following = handler(index, block)
        return following if following is not None else index + 1

    # Blocks

    def on_toc(self, index, block):
        self.toc = True

    def on_noise(self, index, block):
        return None

    def on_end(self, index, block):
        self.close()

    def on_title(self, index, block):
        self.close()
        title = nominative(block.kind) if block.kind else ""
        self.open("title", title=capitalise(title))
        if title:
            self.last_title = capitalise(title)

    def on_heading(self, index, block):
        self.lead = None
        self.heading_kind = block.kind
        if self.doc is None:
            self.open("heading")
        self.doc.section = block.kind
        self.doc.section_numbered = False
        self.doc.headings.setdefault(block.kind, block.text.rstrip(":. "))

    def on_number(self, index, block):
        position = self.next_index(index)
        following = self.blocks[position] if position is not None else None
        if following is not None and following.type == "text" and ends_sentence(following.text):
            # A number on a line of its own: the clause it numbers is the next paragraph.
            self.blocks[position] = Block("clause", following.text, number=block.number)
            return position
        cells, following = self.cells_after(index)
        if self.doc is not None:
            self.end_lead_outside(block.number)
            self.add_row(block.number, cells)
        return following

    def on_clause(self, index, block):
        if self.doc is None:
            following = self.peek(index)
            if not (self.sentence_like(block.text) and following and following.type == "clause"):
                return None
            if not self.sentence_like(following.text):
                return None
            self.open("numbers")
        self.end_lead_outside(block.number)
        if self.is_lead_in(block, index):
            return self.lead_in(block, index)
        lead = self.lead
        if lead is not None:
            lead.style = lead.style or "clause"
        kind = lead.kind if lead and lead.kind else self.doc.section or "general"
        self.add(
            block.text,
            kind,
            number=block.number,
            group=lead.group if lead else None,
            narrative=bool(lead and lead.narrative),
        )

    def on_bullet(self, index, block):
        lead = self.lead
        if lead is not None:
            lead.style = lead.style or "bullet"
            if lead.kind and not lead.drop:
                self.add(block.text, lead.kind, group=lead.group, narrative=lead.narrative)
        elif self.doc is not None and self.doc.section:
            self.add(block.text, self.doc.section)

    def on_text(self, index, block):
        text = block.text
        lead = self.lead
        # Inside a list, a line starting in lower case is an item even when it ends with a colon.
        if lead is not None and text[0].islower() and self.item_like(text, nested=True):
            return self.add_item(text)
        if self.is_lead_in(block, index):
            return self.lead_in(block, index)
        if lead is not None and self.item_like(text):
            return self.add_item(text)
        if lead is None and self.doc is not None and self.doc.section and text[0].islower() and self.item_like(text):
            # Items straight under a heading, without a lead-in: «Права» / «запрашивать …;».
            self.lead = _Lead(kind=self.doc.section)
            return self.add_item(text)
        if self.doc is not None and self.accepts_loose(text):
            self.add(text, self.doc.section or "general", loose=True)
            return None
        if looks_like_heading(text):
            self.heading_kind = None
        self.lead = None
        if self.doc is not None:
            self.doc.strikes += 1
            if self.doc.strikes >= (2 if self.doc.clauses else 4):
                self.close()
        return None

    # Lists

    def is_lead_in(self, block: Block, index: int) -> bool:
        text = block.text
        if text.endswith(":"):
            return True
        if ends_sentence(text):
            return False
        following = self.peek(index)
        if following is None:
            return False
        if following.type == "bullet":
            return True
        return (
            following.type == "clause"
            and len(text.split()) <= 12
            and lead_in_topic(text, self.language) not in {None, "guidance"}
        )

    def lead_in(self, block: Block, index: int):
        text = block.text
        numbered = bool(block.number)
        last = sentences(text)[-1]
        narrative = is_prose(text)
        if is_structure_lead_in(last):
            self.lead = _Lead(kind=None, drop=True)
            return None
        topic = lead_in_topic(last, self.language)
        if topic is None and not narrative and names_a_person(text.rstrip(": "), self.language):
            topic = "duties"
        restates = topic is not None and topic != "guidance" and not narrative
        if topic == "guidance":
            topic = "general"
        section = self.doc.section if self.doc else None
        if topic is None and narrative:
            topic = lead_in_topic(text, self.language) or section or self.heading_kind
        elif topic is None or (section and compatible(topic, section)):
            # A list follows its section's own naming: «обязанности» under «Функции» stay functions.
            topic = section
        if self.doc is None:
            if topic is None or not self.list_follows(index, None):
                return None
            self.open("lead_in")
        if narrative:
            self.lead = _Lead(kind=topic, narrative=True, drop=topic is None)
        elif restates:
            if not numbered:
                # An unnumbered lead-in («… имеет право:») stands where the section heading would be.
                self.doc.section = topic
                self.doc.section_numbered = False
            self.lead = _Lead(kind=topic, number=block.number or None)
        elif not self.list_follows(index, block.number or None):
            self.lead = None
        elif numbered and len(text.split()) <= LABEL_WORDS:
            return self.label_row(block, index)
        else:
            self.groups += 1
            kind = classify(text, topic or section or "general", self.language)
            self.add(text, kind, number=block.number, group=self.groups, lead_in=True)
            self.lead = _Lead(kind=kind, number=block.number or None, group=self.groups)
        return None

    def label_row(self, block: Block, index: int) -> int:
        """«3.1 Внешние документы:» followed by its value on the next lines: one clause."""
        cells, following = self.cells_after(index)
        self.lead = None
        self.add_row(block.number, [block.text.rstrip(": "), *cells])
        return following

    def cells_after(self, index: int) -> tuple[list[str], int]:
        """The short unnumbered lines after a bare number or a label: the cells of its row."""
        following = index + 1
        cells = []
        while following < len(self.blocks) and self.blocks[following].type in {"text", "noise"}:
            text = self.blocks[following].text
            if self.blocks[following].type == "text":
                if len(text) > MAX_LOOSE_CLAUSE or is_prose(text):
                    break
                cells.append(text)
            following += 1
        return cells, following

    def list_follows(self, index: int, number: str | None) -> bool:
        following = self.peek(index)
        if following is None:
            return False
        if following.type in {"bullet", "number"}:
            return True
        if following.type == "clause":
            return number is None or is_sub(following.number, number)
        return following.type == "text" and self.item_like(following.text)

    def item_like(self, text: str, nested: bool = False) -> bool:
        if len(text) > MAX_ITEM or not ITEM_END_RE.search(text):
            return False
        lead = self.lead
        if lead is not None:
            if lead.style not in {None, "text"}:
                return False
            # A capitalised line after items like «запрашивать …;» is no item (here: a signature).
            if lead.lower and text[0].isupper():
                return False
            # A capitalised sentence after a lead-in is an item only in a titled instruction: in an
            # article it is the prose that follows the lead-in.
            if lead.style is None and text[0].isupper() and text.endswith(".") and not self.in_titled_document():
                return False
        return nested or not is_prose(text)

    def in_titled_document(self) -> bool:
        return self.doc is not None and self.doc.opened_by == "title"

    def add_item(self, text: str):
        lead = self.lead
        lead.style = "text"
        if text[0].isalpha():
            lead.lower = text[0].islower()
        if lead.kind and not lead.drop:
            self.add(text, lead.kind, group=lead.group, narrative=lead.narrative)

    def end_lead_outside(self, number: str):
        if self.lead is not None and self.lead.number is not None and not is_sub(number, self.lead.number):
            self.lead = None

    def add_row(self, number: str, cells: list[str]):
        """A table-like row: «1.4.1 / Прямое подчинение / начальнику отдела продаж» → one clause."""
        if not cells:
            return
        label, values = cells[0], cells[1:]
        if not self.is_label(label):
            return
        listed = LIST_LABELS.get(normalise(label))
        if listed:
            for value in values:
                self.add(value, listed, number=number, move=False)
            return
        if values:
            text = capitalise(label) + ": " + lower_first(" ".join(values))
            self.add(text, self.row_kind(number), number=number)

    @staticmethod
    def is_label(text: str) -> bool:
        return len(text.split()) <= LABEL_WORDS and not ends_sentence(text)

    def row_kind(self, number: str) -> str:
        lead = self.lead
        if lead is not None and lead.kind and (lead.number is None or is_sub(number, lead.number)):
            return lead.kind
        return self.doc.section or "general"

    # Documents

    def accepts_loose(self, text: str) -> bool:
        """An unnumbered sentence of a titled instruction, in a section whose clauses carry no numbers."""
        doc = self.doc
        return (
            doc.opened_by == "title"
            and not doc.section_numbered
            and text[0].isupper()
            and not text.endswith(":")
            and ends_sentence(text)
            and len(text) <= MAX_LOOSE_CLAUSE
            and not is_prose(text)
        )

    def sentence_like(self, text: str) -> bool:
        return len(text.split()) >= 4 and ends_sentence(text) and not is_prose(text)

    def next_index(self, index: int) -> int | None:
        """Where the next block that is not noise is."""
        for position in range(index + 1, len(self.blocks)):
            if self.blocks[position].type != "noise":
                return position
        return None

    def peek(self, index: int) -> Block | None:
        position = self.next_index(index)
        return self.blocks[position] if position is not None else None

    def add(self, text, kind, *, number="", group=None, lead_in=False, narrative=False, loose=False, move=True):
        text = text.strip()
        if not LETTERS_RE.search(strip_gaps(text)):
            return
        if move and group is None:
            kind = classify(text, kind, self.language)
        self.doc.clauses.append(
            Clause(
                text=text,
                kind=kind,
                number=number,
                group=group,
                lead_in=lead_in,
                narrative=narrative,
                loose=loose,
            )
        )
        if number:
            self.doc.section_numbered = True
        self.doc.strikes = 0

    def open(self, opened_by: str, title: str = ""):
        self.close()
        self.doc = _Open(opened_by=opened_by, title=title)

    def close(self):
        doc, self.doc, self.lead = self.doc, None, None
        if doc is None or not doc.clauses:
            return
        multi_level = sum(1 for clause in doc.clauses if "." in clause.number)
        sample = (doc.opened_by == "title" and len(doc.clauses) >= 3) or multi_level >= 3
        clauses = doc.clauses if sample else [clause for clause in doc.clauses if not clause.loose]
        if not clauses:
            return
        texts = [clause.text for clause in clauses]
        title = doc.title or most_common_subject(texts, self.language) or ""
        if not title and doc.opened_by in {"lead_in", "heading"}:
            title = self.last_title
        self.documents.append(
            Document(
                title=capitalise(title),
                language=self.language,
                sample=sample,
                clauses=clauses,
                headings=doc.headings,
                aliases=aliases_of(texts, title) if self.language == "ru" else [],
            )
        )


def parse_paragraphs(paragraphs: list[str], language: str) -> list[Document]:
    """Every document found among `paragraphs`, in the order they appear."""
    pieces = [piece for paragraph in paragraphs for piece in split_glued(paragraph)]
    return Parser(pieces, language).parse()
