"""Turning raw lines into paragraphs: undoing hard wraps, splitting glued clauses, marking bullets."""

import re
import unicodedata
from dataclasses import dataclass

BULLET = "• "

MULTI_LEVEL_START_RE = re.compile(r"^\d{1,2}\.\d{1,2}")
NUMBER_START_RE = re.compile(r"^\d{1,2}[.)]\s*\S")
# «а) …», «б) …»: a lettered item, in lower case like the continuation of a sentence, but an item.
LETTER_START_RE = re.compile(r"^[а-яёa-z]\)\s+\S")
BULLET_CHARS_RE = re.compile(r"^(?:[•·▪●◦■□➢►✓*‣⁃▫]\s*|o\s+(?=[а-яёa-zõäöü]))")
DASH_BULLET_RE = re.compile(r"^[-–—]\s+")
TERMINAL_RE = re.compile(r"[.:;!?][»\"”)\]]*$")
# Where a clause number may start inside a paragraph: not inside another number or a word («21.08.1998»,
# «1.4.1», «з/п 1.5»), and followed by words («…работе.1.2 Должность…», «… 2.4. Инженер …») or nothing.
CANDIDATE_RE = re.compile(
    r"(?<![\w,/-])(?<!\d\.)(?P<number>\d{1,2}(?:\.\d{1,2}){0,3})(?P<stop>\.?)(?=\s*(?:[^\W\d_]|[«\"(\[])|\s*$)"
)
LEADING_NUMBER_RE = re.compile(r"^(?P<number>\d{1,2}(?:\.\d{1,2}){0,3})[.)]?\s")
# Words after which a number is a reference, a date or an amount, never the start of a clause.
REFERENCE_BEFORE_RE = re.compile(
    r"(?:^|[\s(])(?:п|пп|пункт\w*|подпункт\w*|ст|стать\w*|ч|част\w*|гл|глав\w*|раздел\w*|разд|абз|"
    r"прил|приложени\w*|табл|таблиц\w*|рис|см|№|n|от|до|по|с|со|в|во|на|и|или|согласно|"
    r"punkt\w*|p|lg|§)\.?\s*$",
    re.IGNORECASE,
)
HEADING_PIECE_RE = re.compile(
    r"^(?:(?:\d{1,2}|[IVXLC]{1,5})\.?\s+|(?i:раздел|глава)\s+\d{1,2}\.?\s+)?[A-ZА-ЯЁÕÄÖÜ][^.;:!?]{2,80}$"
)
# A page number of a printout between dashes («- 3 -»), never a bullet.
PAGE_NUMBER_RE = re.compile(r"^[-–—]\s*\d{1,3}\s*[-–—]$")
# Two columns of a plain-text form: a gap of spaces, the right column far enough to the right.
COLUMN_GAP_RE = re.compile(r"(?<=\S) {4,}(?=\S)|^ {24,}(?=\S)")
MIN_RIGHT_COLUMN = 24
MAX_HEADER_LINES = 40
MIN_COLUMN_LINES = 3
# A line at least this share of the wrap width filled it; files wrapped wider than this are not wrapped.
FULL_LINE = 0.8
MAX_WRAP_WIDTH = 110
# Items written inline after a colon or a semicolon: «руководствуется: – уставом; – правилами», «а) …; б) …».
INLINE_ITEM_RE = re.compile(
    r"(?<=[:;])\s+(?=(?:[–—•·▪●◦-]|[а-яёa-z]\)|\d{1,2}\))\s*[^\W\d_«\"(]|[–—•·▪●◦-]\s+[«\"(]|o\s+[а-яё])"
)
INVISIBLE_RE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
# Bullets that mark a second-level item in plain text («    o отчётов;»).
SUB_BULLET_CHARS = "◦o▫□▪‣⁃"


