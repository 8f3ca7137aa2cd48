"""The pager under every list (`{% pagination page %}`): its links keep the request's filters, the current
page is always among the numbers shown, and the count of all rows is said in the page's language."""

import re

from django.core.paginator import Paginator
from django.template import engines
from django.test import RequestFactory
from django.utils import translation

PAGER = engines["django"].from_string("{% load lists %}{% pagination page %}")


def pager(total, number, query="", per_page=25, language="ru"):
    request = RequestFactory().get(f"/list/?{query}")
    with translation.override(language):
        return PAGER.render({"page": Paginator(range(total), per_page).get_page(number)}, request=request)


def numbers(html):
    return [int(n) for n in re.findall(r'class="page-link"[^>]*>(\d+)<', html)]


def test_a_single_page_has_no_pager_only_the_count():
    html = pager(10, 1)
    assert "<nav" not in html
    assert '<p class="text-muted small">всего 10</p>' in html


def test_links_keep_the_filters_and_replace_the_page_escaped():
    html = pager(1000, 3, query="q=клиентов&b=<1>&page=3")
    assert 'href="?q=%D0%BA%D0%BB%D0%B8%D0%B5%D0%BD%D1%82%D0%BE%D0%B2&amp;b=%3C1%3E&amp;page=2" rel="prev"' in html
    assert 'href="?q=%D0%BA%D0%BB%D0%B8%D0%B5%D0%BD%D1%82%D0%BE%D0%B2&amp;b=%3C1%3E&amp;page=4" rel="next"' in html
    assert "<1>" not in html


def test_the_current_page_is_shown_among_the_numbers_with_the_far_ones_elided():
    html = pager(1000, 20)
    assert '<li class="page-item active" aria-current="page"><span class="page-link">20</span></li>' in html
    assert numbers(html) == [1, 2, 17, 18, 19, 20, 21, 22, 23, 39, 40]
    assert html.count('<span class="page-link">…</span>') == 2


def test_the_first_and_last_pages_have_no_step_beyond_them():
    first, last = pager(60, 1), pager(60, 3)
    assert '<li class="page-item disabled"><span class="page-link">Назад</span></li>' in first
    assert 'rel="next"' in first and 'rel="prev"' not in first
    assert '<li class="page-item disabled"><span class="page-link">Вперёд</span></li>' in last
    assert 'rel="prev"' in last and 'rel="next"' not in last


def test_a_malformed_page_number_gives_the_first_page_and_the_count_is_in_english_too():
    html = pager(60, "x", language="en")
    assert '<span class="page-link">1</span>' in html and 'aria-current="page"' in html
    assert '<nav aria-label="Pages">' in html and "60 in all" in html
