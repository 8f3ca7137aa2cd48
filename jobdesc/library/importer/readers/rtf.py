"""RTF files (as legal reference systems and WordPad save them) to plain text lines, with striprtf."""

import re

from django.utils.translation import gettext as _

from ..errors import ImporterError

# striprtf keeps Word's «\listtext» (the list number written out for plain readers) but drops the
# older «\pntext» that WordPad writes for the same purpose; both carry the number the reader saw.
PNTEXT_RE = re.compile(rb"\{\\pntext\b")


def text_of(name: str, data: bytes) -> str:
    # Imported on the first RTF file: most imports read none.
    from striprtf.striprtf import rtf_to_text

    # RTF is 7-bit text; anything else is escaped («\'e0», «\u1072»), so Latin-1 never fails here.
    source = PNTEXT_RE.sub(rb"{\\listtext", data).decode("latin-1")
    try:
        text = rtf_to_text(source, errors="replace")
    except (ValueError, LookupError, IndexError, RecursionError) as error:
        raise ImporterError(_("%(name)s is not a readable RTF file.") % {"name": name}) from error
    # Table cells end in «|»: each cell is a line of its own, the way a layout table reads.
    return "\n".join(cell for line in text.splitlines() for cell in line.split("|"))
