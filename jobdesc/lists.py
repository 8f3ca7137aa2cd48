"""Sorting and pagination shared by the list pages: `?sort=title|-title…` and `?page=N`."""

from dataclasses import dataclass

from django.core.paginator import Page, Paginator

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


def paginate(items, page_number, per_page: int = PAGE_SIZE) -> Page:
    """One page of `items`; a missing, malformed or too high page number gives the first or last page."""
    return Paginator(items, per_page).get_page(page_number)
