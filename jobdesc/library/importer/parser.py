"""Finding the job descriptions among a page's paragraphs and splitting each into sections and clauses.

A page is read as a stream of typed blocks (title, heading, numbered clause, bare number, bullet, text,
noise, end). An instruction opens at a title, a section heading or a run of numbered clauses, and
closes at a signature block or once prose takes over; lists introduced by a lead-in («… имеет
право:») are followed wherever they are, so an article's own lists yield their clauses too.
"""

import re
from dataclasses import dataclass, field

from jobdesc.grammar.inflect import morph

from .classify import (
    classify,
    compatible,
    heading_kind,
    is_page_furniture,
    is_prose,
    is_structure_lead_in,
    lead_in_topic,
    looks_like_heading,
    normalise,
    sentences,
)
from .documents import UNCLASSIFIED, Clause, Document
from .paragraphs import BULLET, Paragraph, ends_sentence, split_run_together, typed_bullet
from .positions import (
    aliases_of,
    capitalise,
    most_common_subject,
    names_a_person,
    nominative,
    position_title,
    strip_gaps,
)
from .vocabulary import (
    BARE_TITLE_RE,
    END_RE,
    FOREIGN_TITLE_RE,
    INTERROGATIVES,
    LIST_LABELS,
    NOISE_RE,
    TITLE_PREFIX_RE,
    TITLE_RE,
)

ARABIC_RE = re.compile(
    r"^(?P<number>\d{1,2}(?:\.\d{1,2}){0,3})(?P<stop>[.)])?(?:\s+|(?=[^\W\d_]|[«\"(\[]))(?P<rest>\S.*)$"
)
BARE_NUMBER_RE = re.compile(r"^(?P<number>\d{1,2}(?:\.\d{1,2}){0,3})\.?$")
ROMAN_RE = re.compile(r"^(?P<number>[IVXLC]{1,5})[.)]?\s+(?P<rest>\S.*)$")
BARE_SECTION_NUMBER_RE = re.compile(
    r"^(?:(?:раздел|глава|osa|peatükk)\s+)?(?:[IVXLC]{1,5}|\d{1,2})\.?$|^(?:раздел|глава|osa|peatükk)\s+\S+$", re.I
)
SECTION_WORD_RE = re.compile(
    r"^(?:раздел|глава|osa|peatükk)\s+(?P<number>\d{1,2}|[IVXLC]{1,5})\.?\s*(?P<rest>.*)$"
    # Estonian puts the ordinal first: «1. peatükk ÜLDSÄTTED», «II osa».
    r"|^(?P<ordinal>\d{1,2}|[IVXLC]{1,5})\.?\s+(?:peatükk|osa|jagu)\b\.?\s*(?P<after>.*)$",
    re.IGNORECASE,
)
LETTER_ITEM_RE = re.compile(r"^(?P<number>[а-яa-z]|\d{1,2})\)\s*(?P<rest>\S.*)$")
TITLE_CONTINUATION_RE = re.compile(
    r"^(?:по|в|во|с|со|для|на|при|отдела|службы|управления|цеха|участка|сектора|группы|лаборатории|"
    r"филиала|департамента|отделения|цехов|отделов|бюро)\s",
    re.IGNORECASE,
)
SPLIT_TITLE_RE = re.compile(r"^должностная$", re.IGNORECASE)
PLACE_PREFIX_RE = re.compile(r"^(?:г\.|город)\s*[А-ЯЁ][\w-]+\s+(?=[а-яё])")
# The lines a title's requisites take between «ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ» and the position: a number, a
# date («15.03.2024 № 27», «от «__» ____ 20__ г.»), a place («г. Самара»), a note in brackets.
TITLE_REQUISITE_RE = re.compile(
    r"^(?:(?:от\s+)?[\d_.«»\"\s/-]*(?:\s*(?:г|года)\.?)?\s*(?:(?:№|N)\s*[\w/.-]*)?|(?:г\.|город)\s*[А-ЯЁ][\w-]+|\([^)]*\))$",
    re.IGNORECASE,
)
CAPS_RE = re.compile(r"^[^a-zа-яёõäöüšž]*$")
TOC_RE = re.compile(r"^(?:содержание|оглавление|sisukord)$", re.IGNORECASE)
GAP_ONLY_RE = re.compile(r"^\[[^\]]*\]?[.;]?$|^[^\[]*\]$")
LETTERS_RE = re.compile(r"[^\W\d_]{2}")
# What a signature or date line is made of besides its blanks: initials and surname, a date, brackets.
SIGNATURE_PARTS_RE = re.compile(
    r"[A-ZА-ЯЁÕÄÖÜ]\.\s?(?:[A-ZА-ЯЁÕÄÖÜ]\.)?\s?[A-ZА-ЯЁÕÄÖÜ][\w-]+|_+|\d+|\b(?:г|года|г\.)\b|[«»\"()/.,:;|\s-]+"
)
# The lines of an approval stamp after «УТВЕРЖДАЮ»: the approver's position, the organisation, the blanks.
STAMP_RE = re.compile(r"^(?:утверждаю|утвержден[оаы]?|kinnitan|kinnitatud)\b", re.IGNORECASE)
STAMP_LINES = 5
WORD_RE = re.compile(r"\S+")
ITEM_END_RE = re.compile(r"[.;:,][»\"”)]*$")
MAX_ITEM = 1500
SAMPLE_SECTIONS = 3
MAX_LOOSE_CLAUSE = 600
# An unnumbered clause of a titled instruction may run to two sentences; three make a paragraph of prose.
LOOSE_SENTENCES = 2
LABEL_WORDS = 5
HEADING_WORDS = 10


