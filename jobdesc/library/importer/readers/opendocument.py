"""OpenDocument text (.odt) files: headings, paragraphs, nested lists with their numbers, tables and
text boxes in reading order, read from the ODF XML."""

from ..paragraphs import Paragraph, clean, list_number, mark_bullet, rejoin_broken_lines
from .numbering import Counters, formatted

TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
DRAW = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
# Generated or out-of-flow content: the table of contents, footnotes, comments, tracked deletions.
SKIPPED = {
    f"{{{TEXT}}}table-of-content",
    f"{{{TEXT}}}note",
    f"{{{OFFICE}}}annotation",
    f"{{{TEXT}}}tracked-changes",
    f"{{{TEXT}}}sequence-decls",
    f"{{{TEXT}}}number",
    f"{{{TEXT}}}bookmark-ref",
}
HEADING_NAMES = {"title": 0, "heading": 1}


def t(tag: str) -> str:
    return f"{{{TEXT}}}{tag}"


def _int(value, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


class _ListLevel:
    def __init__(self, element=None):
        self.bullet = element is not None and element.tag == t("list-level-style-bullet")
        get = element.get if element is not None else (lambda key, default=None: default)
        self.fmt = get(f"{{{STYLE}}}num-format", "1")
        self.prefix = get(f"{{{STYLE}}}num-prefix", "")
        self.suffix = get(f"{{{STYLE}}}num-suffix", "")
        self.display = _int(get(t("display-levels"), 1), 1)
        self.start = _int(get(t("start-value"), 1), 1)


def _list_styles(*roots) -> dict[str, dict[int, _ListLevel]]:
    styles = {}
    for root in roots:
        if root is None:
            continue
        for style in root.iter(t("list-style"), t("outline-style")):
            levels = {}
            for level in style:
                if level.tag in {t("list-level-style-number"), t("list-level-style-bullet"), t("outline-level-style")}:
                    levels[_int(level.get(t("level")), 1) - 1] = _ListLevel(level)
            name = "" if style.tag == t("outline-style") else style.get(f"{{{STYLE}}}name")
            styles[name] = levels
    return styles


def _paragraph_styles(*roots) -> dict[str, tuple[str, str | None]]:
    """Paragraph style name → (display name, parent style name)."""
    styles = {}
    for root in roots:
        if root is None:
            continue
        for style in root.iter(f"{{{STYLE}}}style"):
            name = style.get(f"{{{STYLE}}}name")
            shown = style.get(f"{{{STYLE}}}display-name") or name or ""
            styles[name] = (shown, style.get(f"{{{STYLE}}}parent-style-name"))
    return styles


class _Reader:
    def __init__(self, archive):
        content = archive.xml("content.xml")
        styles = archive.xml("styles.xml", required=False)
        self.list_styles = _list_styles(styles, content)
        self.paragraph_styles = _paragraph_styles(styles, content)
        self.body = content.find(f"{{{OFFICE}}}body")
        self.paragraphs: list[Paragraph] = []
        self.counters: dict[str, Counters] = {}
        self.outline = Counters(lambda level: self.list_styles.get("", {}).get(level, _ListLevel()).start)

    def read(self) -> list[Paragraph]:
        if self.body is not None:
            self.blocks(self.body)
        return self.paragraphs

    def blocks(self, container):
        for child in container:
            tag = child.tag
            if not isinstance(tag, str) or tag in SKIPPED:
                continue
            if tag == t("p"):
                self.paragraph(child, heading=self.styled_heading(child.get(t("style-name"))))
            elif tag == t("h"):
                self.heading(child)
            elif tag == t("list"):
                self.read_list(child, style=child.get(t("style-name")) or "", level=0)
            else:
                # Sections, tables, rows, frames: their content in document order.
                self.blocks(child)

    def styled_heading(self, name: str | None) -> int | None:
        seen = set()
        while name and name not in seen and name in self.paragraph_styles:
            seen.add(name)
            shown, parent = self.paragraph_styles[name]
            lowered = shown.lower().replace("_20_", " ")
            for prefix, level in HEADING_NAMES.items():
                if lowered == prefix:
                    return level
                if lowered.startswith(prefix + " ") and lowered[len(prefix) + 1 :].isdigit():
                    return int(lowered[len(prefix) + 1 :])
            name = parent
        return None

    def heading(self, element):
        level = _int(element.get(t("outline-level")), 1)
        number = ""
        outline = self.list_styles.get("", {}).get(level - 1)
        if outline is not None and outline.fmt and element.get(t("is-list-header")) != "true":
            self.outline.next(level - 1)
            number = self.label(self.outline, self.list_styles.get(""), level - 1)
        self.paragraph(element, heading=level, number=number)

    def read_list(self, element, style: str, level: int):
        levels = self.list_styles.get(style, {})
        continues = element.get(t("continue-numbering")) == "true" or element.get(t("continue-list"))
        if level == 0 and (style not in self.counters or not continues):
            self.counters[style] = Counters(lambda index: levels.get(index, _ListLevel()).start)
        counters = self.counters.setdefault(style, Counters(lambda index: levels.get(index, _ListLevel()).start))
        for item in element:
            if item.tag not in {t("list-item"), t("list-header")}:
                continue
            numbered = item.tag == t("list-item")
            if numbered and item.get(t("start-value")):
                counters.restart(level, _int(item.get(t("start-value")), 1))
            first = True
            for child in item:
                if child.tag == t("list"):
                    self.read_list(child, style=child.get(t("style-name")) or style, level=level + 1)
                    continue
                if child.tag not in {t("p"), t("h")}:
                    self.blocks(child)
                    continue
                number, bullet = "", False
                if first and numbered:
                    definition = levels.get(level, _ListLevel())
                    bullet = definition.bullet
                    if not bullet:
                        counters.next(level)
                        number = self.label(counters, levels, level)
                first = False
                heading = _int(child.get(t("outline-level")), 1) if child.tag == t("h") else None
                self.paragraph(child, heading=heading, number=number, bullet=bullet, level=level)

    @staticmethod
    def label(counters: Counters, levels, level: int) -> str:
        definition = levels.get(level, _ListLevel())
        if not definition.fmt:
            return ""
        shown = range(max(level - definition.display + 1, 0), level + 1)
        numbers = ".".join(formatted(counters.value(index), levels.get(index, _ListLevel()).fmt) for index in shown)
        return f"{definition.prefix}{numbers}{definition.suffix}"

    def paragraph(self, element, heading=None, number="", bullet=False, level=None):
        parts: list[str] = []
        boxes: list = []
        self.inline(element, parts, boxes)
        for box in boxes:
            self.blocks(box)
        lines = [clean(line) for line in "".join(parts).split("\n")]
        lines = rejoin_broken_lines([line for line in lines if line])
        if not lines:
            return
        if bullet:
            lines[0] = mark_bullet(lines[0])
        elif number.strip():
            lines[0] = f"{list_number(number)} {lines[0]}"
        self.paragraphs.append(Paragraph(lines[0], heading=heading, level=level if heading is None else None))
        self.paragraphs.extend(Paragraph(line) for line in lines[1:])

    def inline(self, element, parts: list[str], boxes: list):
        if element.text:
            parts.append(element.text)
        for child in element:
            tag = child.tag
            if isinstance(tag, str) and tag not in SKIPPED:
                if tag == t("s"):
                    parts.append(" " * _int(child.get(t("c")), 1))
                elif tag == t("tab"):
                    parts.append(" ")
                elif tag == t("line-break"):
                    parts.append("\n")
                elif tag == f"{{{DRAW}}}text-box":
                    boxes.append(child)
                else:
                    self.inline(child, parts, boxes)
            if child.tail:
                parts.append(child.tail)


def paragraphs(archive) -> list[Paragraph]:
    return _Reader(archive).read()
