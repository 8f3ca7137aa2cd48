"""Template filters of the printed document: text the bundled font can set without a fallback font."""

import re

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

register = template.Library()

NON_BREAKING_HYPHEN = "\u2011"
# Liberation Serif has no U+2011 and no U+2060: a missing glyph makes WeasyPrint search the system
# for a fallback font, which is slow and embeds a foreign font. The same effect (no line break at
# the hyphen) comes from a plain hyphen inside a span that does not wrap.
WORD_WITH_NB_HYPHEN = re.compile(rf"[^\s<>]*{NON_BREAKING_HYPHEN}[^\s<>]*")
DROPPED = dict.fromkeys(map(ord, "\u2060\ufeff"))


@register.filter(needs_autoescape=True)
def typeset(value, autoescape=True):
    """Escape user text and replace the characters the document font lacks with equivalent markup."""
    text = conditional_escape(value) if autoescape else str(value)
    text = text.translate(DROPPED)
    if NON_BREAKING_HYPHEN not in text:
        return mark_safe(text)
    return mark_safe(
        WORD_WITH_NB_HYPHEN.sub(
            lambda match: '<span class="nobr">' + match[0].replace(NON_BREAKING_HYPHEN, "-") + "</span>", text
        )
    )


@register.filter
def css_string(value):
    """Text for a double-quoted CSS string (page margin boxes): quotes, backslashes and line breaks escaped."""
    text = str(value).replace("\\", "\\\\").replace('"', '\\"')
    return mark_safe(text.replace("\n", "\\A ").replace("<", "\\3C "))
