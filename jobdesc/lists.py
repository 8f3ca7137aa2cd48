"""Sorting and pagination shared by the list pages: `?sort=title|-title…` and `?page=N`, and the pager under them.

The pager is the template tag `{% pagination page %}` (`{% load lists %}`, registered in settings' TEMPLATES):
written in Python, because the include it replaced evaluated a dozen tags per page link and cost a list page
as much as a tenth of a plain page. Its markup, whitespace and all, is the include's.
"""

from dataclasses import dataclass

from django import template
from django.core.paginator import Page, Paginator
from django.template.base import render_value_in_context
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext

register = template.Library()

# Rows a list page shows. Records opened one by one (positions, employees, clauses, people): 25 a page.
# Logs read down the page (the journal, the outbox and its problems, an account's history): 50. Lists
# whose rows HR ticks for one action on all of them (a campaign's requests, the signatures, an import's
# rows): 100, so that one action reaches more of them.
PAGE_SIZE = 25
LOG_PAGE_SIZE = 50
TICK_PAGE_SIZE = 100


@dataclass(frozen=True)
class SortColumn:
    """A column header: the `sort` value its link asks for and the arrow showing the current order."""

    link: str
    arrow: str


def sort(queryset, value: str, columns: dict[str, tuple[str, ...]], default: str):
    """Order `queryset` by one of `columns` (name → order_by fields), descending with a leading «-».

    Only the first field flips, the rest break ties in their own order; an unknown value falls back
    to `default`. Returns the ordered queryset and the headers' `SortColumn`s by column name.
    """
    name = value.removeprefix("-")
    if name not in columns:
        value, name = default, default.removeprefix("-")
    descending = value.startswith("-")
    first, *rest = columns[name]
    ordered = queryset.order_by(f"-{first}" if descending else first, *rest, "pk")
    headers = {
        column: SortColumn(
            link=f"-{column}" if column == name and not descending else column,
            arrow=("▼" if descending else "▲") if column == name else "",
        )
        for column in columns
    }
    return ordered, headers


def paginate(items, page_number, per_page: int = PAGE_SIZE, *, counted=None) -> Page:
    """One page of `items`; a missing, malformed or too high page number gives the first or last page.

    `counted`, when given, is counted instead of `items`: the same rows as a queryset without the joins that
    `values()` of related columns adds to `items` (a count needs none of them)."""
    paginator = Paginator(items, per_page)
    if counted is not None:
        paginator.count = counted.count()
    return paginator.get_page(page_number)


@register.simple_tag(takes_context=True)
def pagination(context, page: Page) -> str:
    """The pager of `page` (links keep the request's other parameters) and the count of all its rows."""
    total = page.paginator.count
    count = ngettext("%(total)s in all", "%(total)s in all", total) % {"total": render_value_in_context(total, context)}
    footer = f'\n<p class="text-muted small">{count}</p>\n'
    if not page.has_other_pages():
        return mark_safe(footer)
    query = context.request.GET.copy()

    def href(number) -> str:
        query["page"] = number
        return conditional_escape(f"?{query.urlencode()}")

    def step(exists: bool, number, word: str, rel: str) -> str:
        if exists:
            return f'<li class="page-item"><a class="page-link" href="{href(number())}" rel="{rel}">{word}</a></li>'
        return f'<li class="page-item disabled"><span class="page-link">{word}</span></li>'

    parts = [
        f'\n<nav aria-label="{conditional_escape(gettext("Pages"))}">\n  <ul class="pagination pagination-sm">\n    ',
        "\n    " + step(page.has_previous(), page.previous_page_number, gettext("Previous"), "prev") + "\n    \n    ",
    ]
    for number in page.paginator.get_elided_page_range(page.number):
        if number == page.number:
            item = f'<li class="page-item active" aria-current="page"><span class="page-link">{number}</span></li>'
        elif number == page.paginator.ELLIPSIS:
            item = f'<li class="page-item disabled"><span class="page-link">{conditional_escape(number)}</span></li>'
        else:
            item = f'<li class="page-item"><a class="page-link" href="{href(number)}">{number}</a></li>'
        parts.append(f"\n      \n      {item}\n      \n    ")
    parts.append("\n    \n    " + step(page.has_next(), page.next_page_number, gettext("Next"), "next") + "\n    ")
    parts.append("\n  </ul>\n</nav>\n")
    return mark_safe("".join(parts) + footer)