@dataclass(frozen=True)
class Paragraph:
    """One paragraph as a reader found it, with what its file said about it beyond the text.

    `heading` is the outline level of a heading by style (0 for a title, 1 for «Heading 1» or <h1>);
    `level` the nesting level of a list item (0 for the outermost list), when the file says so.
    """

    text: str
    heading: int | None = None
    level: int | None = None


def clean(text: str) -> str:
    """One line of text with invisible characters removed and runs of white space made single spaces."""
    text = unicodedata.normalize("NFC", INVISIBLE_RE.sub("", text))
    return " ".join(text.replace("\u00a0", " ").split())


def ends_sentence(text: str) -> bool:
    return bool(TERMINAL_RE.search(text))


def _is_bullet(line: str, previous: str | None) -> bool:
    if PAGE_NUMBER_RE.match(line):
        return False
    if BULLET_CHARS_RE.match(line):
        return True
    # A dash opens a list item only after a line that ended a sentence or an item; otherwise it
    # is a dash inside a wrapped sentence («(далее\n– специалист)»).
    if not DASH_BULLET_RE.match(line):
        return False
    return previous is None or ends_sentence(previous) or previous.startswith(BULLET)


def _starts_item(line: str, previous: str, indented: bool) -> bool:
    if MULTI_LEVEL_START_RE.match(line) or LETTER_START_RE.match(line):
        return True
    if NUMBER_START_RE.match(line):
        return indented or ends_sentence(previous) or bool(NUMBER_START_RE.match(previous))
    return False


def unfold_columns(lines: list[str]) -> list[str]:
    """The requisites of a form printed in two columns of plain text, one column after the other.

    Legal reference systems lay a form out with spaces: the organisation, the title, its number
    and the position on the left, the approval stamp on the right, on the same lines
    («        ДОЛЖНОСТНАЯ                  ________ ______»). Near the top of the file, the lines
    where text starts again at the same far column after a wide gap are cut there; the right
    column (the stamp) is read first, then the left one, each line a paragraph of its own, so the
    lines after the block go on from the title. The rest of the file is left as it is.
    """
    top = [line.expandtabs(4) for line in lines[:MAX_HEADER_LINES]]
    ends = [[end for end in _gap_ends(line) if end >= MIN_RIGHT_COLUMN] for line in top]
    counts: dict[int, int] = {}
    for found in ends:
        for column in found:
            counts[column] = counts.get(column, 0) + 1
    column = max(counts, key=lambda key: (counts[key], -key), default=None)
    if column is None or counts[column] < MIN_COLUMN_LINES:
        return lines
    rows = [index for index, found in enumerate(ends) if any(abs(end - column) <= 2 for end in found)]
    first, last = rows[0], rows[-1]
    left, right = [], []
    for line in top[first : last + 1]:
        cut = next((end for end in _gap_ends(line) if abs(end - column) <= 2), None)
        if cut is None:
            left.append(line.strip())
            continue
        left.append(line[:cut].strip())
        right.append(line[cut:].strip())
    # The stamp first: what follows the block (the number, the position) goes on from the title.
    unfolded = [part for line in right + left if line for part in (line, "")]
    return lines[:first] + unfolded + lines[last + 1 :]


def _gap_ends(line: str) -> list[int]:
    """The columns where text starts again after a wide gap of spaces (or a deep indentation)."""
    return [match.end() for match in COLUMN_GAP_RE.finditer(line)]


