"""Table rows rendered in Python, not by a template: a link built from a prefix, dates as the filters write them.

A template spends a few dozen tag and filter calls on each row of a long table; the pages with the
longest tables fill a format string a row instead, every text escaped, and these helpers keep the output the
same as the template's: `{% url %}` reversed once a page, `|date:"d.m.Y"` and `|date:"d.m.Y H:i"`.
"""

import datetime
import html

from django.urls import reverse
from django.utils.safestring import mark_safe

NO_VALUE = "—"
# A key no table shows: the URL reversed with it gives the text before and after any row's key.
_KEY_MARK = 2_147_483_647


def escape(text) -> str:
    """As the template's autoescape of a text (`django.utils.html.escape`), without its cost per call."""
    return html.escape(str(text))


def url_of(name):
    """`pk → the URL of name for pk`, escaped as `{% url %}` writes it, reversed once for a whole page."""
    head, tail = (escape(part) for part in reverse(name, args=[_KEY_MARK]).split(str(_KEY_MARK)))
    return lambda pk: f"{head}{pk}{tail}"


def options(choices, selected):
    """The `<option>`s of `(value, label)` pairs, the one whose value reads as `selected` marked selected."""
    chosen = str(selected)
    return mark_safe(
        "".join(
            f'<option value="{escape(value)}"{" selected" if str(value) == chosen else ""}>{escape(label)}</option>'
            for value, label in choices
        )
    )


def person(first_name, last_name, username) -> str:
    """As `User.display_name`, from the columns of a row; nothing when there is no one."""
    if username is None:
        return ""
    return f"{first_name} {last_name}".strip() or username


def day(value, zone) -> str:
    """As `|date:"d.m.Y"`: a date, or a time's day in `zone` (the current time zone, looked up once a page)."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = value.astimezone(zone)
    return f"{value.day:02d}.{value.month:02d}.{value.year:04d}"


def minute(value, zone) -> str:
    """As `|date:"d.m.Y H:i"`: a time in `zone`; nothing for no value."""
    if value is None:
        return ""
    value = value.astimezone(zone)
    return f"{value.day:02d}.{value.month:02d}.{value.year:04d} {value.hour:02d}:{value.minute:02d}"


class Escaped(dict):
    """Texts escaped once a page: the few names a long table repeats on many rows (positions, departments)."""

    def __missing__(self, text):
        self[text] = escaped = escape(text)
        return escaped
