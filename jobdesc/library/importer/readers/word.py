"""Word (.docx) files: paragraphs, tables, text boxes and content controls in reading order, with Word's
own list numbers written out and headings known by their style."""

import re
from dataclasses import dataclass, field

from ..paragraphs import Paragraph, clean, list_number, mark_bullet, rejoin_broken_lines
from .numbering import Counters, formatted

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
HEADING_NAME_RE = re.compile(r"^(?:heading|заголовок)\s*(\d)$", re.IGNORECASE)
TITLE_NAMES = {"title", "название", "заголовок"}
# Parts of a paragraph that are not its visible text: deleted revisions, the fallback copy of a
# drawing, field codes, footnote and comment references.
SKIPPED = {f"{{{W}}}{tag}" for tag in ("del", "moveFrom", "instrText", "delText", "rPr", "pPr", "commentReference")}
SKIPPED.add(f"{{{MC}}}Fallback")


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def attr(element, name: str) -> str | None:
    return None if element is None else element.get(w(name))


@dataclass
class _Style:
    name: str = ""
    based_on: str | None = None
    num_id: str | None = None
    ilvl: int | None = None
    outline: int | None = None


@dataclass
class _Level:
    fmt: str = "decimal"
    text: str = ""
    start: int = 1
    legal: bool = False
    style: str | None = None


@dataclass
class _Num:
    abstract: str
    overrides: dict[int, int] = field(default_factory=dict)


class _Numbering:
    """numbering.xml: list instances (`w:num`) pointing at abstract definitions (`w:abstractNum`)."""

    def __init__(self, root, styles: dict[str, _Style]):
        self.abstracts: dict[str, dict[int, _Level]] = {}
        self.links: dict[str, str] = {}
        self.nums: dict[str, _Num] = {}
        self.counters: dict[str, Counters] = {}
        self.started: set[str] = set()
        self.styles = styles
        if root is None:
            return
        for abstract in root.iter(w("abstractNum")):
            levels = {}
            for lvl in abstract.iter(w("lvl")):
                levels[int(attr(lvl, "ilvl") or 0)] = _level(lvl)
            key = attr(abstract, "abstractNumId")
            self.abstracts[key] = levels
            link = abstract.find(w("numStyleLink"))
            if link is not None:
                self.links[key] = attr(link, "val")
        for num in root.iter(w("num")):
            abstract = num.find(w("abstractNumId"))
            entry = _Num(abstract=attr(abstract, "val") or "")
            for override in num.iter(w("lvlOverride")):
                start = override.find(w("startOverride"))
                if start is not None:
                    entry.overrides[int(attr(override, "ilvl") or 0)] = _int(attr(start, "val"), 1)
            self.nums[attr(num, "numId")] = entry

    def levels(self, abstract: str) -> dict[int, _Level]:
        # A list defined by a numbering style («numStyleLink») takes the style's list definition.
        style = self.links.get(abstract)
        if style and style in self.styles and self.styles[style].num_id in self.nums:
            linked = self.nums[self.styles[style].num_id].abstract
            if linked != abstract:
                return self.abstracts.get(linked, {})
        return self.abstracts.get(abstract, {})

    def label(self, num_id: str, ilvl: int) -> tuple[str, bool] | None:
        """The number Word shows for an item of list `num_id` at level `ilvl`, and whether it is a bullet."""
        num = self.nums.get(num_id)
        if num is None:
            return None
        levels = self.levels(num.abstract)
        if ilvl not in levels:
            return None
        counters = self.counters.get(num.abstract)
        if counters is None:
            counters = self.counters[num.abstract] = Counters(lambda level: levels.get(level, _Level()).start)
        if num_id not in self.started:
            # A list instance that restarts its numbering («Начать заново») overrides the start value.
            self.started.add(num_id)
            for level, start in sorted(num.overrides.items()):
                counters.restart(level, start)
        level = levels[ilvl]
        if level.fmt == "bullet":
            return "", True
        counters.next(ilvl)

        def placeholder(match):
            shown = int(match.group(1)) - 1
            fmt = "decimal" if level.legal else levels.get(shown, _Level()).fmt
            return formatted(counters.value(shown), fmt)

        return re.sub(r"%(\d)", placeholder, level.text), False

    def level_of_style(self, num_id: str, style_id: str) -> int | None:
        num = self.nums.get(num_id)
        if num is None:
            return None
        for ilvl, level in self.levels(num.abstract).items():
            if level.style == style_id:
                return ilvl
        return None