def join_lines(lines: list[str], is_heading) -> list[Paragraph]:
    """Paragraphs from the lines of a plain-text file.

    Files that separate paragraphs by blank lines are read block by block and a line break inside a
    block is a hard wrap unless the next line visibly starts something new (a number, a bullet, a
    heading, a sentence after a full stop). Files without blank lines keep one paragraph per line
    and only rejoin a line that starts in lower case. In a file wrapped at a fixed width, a line
    that fills the width goes on in the next one even after a full stop or a heading («…
    специалистов. 1.2.» / «Инженер назначается …»). A bullet's indentation is its list level.
    """
    non_blank = sum(1 for line in lines if line.strip())
    blank = len(lines) - non_blank
    blocks_separate_paragraphs = blank >= non_blank * 0.2
    width = _wrap_width(lines)
    paragraphs: list[str] = []
    levels: list[int | None] = []
    previous: str | None = None
    last_line = ""
    for raw in lines:
        line = clean(raw)
        if not line:
            previous = None
            continue
        indented = raw[:1].isspace()
        level = None
        full = bool(width) and len(last_line) >= width * FULL_LINE
        if _is_bullet(line, previous):
            level = _indentation(raw) + (1 if line[0] in SUB_BULLET_CHARS else 0)
            line = BULLET + DASH_BULLET_RE.sub("", BULLET_CHARS_RE.sub("", line))
        elif previous is not None and _continues(
            previous, line, indented, blocks_separate_paragraphs, is_heading, full
        ):
            paragraphs[-1] = paragraphs[-1] + " " + line
            previous = paragraphs[-1]
            last_line = line
            continue
        paragraphs.append(line)
        levels.append(level)
        previous = line
        last_line = line
    return [Paragraph(text, level=level) for text, level in zip(paragraphs, levels, strict=True)]


def _wrap_width(lines: list[str]) -> int:
    """The width a file is hard-wrapped at, or 0 when its lines are paragraphs of any length."""
    lengths = sorted(len(clean(line)) for line in lines if line.strip())
    if len(lengths) < 8:
        return 0
    width = lengths[int(len(lengths) * 0.9)]
    filled = sum(1 for length in lengths if width * FULL_LINE <= length <= width)
    return width if 40 <= width <= MAX_WRAP_WIDTH and filled >= len(lengths) * 0.4 else 0


def _indentation(raw: str) -> int:
    """How far a line is indented, in steps of two spaces (a tab is four)."""
    spaces = len(raw.expandtabs(4)) - len(raw.expandtabs(4).lstrip())
    return spaces // 2


def _continues(previous: str, line: str, indented: bool, blocks: bool, is_heading, full: bool = False) -> bool:
    if _starts_item(line, previous, indented) and not (full and line[0].isdigit() and not ends_sentence(previous)):
        return False
    if is_heading(line) or is_heading(previous) and not full:
        return False
    if previous[-1] in ";:":
        # «…склада;» / «организует …»: an item ends with a semicolon, a lead-in with a colon.
        return False
    first = line[0]
    if ends_sentence(previous) and not first.islower() and not full:
        return False
    if blocks or full:
        return True
    # A line in capitals (a heading, a requisite) is never the start of a sentence wrapped onto the next.
    if not any(char.islower() for char in previous):
        return False
    return first.islower() or first in ",;)»"


def rejoin_broken_lines(lines: list[str]) -> list[str]:
    """The lines of one paragraph of a word processor with its manual line breaks, joined back where
    a break cuts a sentence («… приказом» / «генерального директора …»): the line before ends no
    sentence and the next starts in lower case. Other breaks (a stamp's lines, a list typed with
    Shift+Enter) stay.
    """
    result: list[str] = []
    for line in lines:
        if result and not ends_sentence(result[-1]) and (line[0].islower() or line[0] in ",;)»"):
            result[-1] = f"{result[-1]} {line}"
        else:
            result.append(line)
    return result


def split_run_together(paragraph: str, previous: str | None = None) -> tuple[list[str], str | None]:
    """Clauses run together in one paragraph, as a web page shows them, split by their numbers.

    «2.3. … руководителя. 2.4. Инженер …» → two paragraphs. A number splits only where a clause can
    start — after the end of a sentence, a colon or a heading — and only if it can follow the number
    before it (`previous` is the last clause number of the paragraphs before); references («п. 3.2
    настоящей инструкции», «ст. 81»), dates and amounts stay in their sentence. Returns the pieces and
    the last clause number seen.
    """
    if paragraph.startswith(BULLET):
        return [paragraph], previous
    own = LEADING_NUMBER_RE.match(paragraph)
    current = own["number"] if own else previous
    pieces: list[str] = []
    start = 0
    for match in CANDIDATE_RE.finditer(paragraph):
        position = match.start()
        if position == 0:
            continue
        number, stop = match["number"], match["stop"]
        before = paragraph[start:position].rstrip()
        if not before or REFERENCE_BEFORE_RE.search(paragraph[:position]):
            continue
        if not _can_start_here(before, number, stop, paragraph[match.end() :], current, bool(own) or start > 0):
            continue
        pieces.append(paragraph[start:position].strip())
        start = position
        current = number
    pieces.append(paragraph[start:].strip())
    return [item for piece in pieces if piece for item in split_inline_items(piece)], current