@dataclass
class Block:
    type: str
    text: str
    number: str = ""
    kind: str | None = None
    # The list level its file gives an item (Word's «ilvl», the nesting of <ul>, an indentation).
    level: int | None = None
    # Short, capitalised and without a full stop: a heading if its place in the numbering says so.
    heading_like: bool = False


def heading_like(text: str, colon: bool = False) -> bool:
    """A line that could title a section: short, capitalised, not a sentence or a list item.

    A colon at the end is a lead-in's unless the file's style says the line is a heading (`colon`).
    """
    if not text or not text[0].isupper() or len(text.split()) > HEADING_WORDS:
        return False
    if re.search(r"[.;,!?]$", text.rstrip(":") if colon else text) or text.endswith(":") and not colon:
        return False
    if is_prose(text) or not LETTERS_RE.search(text):
        return False
    first = normalise(text).split()[0]
    return first not in INTERROGATIVES


def type_paragraph(paragraph: str, language: str, heading: int | None = None, level: int | None = None) -> Block:
    """What one paragraph is; the text of a heading or clause loses its number.

    `heading` is the heading level a file's style gives the paragraph, `level` its list level.
    """
    block = _type(paragraph, language, heading)
    if block.type in {"bullet", "clause", "text", "item"}:
        block.level = level
    return block


