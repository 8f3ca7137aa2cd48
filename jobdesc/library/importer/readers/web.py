"""HTML pages: the text of the page's blocks without navigation, scripts and forms, with headings and
the nesting of lists."""

from django.utils.translation import gettext as _

from ..classify import detect_language
from ..errors import ImporterError
from ..paragraphs import Paragraph, clean, join_lines, mark_bullet
from ..parser import starts_block

# Elements whose text is never part of the document.
# The <head> too: a page's <title> repeats its heading with the site's name («… — Кадровый портал»).
SKIPPED = {
    "head",
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "button",
    "svg",
}
BLOCKS = {
    "p",
    "div",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "td",
    "th",
    "tr",
    "dt",
    "dd",
    "pre",
    "blockquote",
    "section",
    "article",
    "main",
    "ul",
    "ol",
    "table",
    "body",
    "title",
}
HEADINGS = {f"h{level}": level for level in range(1, 7)}
LISTS = {"ul", "ol"}


def paragraphs(name: str, text: str, language: str | None) -> tuple[list[Paragraph], str]:
    # Imported on the first web page: lxml takes a while to load and most imports read none.
    import lxml.html
    from lxml import etree

    try:
        root = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError) as error:
        raise ImporterError(_("%(name)s is not readable HTML.") % {"name": name}) from error
    for skipped in root.xpath("|".join(f"//{tag}" for tag in SKIPPED)):
        skipped.drop_tree()
    language = language or detect_language(root.text_content())
    result: list[Paragraph] = []
    current: list[str] = []
    state = {"bullet": False, "heading": None, "depth": 0}

    def flush():
        # Line breaks inside a block are read like the lines of a text file, so a <br> in the
        # middle of a sentence does not cut it in two.
        lines = "".join(current).split("\n")
        bullet, heading, depth = state["bullet"], state["heading"], state["depth"]
        for number, line in enumerate(join_lines(lines, lambda line: starts_block(line, language))):
            if number == 0 and bullet:
                result.append(Paragraph(mark_bullet(line.text), level=max(depth - 1, 0)))
            elif number == 0 and heading is not None:
                result.append(Paragraph(line.text, heading=heading))
            else:
                result.append(line)
        current.clear()
        state["bullet"], state["heading"] = False, None

    def walk(element):
        tag = element.tag if isinstance(element.tag, str) else ""
        if not tag:
            return
        if tag == "br":
            current.append("\n")
            return
        block = tag in BLOCKS
        if block:
            # A paragraph inside a list item is still that item.
            inherited = state["bullet"] and not clean("".join(current))
            flush()
            state["bullet"] = tag == "li" or inherited
            state["heading"] = HEADINGS.get(tag)
        if tag in LISTS:
            state["depth"] += 1
        if element.text:
            current.append(element.text.replace("\n", " "))
        for child in element:
            walk(child)
            if child.tail:
                current.append(child.tail.replace("\n", " "))
        if tag in LISTS:
            state["depth"] -= 1
        if block:
            flush()

    walk(root)
    flush()
    return result, language
