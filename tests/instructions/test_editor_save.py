"""An editor save answers htmx with the section and the checks in one response, from one outline of the draft."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from jobdesc.instructions.drafting.services import start_draft
from jobdesc.instructions.models import Item
from jobdesc.orgs.models import Position
from tests.conftest import COMPLETE_SECTIONS


def save(client, version, item, text):
    return client.post(
        reverse("instructions:edit_item", args=[version.pk, item.pk]),
        {"text": text, "revision": item.revision},
        HTTP_HX_REQUEST="true",
    )


def checks_part(html):
    match = re.search(r'<div id="checks" hx-swap-oob="innerHTML">(.*)</div>\s*$', html, re.S)
    assert match, "the answer carries no out-of-band checks panel"
    return match.group(1)


def test_a_save_answers_with_its_section_and_the_checks_read_after_it(hr_client, complete_draft):
    general = Item.objects.get(section__version=complete_draft, section__kind__code="general")
    response = save(hr_client, complete_draft, general, "{position} относится к категории руководителей.")
    html = response.content.decode()
    assert response.status_code == 200
    assert response["HX-Trigger"] == "draft-changed"
    assert html.lstrip().startswith('<section class="card mb-3 editor-section" id="section-general">')
    assert "относится к категории руководителей." in html.split('<div id="checks"')[0]
    # The panel reads the saved text: the position is a specialist's, the clause now says «руководителей».
    checks = checks_part(html)
    assert 'id="review"' in checks
    assert f'<a href="#item-{general.pk}">' in checks
    general.refresh_from_db()
    back = save(hr_client, complete_draft, general, "{position} относится к категории специалистов.")
    assert f'<a href="#item-{general.pk}">' not in checks_part(back.content.decode())


def test_a_refused_save_still_answers_with_the_section_and_the_checks(hr_client, complete_draft):
    duty = Item.objects.filter(section__version=complete_draft, section__kind__code="duties").first()
    response = save(hr_client, complete_draft, duty, "Ведёт {нечто}.")
    html = response.content.decode()
    assert 'class="alert alert-danger py-1 mb-2"' in html
    assert "Ведёт {нечто}.</textarea>" in html
    checks_part(html)
    assert Item.objects.get(pk=duty.pk).text == "Консультирует клиентов."


def test_a_save_costs_as_many_queries_with_120_clauses_as_with_10_and_reads_the_outline_once(hr_client, hr):
    counts = []
    for count in (10, 120):
        position = Position.objects.create(organisation=hr.organisation, title=f"Должность на {count} пунктов")
        duties = [f"Обязанность номер {k}." for k in range(count)]
        sections = [("duties", "", duties) if code == "duties" else (code, h, t) for code, h, t in COMPLETE_SECTIONS]
        version = start_draft(position=position, user=hr, sections=sections)
        target = Item.objects.filter(section__version=version, section__kind__code="duties").first()
        with CaptureQueriesContext(connection) as queries:
            response = save(hr_client, version, target, "Обязанность номер один.")
        assert response.status_code == 200
        assert response.content.decode().count('class="item ') == count
        outlines = [q["sql"] for q in queries.captured_queries if q["sql"].startswith('SELECT "instructions_section"')]
        assert len(outlines) == 1
        counts.append(len(queries))
    assert counts[0] == counts[1]