def _type(paragraph: str, language: str, styled: int | None) -> Block:
    if TOC_RE.match(paragraph):
        return Block("toc", paragraph)
    if NOISE_RE.search(paragraph) or GAP_ONLY_RE.match(paragraph) or is_blank_to_fill(paragraph):
        return Block("noise", paragraph)
    if is_page_furniture(paragraph):
        return Block("noise", paragraph)
    if END_RE.match(paragraph):
        return Block("end", paragraph)
    if paragraph.startswith(BULLET):
        return Block("bullet", paragraph[len(BULLET) :])
    position = title_position(paragraph, language)
    if position is not None:
        return Block("title", paragraph, kind=position)
    if language == "ru" and FOREIGN_TITLE_RE.match(paragraph):
        # An English title beside the Russian one («Job description»).
        return Block("noise", paragraph)
    if match := BARE_NUMBER_RE.match(paragraph):
        return Block("number", paragraph, number=match["number"])
    if match := SECTION_WORD_RE.match(paragraph):
        # «Раздел 3. Права»: a heading by its wording, whatever it names.
        rest = match["rest"] or match["after"] or paragraph
        number = match["number"] or match["ordinal"]
        return Block("heading", rest, number=number, kind=heading_kind(rest, language, key_word=True))
    if match := ROMAN_RE.match(paragraph):
        rest = match["rest"]
        kind = heading_kind(rest, language, key_word=True)
        if kind or (heading_like(rest) and len(rest.split()) <= 8):
            # «VII. Порядок пересмотра»: a Roman number only ever numbers a section.
            return Block("heading", rest, number=match["number"], kind=kind)
    if match := ARABIC_RE.match(paragraph):
        number, rest = match["number"], match["rest"]
        if "." not in number and (kind := heading_kind(rest, language, key_word=True)):
            return Block("heading", rest, number=number, kind=kind)
        if styled is not None and heading_like(rest, colon=True):
            return Block("heading", rest, number=number, kind=heading_kind(rest, language, key_word=True))
        if "." in number or match["stop"]:
            return Block("clause", rest, number=number, heading_like="." not in number and heading_like(rest))
    formal = styled is not None or bool(CAPS_RE.match(paragraph))
    if kind := heading_kind(paragraph, language, key_word=formal):
        return Block("heading", paragraph, kind=kind)
    if styled is not None and heading_like(paragraph, colon=True):
        return Block("heading", paragraph, kind=None)
    if match := LETTER_ITEM_RE.match(paragraph):
        return Block("item", match["rest"], number=match["number"])
    return Block("text", paragraph, heading_like=heading_like(paragraph))


def is_blank_to_fill(paragraph: str) -> bool:
    """A signature or date line: blanks to fill in («_________ И.П. Соколов», ««___» _______ 20__ г.»)."""
    if paragraph.count("_") < 3:
        return False
    rest = SIGNATURE_PARTS_RE.sub(" ", paragraph)
    return len(LETTERS_RE.findall(rest)) <= 2 and len(rest.split()) <= 3


def title_position(paragraph: str, language: str) -> str | None:
    """For a document title, the position it names (in the genitive, as written; empty if it names none)."""
    paragraph = TITLE_PREFIX_RE.sub("", paragraph)
    if len(paragraph) > 200 or re.search(r"[.?!;]$", paragraph):
        return None
    match = TITLE_RE[language].match(paragraph)
    if match is None:
        return None
    if language != "ru":
        return "" if paragraph.isupper() or len(paragraph.split()) <= 3 else None
    # An English title or a department after a slash or in brackets is not part of the position.
    # What a page adds after the position («…: образец 2024», «— обязанности и права») is not part of it.
    position = re.split(r"\s+[/|]\s*|\s*\((?=[^)]*[A-Za-z])|\s+[—–-]\s+|\s*:\s+", match["position"])[0]
    position = strip_gaps(re.sub(r"^(?:№|N)\s*\S+\s+", "", position))
    if not position or len(position) > 150:
        return None
    # The position in the genitive («инженера-электроника»), or in the nominative after a colon.
    return position if position_title(position) is not None else None


def merge_titles(paragraphs: list[Paragraph], language: str) -> list[Paragraph]:
    """A title spread over lines («ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ» / «№ 12» / «инженера-программиста») as one."""
    merged: list[Paragraph] = []
    index = 0
    while index < len(paragraphs):
        paragraph = paragraphs[index]
        text = TITLE_PREFIX_RE.sub("", paragraph.text)
        if (
            SPLIT_TITLE_RE.match(text)
            and index + 1 < len(paragraphs)
            and BARE_TITLE_RE[language].match(f"{text} {paragraphs[index + 1].text}")
        ):
            # «ДОЛЖНОСТНАЯ» / «ИНСТРУКЦИЯ» on two lines of a form.
            paragraphs = [
                *paragraphs[:index],
                Paragraph(f"{text} {paragraphs[index + 1].text}"),
                *paragraphs[index + 2 :],
            ]
            paragraph = paragraphs[index]
            text = paragraph.text
        following = None
        if BARE_TITLE_RE[language].match(text) and (found := _title_continuation(paragraphs, index, text, language)):
            following, text = found
        elif title_position(text, language) is not None:
            following = index
        if following is None:
            merged.append(paragraph)
            index += 1
            continue
        if following + 1 < len(paragraphs) and _continues_title(paragraphs[following + 1].text, language):
            # «…инструкция менеджера» / «по работе с клиентами»: the position goes on below.
            following += 1
            text = f"{text} {paragraphs[following].text}"
        merged.append(Paragraph(text, heading=paragraph.heading))
        index = following + 1
    return merged