def _int(value, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _level(lvl) -> _Level:
    fmt = lvl.find(w("numFmt"))
    text = lvl.find(w("lvlText"))
    start = lvl.find(w("start"))
    style = lvl.find(w("pStyle"))
    return _Level(
        fmt=attr(fmt, "val") or "decimal",
        text=attr(text, "val") or "",
        start=_int(attr(start, "val"), 1),
        legal=lvl.find(w("isLgl")) is not None,
        style=attr(style, "val"),
    )


def _styles(root) -> dict[str, _Style]:
    styles = {}
    if root is None:
        return styles
    for element in root.iter(w("style")):
        if attr(element, "type") not in {None, "paragraph", "numbering"}:
            continue
        style = _Style(name=(attr(element.find(w("name")), "val") or "").strip())
        style.based_on = attr(element.find(w("basedOn")), "val")
        properties = element.find(w("pPr"))
        if properties is not None:
            num = properties.find(w("numPr"))
            if num is not None:
                style.num_id = attr(num.find(w("numId")), "val")
                ilvl = attr(num.find(w("ilvl")), "val")
                style.ilvl = _int(ilvl, 0) if ilvl is not None else None
            outline = properties.find(w("outlineLvl"))
            if outline is not None:
                style.outline = _int(attr(outline, "val"), 9)
        styles[attr(element, "styleId")] = style
    return styles


class _Reader:
    def __init__(self, archive):
        self.styles = _styles(archive.xml("word/styles.xml", required=False))
        self.numbering = _Numbering(archive.xml("word/numbering.xml", required=False), self.styles)
        self.body = archive.xml("word/document.xml").find(w("body"))
        self.paragraphs: list[Paragraph] = []

    def read(self) -> list[Paragraph]:
        if self.body is not None:
            self.blocks(self.body)
        return self.paragraphs

    def blocks(self, container):
        for child in container:
            if child.tag == w("p"):
                self.paragraph(child)
            elif child.tag == w("tbl"):
                # A table read row by row, cell by cell: the way a layout table («2.1 | text») reads.
                for row in child.iter(w("tr")):
                    for cell in row.findall(w("tc")):
                        self.blocks(cell)
            elif child.tag in {w("sdt"), w("customXml"), w("sdtContent"), w("ins"), w("smartTag")}:
                self.blocks(child)

    def style_chain(self, style_id: str | None):
        seen = set()
        while style_id and style_id in self.styles and style_id not in seen:
            seen.add(style_id)
            yield style_id, self.styles[style_id]
            style_id = self.styles[style_id].based_on

    def heading_level(self, style_id: str | None, properties) -> int | None:
        outline = properties.find(w("outlineLvl")) if properties is not None else None
        if outline is not None and _int(attr(outline, "val"), 9) < 9:
            return _int(attr(outline, "val"), 9) + 1
        for _id, style in self.style_chain(style_id):
            name = style.name.lower()
            if name in TITLE_NAMES:
                return 0
            if match := HEADING_NAME_RE.match(name):
                return int(match.group(1))
            if style.outline is not None and style.outline < 9:
                return style.outline + 1
        return None

    def list_item(self, style_id: str | None, properties) -> tuple[str, int] | None:
        """(numId, level) of a numbered paragraph: its own numbering, else its style's."""
        num = properties.find(w("numPr")) if properties is not None else None
        if num is not None and num.find(w("numId")) is not None:
            num_id = attr(num.find(w("numId")), "val")
            ilvl = attr(num.find(w("ilvl")), "val")
            if ilvl is None and style_id:
                ilvl = self.numbering.level_of_style(num_id, style_id)
            return (num_id, _int(ilvl, 0)) if num_id != "0" else None
        for chained_id, style in self.style_chain(style_id):
            if style.num_id is not None:
                if style.num_id == "0":
                    return None
                ilvl = style.ilvl
                if ilvl is None:
                    ilvl = self.numbering.level_of_style(style.num_id, chained_id) or 0
                return style.num_id, ilvl
        return None

    def list_style_level(self, style_id: str | None) -> int:
        """«List Bullet 2» is the second level of a bulleted list, «List Bullet» the first."""
        for _id, style in self.style_chain(style_id):
            if match := re.search(r"\s(\d)$", style.name):
                return max(int(match.group(1)) - 1, 0)
        return 0

    def paragraph(self, element):
        properties = element.find(w("pPr"))
        style_id = attr(properties.find(w("pStyle")), "val") if properties is not None else None
        parts: list[str] = []
        boxes: list = []
        self.runs(element, parts, boxes)
        for box in boxes:
            # A text box anchored in a paragraph reads before the paragraph's own text.
            self.blocks(box)
        lines = [clean(line) for line in "".join(parts).split("\n")]
        lines = rejoin_broken_lines([line for line in lines if line])
        heading = self.heading_level(style_id, properties)
        item = self.list_item(style_id, properties)
        label = self.numbering.label(*item) if item else None
        if not lines:
            return
        level = None
        if label is not None:
            number, bullet = label
            if bullet:
                lines[0] = mark_bullet(lines[0])
            elif number.strip():
                lines[0] = f"{list_number(number)} {lines[0]}"
            if heading is None:
                level = item[1]
        elif (
            heading is None
            and style_id
            and any(style.name.lower().startswith("list bullet") for _id, style in self.style_chain(style_id))
        ):
            lines[0] = mark_bullet(lines[0])
            level = self.list_style_level(style_id)
        self.paragraphs.append(Paragraph(lines[0], heading=heading, level=level))
        # Manual line breaks inside a paragraph are kept as separate paragraphs.
        self.paragraphs.extend(Paragraph(line) for line in lines[1:])

    def runs(self, element, parts: list[str], boxes: list):
        for child in element:
            tag = child.tag
            if not isinstance(tag, str) or tag in SKIPPED:
                continue
            if tag == w("t"):
                parts.append(child.text or "")
            elif tag == w("tab") or tag == w("ptab"):
                parts.append(" ")
            elif tag in {w("br"), w("cr")}:
                parts.append("\n")
            elif tag == w("noBreakHyphen"):
                parts.append("-")
            elif tag == w("txbxContent"):
                boxes.append(child)
            elif tag == w("r"):
                properties = child.find(w("rPr"))
                if properties is not None and properties.find(w("vanish")) is not None:
                    continue
                self.runs(child, parts, boxes)
            elif tag == w("p"):
                # Only inside a text box or a drawing: read as a paragraph of its own.
                parts.append("\n")
                self.runs(child, parts, boxes)
                parts.append("\n")
            else:
                self.runs(child, parts, boxes)


def paragraphs(archive) -> list[Paragraph]:
    return _Reader(archive).read()
