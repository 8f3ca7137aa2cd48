"""User text in the document is escaped and set with characters the bundled font has."""

from jobdesc.documents.templatetags.document import css_string, typeset


def test_user_text_is_escaped():
    assert typeset('<img src="http://example.org/x.png">') == "&lt;img src=&quot;http://example.org/x.png&quot;&gt;"


def test_a_non_breaking_hyphen_becomes_a_hyphen_that_does_not_wrap():
    assert typeset("клиентов бизнес\u2011класса & VIP") == (
        'клиентов <span class="nobr">бизнес-класса</span> &amp; VIP'
    )


def test_invisible_joiners_the_font_lacks_are_dropped():
    assert typeset("сто\u2060процентов") == "стопроцентов"


def test_text_for_a_css_string_cannot_close_the_string():
    assert css_string('Код "A"\\ </style>\nстрока') == 'Код \\"A\\"\\\\ \\3C /style>\\A строка'