def _continues_title(line: str, language: str) -> bool:
    """A short line after a title that goes on naming the position: «по работе с клиентами», «отдела продаж»,
    «терапевтического отделения» — a preposition or a word in the genitive, not in capitals unless
    the line is a department's name in capitals.
    """
    if language != "ru" or len(line.split()) > 8 or re.search(r"[.;:!?]$", line) or not line[0].isalpha():
        return False
    if heading_kind(line, language) is not None:
        return False
    if TITLE_CONTINUATION_RE.match(line):
        return True
    first = line.split()[0].lower()
    return line[0].islower() and any(
        parse.tag.POS in {"ADJF", "NOUN"} and "gent" in parse.tag and "nomn" not in parse.tag
        for parse in morph().parse(first)
    )


def _title_continuation(paragraphs: list[Paragraph], index: int, text: str, language: str):
    """(index, joined title) when a bare «Должностная инструкция» is followed by the position it names.

    A number, a date, a place or an English title may stand between them.
    """
    for following in range(index + 1, min(index + 6, len(paragraphs))):
        candidate = paragraphs[following].text
        if TITLE_REQUISITE_RE.match(candidate) or FOREIGN_TITLE_RE.match(candidate):
            continue
        if paragraphs[following].heading is not None:
            # The second line of a title in a numbered heading style: «2. инженера-электроника».
            candidate = re.sub(r"^\d{1,2}\.\s+(?=[а-яё])", "", candidate)
        joined = f"{text} {candidate}"
        if len(candidate.split()) <= 14 and title_position(joined, language) is not None:
            return following, joined
        # «г. Самара инженера-электроника»: a place joined to the position by a hard wrap.
        rest = PLACE_PREFIX_RE.sub("", candidate)
        if rest != candidate and title_position(f"{text} {rest}", language) is not None:
            return following, f"{text} {rest}"
        return None
    return None


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
    # How deep its items sit under their top-level clause, and the list level the file gave them.
    depth: int = 0
    item_level: int | None = None


@dataclass
class _Open:
    opened_by: str
    title: str = ""
    clauses: list[Clause] = field(default_factory=list)
    headings: dict[str, str] = field(default_factory=dict)
    section: str | None = None
    section_numbered: bool = False
    # The heading of the section being read when it is unclassified, and the number of its heading.
    section_heading: str = ""
    section_number: str = ""
    strikes: int = 0
    numbered: dict[str, Clause] = field(default_factory=dict)


