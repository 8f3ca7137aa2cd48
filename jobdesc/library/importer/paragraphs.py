"""Turning raw lines into paragraphs: undoing hard wraps, splitting glued clauses, marking bullets."""

import re
import unicodedata

BULLET = "• "

MULTI_LEVEL_START_RE = re.compile(r"^\d{1,2}\.\d{1,2}")
NUMBER_START_RE = re.compile(r"^\d{1,2}[.)]\s*\S")
BULLET_CHARS_RE = re.compile(r"^[•·▪●◦■□➢►✓*]\s*")
DASH_BULLET_RE = re.compile(r"^[-–—]\s+")
TERMINAL_RE = re.compile(r"[.:;!?][»\"”)\]]*$")
# A clause number glued to the end of the previous clause: «…работе.1.2 Должность…». Only multi-level
# numbers after a word qualify, so dates («21.08.1998»), references («п.7») and the inner dots of a
# number («1.4.1») never split a paragraph.
GLUED_NUMBER_RE = re.compile(r"(?<=[^\d\s][.;:!?»)\]])\s*(?=\d{1,2}(?:\.\d{1,2})+\.?(?:\s*(?:[^\W\d_]|[«\"(\[])|$))")
INVISIBLE_RE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")


def clean(text: str) -> str:
    """One line of text with invisible characters removed and runs of white space made single spaces."""
    text = unicodedata.normalize("NFC", INVISIBLE_RE.sub("", text))
    return " ".join(text.replace("\u00a0", " ").split())


def ends_sentence(text: str) -> bool:
    return bool(TERMINAL_RE.search(text))


def _is_bullet(line: str, previous: str | None) -> bool:
    if BULLET_CHARS_RE.match(line):
        return True
    # A dash opens a list item only after a line that ended a sentence or an item; otherwise it
    # is a dash inside a wrapped sentence («(далее\n– специалист)»).
    if not DASH_BULLET_RE.match(line):
        return False
    return previous is None or ends_sentence(previous) or previous.startswith(BULLET)


def _starts_item(line: str, previous: str, indented: bool) -> bool:
    if MULTI_LEVEL_START_RE.match(line):
        return True
    if NUMBER_START_RE.match(line):
        return indented or ends_sentence(previous) or bool(NUMBER_START_RE.match(previous))
    return False


def join_lines(lines: list[str], is_heading) -> list[str]:
    """Paragraphs from the lines of a plain-text file.

    Files that separate paragraphs by blank lines are read block by block and a line break inside a
    block is a hard wrap unless the next line visibly starts something new (a number, a bullet, a
    heading, a sentence after a full stop). Files without blank lines keep one paragraph per line
    and only rejoin a line that starts in lower case.
    """
    non_blank = sum(1 for line in lines if line.strip())
    blank = len(lines) - non_blank
    blocks_separate_paragraphs = blank >= non_blank * 0.2
    paragraphs: list[str] = []
    previous: str | None = None
    for raw in lines:
        line = clean(raw)
        if not line:
            previous = None
            continue
        indented = raw[:1].isspace()
        if _is_bullet(line, previous):
            line = BULLET + DASH_BULLET_RE.sub("", BULLET_CHARS_RE.sub("", line))
        elif previous is not None and _continues(previous, line, indented, blocks_separate_paragraphs, is_heading):
            paragraphs[-1] = paragraphs[-1] + " " + line
            previous = paragraphs[-1]
            continue
        paragraphs.append(line)
        previous = line
    return paragraphs


def _continues(previous: str, line: str, indented: bool, blocks: bool, is_heading) -> bool:
    if _starts_item(line, previous, indented):
        return False
    if is_heading(previous) or is_heading(line):
        return False
    first = line[0]
    if ends_sentence(previous) and not first.islower():
        return False
    if blocks:
        return True
    return first.islower() or first in ",;)»"


def split_glued(paragraph: str) -> list[str]:
    """«1.1 Первый пункт.1.2 Второй пункт.1.3.» → three paragraphs, the last one a bare number."""
    if paragraph.startswith(BULLET):
        return [paragraph]
    return [piece.strip() for piece in GLUED_NUMBER_RE.split(paragraph) if piece.strip()]


def mark_bullet(paragraph: str) -> str:
    """A paragraph of a Word or HTML list, written as a bullet."""
    return BULLET + BULLET_CHARS_RE.sub("", paragraph)
