"""The editor's sections and clause rows, written in Python: a draft lists every clause, each with its own small
action forms, and every section its own forms and library panel.

Rendered through the template engine, one include per clause with five forms, each with its CSRF token, cost
more than half of the page at 120 clauses, and the include per section a sixth more. Here the labels are
translated once per language, the actions' HTML built once per language, the URLs' common start and the token
put into it once per page, and each row and section is plain string building; every text is escaped (by the
standard library's `html.escape`, which Django's own escape calls, without its lazy-string wrapper).
"""

from dataclasses import dataclass
from functools import lru_cache
from html import escape

from django import template
from django.template.defaultfilters import date
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.timezone import template_localtime
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from jobdesc.rows import options

register = template.Library()

# Stand-ins in the HTML shared by rows (the item's id and revision, the page's URL start and CSRF input); none of
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
            f'hx-swap="outerHTML"{confirm}>{CSRF}'
            f'{revision}<button class="btn btn-outline-{style}" type="submit" title="{label}" aria-label="{label}">'
            f"{action.symbol}</button></form>"
        )
    return (
        '\n  <span class="actions btn-group btn-group-sm align-self-start" role="group" '
        f'aria-label="{escape(_("Clause actions"))}">\n'
        f'    <a class="btn btn-outline-secondary" href="?edit={PK}#item-{PK}" title="{edit}" aria-label="{edit}">✎</a>'
        f"{''.join(forms)}\n  </span>"
    )


class _Filler:
    """A row's actions, split at their stand-ins once for the page.

    Each row puts the pieces, with its item's id and revision between them, into the section's list of strings,
    joined once for the section. Replacing the stand-ins in the ~2 KB of actions (not ASCII, so slow to search
    and copy) and building each row's string cost more than half of the rows' time.
    """

    def __init__(self, html: str):
        pieces = html.split(PK)
        self.pieces = [""] * (2 * len(pieces) - 1)
        self.pieces[::2] = pieces
        self.ids = slice(1, len(self.pieces), 2)
        self.count = len(pieces) - 1
        # The revision's stand-in is in one piece (the delete form's), split at it in turn.
        at = next(i for i, piece in enumerate(pieces) if REVISION in piece)
        self.at = 2 * at
        self.before, self.after = pieces[at].split(REVISION)

    def write(self, html: list, pk: str, revision: str) -> None:
        pieces = self.pieces.copy()
        pieces[self.ids] = [pk] * self.count
        pieces[self.at] = f"{self.before}{revision}{self.after}"
        html.extend(pieces)


class _Rows:
    """What every row of a page shares: the labels, the actions' HTML with this page's URL and token."""

    def __init__(self, context):
        self.context = context
        self.version = context["version"]
        self.editable = self.version.is_editable
        self.editing = context.get("editing")
        self.drag = escape(_("Drag to reorder"))
        if self.editable:
            language = get_language()
            items_url = escape(context["items_url"])
            csrf = _csrf_input(context)
            self.buttons = {
                sub: _Filler(_buttons(language, sub).replace(ITEMS_URL, items_url).replace(CSRF, csrf))
                for sub in (False, True)
            }

    def section(self, section) -> str:
        """Every clause of a numbered section (`selectors.NumberedSection`), its sub-items after it."""
        html = []
        for entry in section.items:
            self.write(html, entry, sub=False)
            for child in entry.children:
                self.write(html, child, sub=True)
        return "".join(html)

    def write(self, html: list, entry, sub: bool) -> None:
        """Put the row's HTML into `html`, in pieces."""
        item = entry.item
        if self.editable and self.editing == item.pk:
            html.append(self._edit_row(entry, sub))
            return
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
        html.append(f'{self._start(entry, sub)}\n  <div class="flex-grow-1">{shown}\n    {comments}\n  </div>')
        if self.editable:
            self.buttons[sub].write(html, str(item.pk), str(item.revision))
        html.append("\n</li>\n")

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