class Parser:
    def __init__(self, paragraphs: list[Paragraph], language: str):
        self.language = language
        self.blocks = [type_paragraph(p.text, language, p.heading, p.level) for p in paragraphs]
        self.documents: list[Document] = []
        self.doc: _Open | None = None
        self.leads: list[_Lead] = []
        # The last section heading seen, inside a document or not: an article's list takes its section.
        self.heading_kind: str | None = None
        self.last_title = ""
        self.toc = False
        self.groups = 0
        # How many more short lines belong to the approval stamp just read.
        self.stamp = 0

    @property
    def lead(self) -> _Lead | None:
        """The innermost open list."""
        return self.leads[-1] if self.leads else None

    @lead.setter
    def lead(self, value: _Lead | None):
        self.leads = [value] if value is not None else []

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
        if block.type == "noise" and STAMP_RE.match(block.text):
            self.stamp = STAMP_LINES
        elif self.stamp and block.type == "text" and len(block.text.split()) <= 12 and not ends_sentence(block.text):
            # «Генеральный директор» / «ООО «Альфа»»: the approver and the organisation, not a clause.
            self.stamp -= 1
            return index + 1
        elif block.type != "noise":
            self.stamp = 0
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
        if block.kind is None:
            return self.on_unclassified(index, block)
        self.lead = None
        self.heading_kind = block.kind
        if self.doc is None:
            self.open("heading")
        self.doc.section = block.kind
        self.doc.section_numbered = False
        self.doc.section_heading = ""
        self.doc.section_number = block.number
        self.doc.numbered = {}
        self.doc.headings.setdefault(block.kind, block.text.rstrip(":. "))

    def on_unclassified(self, index, block):
        """A heading the vocabulary does not know: its own section, for a person to classify."""
        following = self.peek(index)
        content = following is not None and following.type in {"clause", "bullet", "item", "number"}
        if self.doc is None and not (content and self.sentence_like(following.text)):
            self.heading_kind = None
            self.lead = None
            return None
        self.lead = None
        self.heading_kind = None
        if self.doc is None:
            self.open("heading")
        self.doc.section = UNCLASSIFIED
        self.doc.section_numbered = False
        self.doc.section_heading = block.text.rstrip(":. ") or block.number
        self.doc.section_number = block.number
        self.doc.numbered = {}
        return None

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

    def numbered_heading(self, index, block) -> bool:
        """«5. Изменения и дополнения» before «5.1 …»: a section heading by its place in the numbering."""
        if not block.heading_like or block.level is not None:
            return False
        following = self.peek(index)
        if following is not None and following.type == "clause" and following.number.startswith(block.number + "."):
            return True
        doc = self.doc
        return (
            doc is not None
            and bool(doc.section_number)
            and doc.section_number.isdigit()
            and block.number == str(int(doc.section_number) + 1)
        )

    def on_clause(self, index, block):
        if self.numbered_heading(index, block):
            return self.on_heading(index, Block("heading", block.text, number=block.number, kind=None))
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
        depth = lead.depth if lead else 0
        parent = self.numbered_parent(block.number)
        if lead is None and parent is not None:
            # «2.3.1» under «2.3»: a sub-item of the clause it extends, in that clause's section.
            kind, depth = parent.kind, parent.depth + 1
        clause = self.add(
            block.text,
            kind,
            number=block.number,
            group=lead.group if lead else None,
            narrative=bool(lead and lead.narrative),
            depth=depth,
            move=parent is None or lead is not None,
        )
        self.open_nested(index, clause)

    def on_item(self, index, block):
        """«а) …», «1) …»: an item of the list it stands in, or a clause of its section."""
        lead = self.lead
        if lead is not None and lead.style in {"bullet", "clause"} and len(self.leads) == 1:
            # «а) …:» / «– …» / «б) …»: a lettered clause after the bullets under the one before it.
            self.lead = lead = None
        if lead is None and block.text.endswith(":") and self.list_follows(index, None):
            # «а) Инженер должен знать:» with its items below: a lead-in like any other.
            return self.lead_in(Block("text", block.text), index)
        if lead is None and self.doc is not None and self.doc.clauses and self.doc.clauses[-1].text.endswith(":"):
            self.nest_under(self.doc.clauses[-1])
            lead = self.lead
        if lead is not None:
            lead.style = lead.style or "item"
            if lead.kind and not lead.drop:
                clause = self.add(block.text, lead.kind, group=lead.group, narrative=lead.narrative, depth=lead.depth)
                self.open_nested(index, clause)
            return None
        if self.doc is not None and self.doc.section:
            self.add(block.text, self.doc.section)
            return None
        return self.on_text(index, Block("text", block.text))

    def on_bullet(self, index, block):
        lead = self.lead
        if lead is not None and block.level is not None:
            while lead is not None and lead.item_level is not None and block.level < lead.item_level:
                # Back out of the lists deeper than this bullet; out of all of them for a top-level one.
                self.leads.pop()
                lead = self.lead
            if lead is None:
                pass
            elif lead.item_level is None:
                lead.item_level = block.level
            elif block.level > lead.item_level and self.doc is not None and self.doc.clauses:
                # A deeper bullet: the start of a list under the item before it.
                self.nest_under(self.doc.clauses[-1], item_level=block.level)
                lead = self.lead
        if lead is None and block.text.endswith(":") and self.deeper_list_follows(index, block.level):
            # «• Инженер должен знать:» with its own bullets below: a lead-in like any other.
            return self.lead_in(Block("text", block.text), index)
        if lead is not None:
            lead.style = lead.style or "bullet"
            if lead.kind and not lead.drop:
                clause = self.add(block.text, lead.kind, group=lead.group, narrative=lead.narrative, depth=lead.depth)
                self.open_nested(index, clause)
        elif self.doc is not None and self.doc.section:
            clause = self.add(block.text, self.doc.section)
            self.open_nested(index, clause)

    def deeper_list_follows(self, index: int, level: int | None) -> bool:
        following = self.peek(index)
        if following is None:
            return False
        if following.type == "item":
            return True
        return following.type == "bullet" and (following.level or 0) > (level or 0)

    def on_text(self, index, block):
        text = block.text
        lead = self.lead
        # Inside a list, a line starting in lower case is an item even when it ends with a colon.
        if lead is not None and text[0].islower() and self.item_like(text, nested=True):
            return self.add_item(text, index)
        if kind := self.heading_by_key_word(index, block):
            return self.on_heading(index, Block("heading", text, kind=kind))
        if self.is_lead_in(block, index):
            return self.lead_in(block, index)
        if self.positional_heading(index, block):
            return self.on_heading(index, Block("heading", text, kind=None))
        if lead is not None and self.item_like(text):
            return self.add_item(text, index)
        if lead is None and self.doc is not None and self.doc.section and text[0].islower() and self.item_like(text):
            # Items straight under a heading, without a lead-in: «Права» / «запрашивать …;».
            self.lead = _Lead(kind=self.doc.section)
            return self.add_item(text, index)
        if self.doc is not None and self.accepts_loose(text):
            self.add(text, self.doc.section or "general", loose=True)
            return None
        if looks_like_heading(text):
            self.heading_kind = None
            if self.doc is not None and self.doc.clauses and normalise(text).split()[0] in INTERROGATIVES:
                # «Как утвердить инструкцию»: an article's question goes on after the sample.
                self.close()
                return None
        self.lead = None
        if self.doc is not None:
            self.doc.strikes += 1
            # Before its first clause a titled instruction has requisites and a preamble to get through.
            limit = 2 if self.doc.clauses else (8 if self.doc.opened_by == "title" else 4)
            if self.doc.strikes >= limit:
                self.close()
        return None

    def heading_by_key_word(self, index, block) -> str | None:
        """«Общая часть», «Знания» on a line of their own before the clauses: a heading by its key noun.

        Not a row label of a table-like layout («1.4.1» / «Прямое подчинение» / «начальнику …»).
        """
        text = block.text
        # «Общая часть.», «Порядок пересмотра инструкции:»: a short heading may end with a stop or a colon.
        short_with_stop = text[-1:] in {".", ":"} and len(text.split()) <= 5 and heading_like(text[:-1])
        if not (block.heading_like or short_with_stop) or index and self.blocks[index - 1].type == "number":
            return None
        following = self.peek(index)
        if following is None or following.type not in {"clause", "bullet", "item", "text"}:
            return None
        if following.type == "text" and not (self.sentence_like(following.text) or self.item_like(following.text)):
            return None
        return heading_kind(block.text, self.language, key_word=True)

    def positional_heading(self, index, block) -> bool:
        """An unnumbered heading the vocabulary does not know, recognised by what follows it."""
        doc = self.doc
        if doc is None or not block.heading_like or not doc.clauses:
            return False
        following = self.peek(index)
        if following is None:
            return False
        if following.type == "clause" and re.fullmatch(r"\d{1,2}\.1", following.number):
            # «Служебные отношения» / «6.1 …»: the first clause of a new section.
            return following.number.split(".")[0] != (doc.section_number or doc.clauses[-1].number.split(".")[0])
        # «ИЗМЕНЕНИЯ И ДОПОЛНЕНИЯ» in capitals, followed by clauses.
        return (
            bool(CAPS_RE.match(block.text))
            and len(block.text.split()) <= 6
            and following.type in {"clause", "bullet", "item"}
            and following.number in {"", "1"}
        )

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
        if section == UNCLASSIFIED and topic is not None and not narrative:
            section = None
        if topic is None and narrative:
            topic = lead_in_topic(text, self.language) or section or self.heading_kind
        elif topic is None or (section and compatible(topic, section)):
            # A list follows its section's own naming: «обязанности» under «Функции» stay functions.
            topic = section
        if self.doc is None:
            if topic is None or not self.list_follows(index, None):
                return None
            self.open("lead_in")
        outer = self.lead if block.number and self.lead and is_sub(block.number, self.lead.number) else None
        if narrative:
            self.lead = _Lead(kind=topic, narrative=True, drop=topic is None)
        elif restates:
            if not numbered:
                # An unnumbered lead-in («… имеет право:») stands where the section heading would be.
                self.doc.section = topic
                self.doc.section_numbered = False
                self.doc.section_heading = ""
            self.lead = _Lead(kind=topic, number=block.number or None)
        elif not self.list_follows(index, block.number or None):
            self.lead = None
        elif numbered and len(text.split()) <= LABEL_WORDS and self.cells_follow(index):
            return self.label_row(block, index)
        else:
            self.groups += 1
            kind = classify(text, topic or section or "general", self.language)
            depth = outer.depth if outer else 0
            clause = self.add(text, kind, number=block.number, group=self.groups, lead_in=True, depth=depth)
            lead = _Lead(kind=kind, number=block.number or None, group=self.groups, depth=clause.depth + 1)
            if outer is not None:
                self.leads.append(lead)
            else:
                self.lead = lead
        return None

    def open_nested(self, index: int, clause: Clause | None):
        """An item ending with a colon and followed by a list of its own opens that list under it."""
        if clause is None or not clause.text.endswith(":"):
            return
        following = self.peek(index)
        if following is None or following.type not in {"bullet", "item", "clause"}:
            return
        lead = self.lead
        if following.type == "clause":
            if not (clause.number and is_sub(following.number, clause.number)):
                return
        elif lead is not None and following.type == "bullet" and lead.style == "bullet":
            deeper = following.level is not None and lead.item_level is not None and following.level > lead.item_level
            if not deeper:
                return
        self.nest_under(clause, item_level=following.level if following.type == "bullet" else None)

    def nest_under(self, clause: Clause, item_level: int | None = None):
        self.groups += 1
        clause.lead_in = True
        clause.group = clause.group if clause.group is not None and self.lead is None else self.groups
        nested = _Lead(kind=clause.kind, number=clause.number or None, group=clause.group, depth=clause.depth + 1)
        nested.item_level = item_level
        self.leads.append(nested)

    def numbered_parent(self, number: str) -> Clause | None:
        if self.doc is None or "." not in number:
            return None
        parent = self.doc.numbered.get(number.rsplit(".", 1)[0])
        return parent if parent is not None and not parent.lead_in else None

    def label_row(self, block: Block, index: int) -> int:
        """«3.1 Внешние документы:» followed by its value on the next lines: one clause."""
        cells, following = self.cells_after(index)
        self.lead = None
        self.add_row(block.number, [block.text.rstrip(": "), *cells])
        return following

    def cells_follow(self, index: int) -> bool:
        following = self.peek(index)
        return following is not None and following.type == "text"

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
        if following.type in {"bullet", "number", "item"}:
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

    def add_item(self, text: str, index: int | None = None):
        lead = self.lead
        lead.style = "text"
        if text[0].isalpha():
            lead.lower = text[0].islower()
        if lead.kind and not lead.drop:
            clause = self.add(text, lead.kind, group=lead.group, narrative=lead.narrative, depth=lead.depth)
            if index is not None:
                self.open_nested(index, clause)

    def end_lead_outside(self, number: str):
        while self.lead is not None and self.lead.number is not None and not is_sub(number, self.lead.number):
            self.leads.pop()

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
        """An unnumbered sentence of a titled instruction, in a section whose clauses carry no numbers.

        Not in a document opened by a heading: an article's sections hold prose of the same shape.
        """
        doc = self.doc
        return (
            doc.opened_by == "title"
            and not doc.section_numbered
            and text[0].isupper()
            and not text.endswith(":")
            and ends_sentence(text)
            and len(text) <= MAX_LOOSE_CLAUSE
            and not is_prose(text, sentences_allowed=LOOSE_SENTENCES)
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

    def add(
        self, text, kind, *, number="", group=None, lead_in=False, narrative=False, loose=False, move=True, depth=0
    ) -> Clause | None:
        text = text.strip()
        if not LETTERS_RE.search(strip_gaps(text)):
            return None
        if move and group is None:
            kind = classify(text, kind, self.language)
        clause = Clause(
            text=text,
            kind=kind,
            number=number,
            group=group,
            lead_in=lead_in,
            narrative=narrative,
            loose=loose,
            depth=depth,
            heading=self.doc.section_heading if kind == UNCLASSIFIED else "",
        )
        self.doc.clauses.append(clause)
        if number:
            self.doc.section_numbered = True
            self.doc.numbered[number] = clause
        self.doc.strikes = 0
        return clause

    def open(self, opened_by: str, title: str = ""):
        self.close()
        self.doc = _Open(opened_by=opened_by, title=title)

    def close(self):
        doc, self.doc, self.lead = self.doc, None, None
        if doc is None or not doc.clauses:
            return
        multi_level = sum(1 for clause in doc.clauses if "." in clause.number)
        # Sections under headings of their own («Общие положения», «Права», «Ответственность»…) make an
        # instruction even without a title, however its clauses are numbered.
        headed = len({kind for kind in doc.headings if any(clause.kind == kind for clause in doc.clauses)})
        # An article under a title («Должностная инструкция инженера: образец») has its lists and its
        # prose, but not the numbered clauses or the headed sections of an instruction.
        listed = sum(1 for clause in doc.clauses if not clause.narrative and not clause.loose)
        titled = doc.opened_by == "title" and len(doc.clauses) >= 3 and (listed >= 3 or headed >= 2)
        sample = titled or multi_level >= 3 or (headed >= SAMPLE_SECTIONS and len(doc.clauses) >= SAMPLE_SECTIONS + 2)
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


def merge_numbers(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """«VII.» or «Раздел 3» on a line of its own, and its heading on the next: one heading."""
    merged: list[Paragraph] = []
    index = 0
    while index < len(paragraphs):
        paragraph = paragraphs[index]
        if BARE_SECTION_NUMBER_RE.match(paragraph.text) and index + 1 < len(paragraphs):
            following = paragraphs[index + 1]
            if heading_like(following.text) and not following.text.startswith(BULLET):
                number = paragraph.text.rstrip(".")
                merged.append(Paragraph(f"{number}. {following.text}", heading=paragraph.heading or following.heading))
                index += 2
                continue
        merged.append(paragraph)
        index += 1
    return merged


def parse_paragraphs(paragraphs: list[Paragraph | str], language: str) -> list[Document]:
    """Every document found among `paragraphs`, in the order they appear."""
    given = [paragraph if isinstance(paragraph, Paragraph) else Paragraph(paragraph) for paragraph in paragraphs]
    pieces: list[Paragraph] = []
    previous = None
    for paragraph in merge_titles(merge_numbers(given), language):
        paragraph = typed_bullet(paragraph, pieces[-1].text if pieces else None)
        texts, previous = split_run_together(paragraph.text, previous)
        pieces.append(Paragraph(texts[0], heading=paragraph.heading, level=paragraph.level))
        pieces.extend(Paragraph(text) for text in texts[1:])
    return Parser(pieces, language).parse()
