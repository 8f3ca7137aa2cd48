"""Rows rendered in Python write what the template filters and tags wrote: dates, escaping, links, options."""

import datetime

from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone

from jobdesc.rows import Escaped, day, escape, minute, options, person, url_of


def rendered(source, **context):
    return Template(source).render(Context(context))


def test_dates_read_as_the_date_filter_writes_them_in_the_current_time_zone():
    late = datetime.datetime(2025, 3, 4, 21, 30, tzinfo=datetime.UTC)
    zone = timezone.get_current_timezone()
    for value in (late, datetime.date(2025, 2, 3), datetime.datetime(999, 1, 2, 3, 4, tzinfo=datetime.UTC)):
        assert day(value, zone) == rendered('{{ v|date:"d.m.Y" }}', v=value)
    assert minute(late, zone) == rendered('{{ v|date:"d.m.Y H:i" }}', v=late) == "05.03.2025 00:30"
    assert day(None, zone) == minute(None, zone) == ""


def test_texts_are_escaped_as_the_template_escapes_them():
    text = """Тест <script>&"'"""
    assert escape(text) == rendered("{{ v }}", v=text) == Escaped()[text]


def test_a_link_is_the_reversed_url_with_the_key_put_in(db):
    assert url_of("instructions:version")(42) == reverse("instructions:version", args=[42])


def test_options_mark_the_chosen_value_whatever_its_type():
    choices = [(1, "Отдел <1>"), (2, "Склад")]
    assert options(choices, 2) == '<option value="1">Отдел &lt;1&gt;</option><option value="2" selected>Склад</option>'
    assert options(choices, "1").startswith('<option value="1" selected>')
    assert " selected" not in options(choices, None)


def test_a_person_is_named_as_display_name_does():
    assert person("Ольга", "Смирнова", "hr") == "Ольга Смирнова"
    assert person("", "", "hr") == "hr"
    assert person(None, None, None) == ""
