"""The editor's clause rows, written in Python: a draft lists every clause, each with its own small action forms.

Rendered through the template engine, one include per clause with five forms, each with its CSRF token, cost
more than half of the page at 120 clauses. Here the actions' HTML is built once per language, the URLs' common
start and the token put into it once per section, and each row is plain string building; every text is escaped
(by the standard library's `html.escape`, which Django's own escape calls, without its lazy-string wrapper).
"""

from dataclasses import dataclass
from functools import lru_cache
from html import escape

from django import template
from django.template.defaultfilters import date
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.timezone import template_localtime
from django.utils.translation import get_language
from django.utils.translation import gettext as _

register = template.Library()

# Stand-ins in the HTML shared by rows (the item's id and revision, the page's URL start and CSRF token); none of
# these control characters can occur in a label, a URL or a token.
PK, REVISION, ITEMS_URL, CSRF = "\x00", "\x01", "\x02", "\x03"


@dataclass(frozen=True)
class Action:
    """One button of a clause row: a form posting to «<items_url><item>/<name>/» (`views.item_action`)."""

    name: str
    symbol: str
    label: str
    danger: bool = False
    confirm: str = ""
    sends_revision: bool = False  # a delete carries the revision it saw, so a clause rewritten meanwhile stays


def actions(sub: bool) -> list[Action]:
    """The actions of a clause; a sub-item is made a clause of its own again, a clause a sub-item of the one above."""
    return [
        Action("up", "↑", _("Move up")),
        Action("down", "↓", _("Move down")),
        Action("outdent", "⇤", _("Make a clause of its own"))
        if sub
        else Action("indent", "⇥", _("Make a sub-item of the clause above")),
        Action("delete", "✕", _("Delete"), danger=True, confirm=_("Delete this clause?"), sends_revision=True),
    ]


@lru_cache
def _buttons(language: str, sub: bool) -> str:
    """The actions of a row in one language, with stand-ins for what differs by page and by row.

    `language` is the cache's key only: the labels are translated into the active language.
    """
    edit = escape(_("Edit"))
    forms = []
    for action in actions(sub):
        url = f"{ITEMS_URL}{PK}/{action.name}/"
        confirm = f' hx-confirm="{escape(action.confirm)}"' if action.confirm else ""
        revision = f'<input type="hidden" name="revision" value="{REVISION}">' if action.sends_revision else ""
        label = escape(action.label)
        style = "danger" if action.danger else "secondary"
        forms.append(
            f'\n    <form method="post" action="{url}" hx-post="{url}" hx-target="closest section" '
            f'hx-swap="outerHTML"{confirm}><input type="hidden" name="csrfmiddlewaretoken" value="{CSRF}">'
            f'{revision}<button class="btn btn-outline-{style}" type="submit" title="{label}" aria-label="{label}">'
            f"{action.symbol}</button></form>"
        )
    return (
        '\n  <span class="actions btn-group btn-group-sm align-self-start" role="group" '
        f'aria-label="{escape(_("Clause actions"))}">\n'
        f'    <a class="btn btn-outline-secondary" href="?edit={PK}#item-{PK}" title="{edit}" aria-label="{edit}">✎</a>'
        f"{''.join(forms)}\n  </span>"
    )


class _Rows:
    """What every row of one section shares: the labels, the actions' HTML with this page's URL and token."""

    def __init__(self, context):
        self.context = context
        self.version = context["version"]
        self.editable = self.version.is_editable
        self.editing = context.get("editing")
        self.drag = escape(_("Drag to reorder"))
        if self.editable:
            language = get_language()
            items_url = escape(context["items_url"])
            csrf = escape(str(context.get("csrf_token", "")))
            self.buttons = {
                sub: _buttons(language, sub).replace(ITEMS_URL, items_url).replace(CSRF, csrf) for sub in (False, True)
            }

    def row(self, entry, sub: bool) -> str:
        item = entry.item
        if self.editable and self.editing == item.pk:
            return self._edit_row(entry, sub)
        text = escape(item.text)
        if entry.printed and entry.printed != item.text:
            printed = escape(entry.printed)
            shown = f'<span class="text printed">{printed}</span><span class="codes">{text}</span>'
        else:
            shown = f'<span class="text">{text}</span>'
        comments = "".join(
            f'<div class="item-comment small border-start border-3 border-warning ps-2 mt-1" id="comment-{c.pk}">'
            f'<span class="text-muted">{escape(c.author.display_name)}, '
            f"{date(template_localtime(c.created_at), 'd.m.Y H:i')}:</span> {escape(c.text)}</div>"
            for c in entry.comments
        )
        buttons = ""
        if self.editable:
            buttons = self.buttons[sub].replace(PK, str(item.pk)).replace(REVISION, str(item.revision))
        return (
            f'{self._start(entry, sub)}\n  <div class="flex-grow-1">{shown}\n    {comments}\n  </div>{buttons}\n</li>\n'
        )

    def _start(self, entry, sub: bool) -> str:
        """The row's opening: a sub-item is marked by its class, only a clause has the drag handle."""
        pk = entry.item.pk
        number = escape(entry.number)
        return (
            f'<li class="item d-flex gap-2 py-1 border-bottom{" sub-item" if sub else ""}" id="item-{pk}" '
            f'data-id="{pk}">\n  <span class="num text-muted{"" if sub else " handle"}" '
            f'title="{"" if sub else self.drag}">{number}.</span>'
        )

    def _edit_row(self, entry, sub: bool) -> str:
        """The one clause being edited: its form, with the typed text and the reason after a refused save."""
        form = render_to_string(
            "instructions/_item_edit.html",
            {
                "version": self.version,
                "entry": entry,
                "csrf_token": self.context.get("csrf_token", ""),
                **{key: self.context.get(key) for key in ("edit_text", "edit_error", "stale")},
            },
        )
        return f"{self._start(entry, sub)}\n  {form}\n</li>\n"


@register.simple_tag(takes_context=True)
def clause_rows(context, section):
    """Every clause of a numbered section (`selectors.NumberedSection`), its sub-items after it."""
    rows = _Rows(context)
    html = []
    for entry in section.items:
        html.append(rows.row(entry, sub=False))
        html.extend(rows.row(child, sub=True) for child in entry.children)
    return mark_safe("".join(html))