def _csrf_input(context) -> str:
    """What `{% csrf_token %}` writes, worked out once for the page instead of once per form."""
    token = context.get("csrf_token")
    if not token or token == "NOTPROVIDED":
        return ""
    return f'<input type="hidden" name="csrfmiddlewaretoken" value="{escape(str(token))}">'


@lru_cache
def _section_labels(language: str) -> dict:
    """The section's labels in one language, escaped as `{% translate %}` would write them.

    `language` is the cache's key only: the labels are translated into the active language.
    """
    labels = {
        "mandatory": _("mandatory"),
        "remove": _("Remove section"),
        "needs_writing": _(
            "The library has no clauses of this post for this section: write them, or take one of the nearest "
            "clauses offered below."
        ),
        "no_clauses": _("No clauses yet: pick from the library or write one."),
        "custom": _("Custom clause"),
        "placeholder": _("Write a clause; {position:gent} and other placeholders are filled in"),
        "add": _("Add"),
        "pick": _("Pick from the library"),
        "search_placeholder": _("Type to search this section of the library"),
        "search_label": _("Search the library"),
        "search": _("Search"),
    }
    return {key: escape(label) for key, label in labels.items()}


class _Sections:
    """What every section of one page shares: its labels, the forms' token and URLs (from the view's
    `editor_urls`), the clause rows' actions, the library search asked for.

    The markup is that of the `_section.html` it replaces, byte for byte: the tests and editor.js read it.
    """

    def __init__(self, context):
        self.context = context
        self.version = context["version"]
        self.editable = self.version.is_editable
        self.labels = _section_labels(get_language())
        self.rows = _Rows(context)
        self.csrf = _csrf_input(context)
        urls = context.get("urls") or {}
        self.add_url = escape(str(urls.get("add_item", "")))
        self.editor_url = escape(str(urls.get("editor", "")))
        self.library_url = escape(str(urls.get("library", "")))
        self.search_section = context.get("search_section")

    def section(self, s, error=None, new_text=None) -> str:
        """One section as `_section.html` wrote it, with the error and the typed text of a refused addition."""
        labels = self.labels
        section = s.section
        code = escape(section.kind.code)
        pk = section.pk
        if section.kind.mandatory:
            badge = f'<span class="badge text-bg-light">{labels["mandatory"]}</span>\n    '
        elif self.editable:
            remove = escape(reverse("instructions:remove_section", args=[self.version.pk, pk]))
            badge = (
                f'\n    <form method="post" action="{remove}" class="ms-auto">{self.csrf}\n'
                f'      <button class="btn btn-sm btn-link text-danger" type="submit">{labels["remove"]}</button>\n'
                "    </form>"
            )
        else:
            badge = ""
        notice = ""
        if self.editable and s.needs_writing:
            notice = f'<div class="alert alert-info py-2 small needs-writing">{labels["needs_writing"]}</div>'
        if error:
            error = f'<div class="alert alert-danger py-2" role="alert">{conditional_escape(error)}</div>'
        empty = f'<li class="text-muted small">{labels["no_clauses"]}</li>\n      '
        rows = self.rows.section(s) if s.items else empty
        return (
            f'\n\n<section class="card mb-3 editor-section" id="section-{code}">\n'
            '  <div class="card-header d-flex align-items-center gap-2">\n'
            f'    <h2 class="h6 mb-0">{s.number}. {escape(s.title)}</h2>\n'
            f"    {badge}\n"
            "  </div>\n"
            '  <div class="card-body">\n'
            f'    <div id="items-{code}">\n'
            f"    {notice}\n"
            f"    {error or ''}\n"
            f'    <ol class="list-unstyled items mb-3" data-section="{pk}">\n'
            f"      {rows}\n"
            "    </ol>\n"
            "    </div>\n"
            f"    {self._forms(s, code, new_text) if self.editable else ''}\n"
            "  </div>\n"
            "</section>\n"
        )

    def _forms(self, s, code, new_text) -> str:
        """A section's own clause form and its library panel, open when searched or when the section needs writing."""
        labels = self.labels
        pk = s.section.pk
        searched = self.search_section == s.section.kind.code
        request = self.context.get("request")
        query = escape(request.GET.get("q", "")) if searched and request else ""
        results = self._results(s, pk) if searched else ""
        return (
            f'\n    <form method="post" action="{self.add_url}" hx-post="{self.add_url}" hx-target="#section-{code}" '
            f'hx-swap="outerHTML" class="mb-3">{self.csrf}\n'
            f'      <input type="hidden" name="section" value="{pk}">\n'
            f'      <label class="form-label small" for="new-{pk}">{labels["custom"]}</label>\n'
            '      <div class="d-flex gap-2">\n'
            f'        <textarea class="form-control" rows="2" name="text" id="new-{pk}" '
            f'placeholder="{labels["placeholder"]}">{conditional_escape(new_text or "")}</textarea>\n'
            f'        <button class="btn btn-outline-primary align-self-start" type="submit">{labels["add"]}</button>\n'
            "      </div>\n"
            "    </form>\n"
            f'    <details class="library-panel"{" open" if searched or s.needs_writing else ""}>\n'
            f"      <summary>{labels['pick']}</summary>\n"
            f'      <form method="get" action="{self.editor_url}#section-{code}" class="d-flex gap-2 mt-2" '
            'role="search">\n'
            f'        <input type="hidden" name="section" value="{code}">\n'
            f'        <input class="form-control form-control-sm" type="search" name="q" value="{query}"\n'
            f'               placeholder="{labels["search_placeholder"]}" aria-label="{labels["search_label"]}"\n'
            f'               hx-get="{self.library_url}?section={code}" hx-trigger="input changed delay:250ms, '
            f'search{"" if searched else ", intersect once"}"\n'
            f'               hx-target="#results-{code}">\n'
            f'        <button class="btn btn-sm btn-outline-secondary" type="submit">{labels["search"]}</button>\n'
            "      </form>\n"
            # The panel's clauses are fetched when it is open and in view (the search field's «intersect»), not
            # with the page: only a search asked for by the address (the page without JavaScript) comes with it.
            "      \n"
            f'      <div id="results-{code}" class="mt-2">\n'
            f"        {results}\n"
            "      </div>\n"
            "    </details>\n"
            "    "
        )

    def _results(self, s, pk) -> str:
        """The library panel's results, from their own template as the search-as-you-type answer writes them."""
        template = self.context.template.engine.get_template("instructions/_library_results.html")
        with self.context.push(code=s.section.kind.code, section_pk=pk):
            return template.render(self.context)


@register.simple_tag(takes_context=True)
def editor_section(context, section):
    """One section of the editor (`selectors.NumberedSection`, or None for nothing), as an htmx answer sends it.

    `_section.html`, which calls it, ends with the line break every section is followed by.
    """
    if section is None:
        return ""
    html = _Sections(context).section(section, context.get("error"), context.get("new_text"))
    return mark_safe(html)


@register.simple_tag(takes_context=True)
def editor_sections(context, sections):
    """Every section of the editor page, each followed by a line break as its include was.

    The section a refused addition was for shows the reason and the typed text.
    """
    page = _Sections(context)
    failed = context.get("failed_add") or {}
    error, new_text = context.get("error"), context.get("new_text")
    html = []
    for s in sections:
        if failed and s.section.kind.code == failed["section"]:
            html.append(page.section(s, failed["error"], failed["text"]))
        else:
            html.append(page.section(s, error, new_text))
        html.append("\n")
    return mark_safe("".join(html))


@register.simple_tag
def kind_options(kinds):
    """The `<option>`s of the section kinds a draft may still add: the template's loop cost a tag per kind."""
    return options([(kind.code, kind.title_ru) for kind in kinds], None)