def split_inline_items(paragraph: str) -> list[str]:
    """A lead-in and its items written in one paragraph: «руководствуется: – уставом; – правилами».

    The items start after the colon or a semicolon with a dash («–»), a bullet («•»), a letter («а)»)
    or a number («1)»); a dash or bullet item becomes a bullet, a lettered one keeps its letter.
    """
    pieces = INLINE_ITEM_RE.split(paragraph)
    if len(pieces) == 1:
        return pieces
    result = [pieces[0].strip()]
    for piece in pieces[1:]:
        piece = piece.strip()
        if DASH_BULLET_RE.match(piece) or BULLET_CHARS_RE.match(piece):
            piece = BULLET + DASH_BULLET_RE.sub("", BULLET_CHARS_RE.sub("", piece))
        result.append(piece)
    return [piece for piece in result if piece]


def _can_start_here(before: str, number: str, stop: str, after: str, current: str | None, numbered: bool) -> bool:
    after = after.lstrip()
    if before[-1] in '.;:!?»")]':
        if "." in number:
            return current is None or follows(current, number)
        # «… клиентов. 3. Права»: a one-level number only as the next in the sequence, before a capital.
        return stop == "." and after[:1].isupper() and current is not None and follows(current, number)
    # «2. Должностные обязанности 2.1. Ищет …»: a heading without a full stop, then its first clause.
    heading = HEADING_PIECE_RE.match(before.split(". ")[-1] if numbered else before)
    if heading is None or not number.endswith(".1") or not after[:1].isupper():
        return False
    return current is None or follows(current, number)


def follows(previous: str, number: str) -> bool:
    """Whether clause `number` can come right after clause `previous` (2.3 → 2.4, 2.3.1, 3, 3.1)."""
    before = [int(part) for part in previous.split(".")]
    after = [int(part) for part in number.split(".")]
    if len(after) == len(before) + 1 and after[:-1] == before and after[-1] <= 2:
        return True
    for depth in range(1, len(before) + 1):
        if after[: depth - 1] != before[: depth - 1] or len(after) < depth:
            continue
        if 1 <= after[depth - 1] - before[depth - 1] <= 2 and all(part <= 1 for part in after[depth:]):
            return len(after) - depth <= 1
    return False


def typed_bullet(paragraph: Paragraph, previous: str | None) -> Paragraph:
    """A paragraph of a Word, OpenDocument or HTML file that starts with a typed bullet («– …», «• …»), as a bullet.

    Its list level is the file's, or 1 for a second-level marker («o», «◦»).
    """
    text = paragraph.text
    if text.startswith(BULLET) or not _is_bullet(text, previous):
        return paragraph
    level = paragraph.level if paragraph.level is not None else (1 if text[0] in SUB_BULLET_CHARS else 0)
    return Paragraph(BULLET + DASH_BULLET_RE.sub("", BULLET_CHARS_RE.sub("", text)), level=level)


def list_number(number: str) -> str:
    """A number a word processor shows for a list item, as typed: «1» of a list numbered «%1» is «1.»."""
    number = number.strip()
    return f"{number}." if number.isdigit() else number


def mark_bullet(paragraph: str) -> str:
    """A paragraph of a Word or HTML list, written as a bullet."""
    return BULLET + BULLET_CHARS_RE.sub("", paragraph)
