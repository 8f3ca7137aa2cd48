"""The editor shows the draft as it will print, keeps the library panel open and shows comments at their clause."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from jobdesc.instructions.drafting.services import start_draft
from jobdesc.instructions.models import Comment, Item
from jobdesc.instructions.workflow import services as workflow
from jobdesc.library.models import Clause, SectionKind
from tests.conftest import COMPLETE_SECTIONS, login


def editor(client, version):
    return client.get(reverse("instructions:editor", args=[version.pk])).content.decode()


def test_placeholders_are_shown_filled_in_with_the_codes_beside_them(hr_client, complete_draft):
    page = editor(hr_client, complete_draft)
    item = Item.objects.get(
        section__version=complete_draft, text="{position} подчиняется непосредственно {manager:datv}."
    )
    match = re.search(rf'id="item-{item.pk}".*?</li>', page, re.S)
    assert match
    assert (
        '<span class="text printed">Менеджер по работе с клиентами подчиняется непосредственно '
        "начальнику отдела продаж.</span>" in match.group()
    )
    assert '<span class="codes">{position} подчиняется непосредственно {manager:datv}.</span>' in match.group()
    assert 'id="show-codes"' in page
    # A clause without placeholders is printed once.
    plain = Item.objects.get(section__version=complete_draft, text="Консультирует клиентов.")
    assert re.search(rf'id="item-{plain.pk}".*?<span class="text">Консультирует клиентов.</span>', page, re.S)


def test_a_placeholder_that_cannot_be_filled_shows_its_code(hr_client, hr, organisation):
    from jobdesc.orgs.models import Position

    lonely = Position.objects.create(organisation=organisation, title="Кладовщик")
    version = start_draft(position=lonely, user=hr, sections=[("subordination", "", ["Подчиняется {manager:datv}."])])
    page = editor(hr_client, version)
    assert '<span class="text">Подчиняется {manager:datv}.</span>' in page


def test_the_filled_texts_cost_no_query_per_clause(hr_client, hr, position):
    def count(number):
        texts = [f"{{position}} ведёт участок {n}." for n in range(number)]
        sections = [*COMPLETE_SECTIONS[:4], ("duties", "", texts), *COMPLETE_SECTIONS[5:]]
        version = start_draft(position=position, user=hr, sections=sections)
        with CaptureQueriesContext(connection) as captured:
            hr_client.get(reverse("instructions:editor", args=[version.pk]))
        version.instruction.versions.all().delete()
        return len(captured)

    assert count(40) == count(2)


def test_adding_from_the_library_replaces_only_the_clauses_so_the_panel_stays_open(hr_client, complete_draft):
    clause = Clause.objects.create(section=SectionKind.objects.get(code="duties"), text="Ведёт переговоры с клиентами.")
    section = complete_draft.sections.get(kind__code="duties")
    results = hr_client.get(
        reverse("instructions:library", args=[complete_draft.pk]), {"section": "duties", "q": "переговоры"}
    ).content.decode()
    assert 'hx-target="#items-duties" hx-select="#items-duties"' in results
    for _time in range(2):
        response = hr_client.post(
            reverse("instructions:add_item", args=[complete_draft.pk]),
            {"section": section.pk, "clause": clause.pk},
            headers={"HX-Request": "true"},
        )
        assert 'id="items-duties"' in response.content.decode()
    assert section.items.filter(clause=clause).count() == 2


def test_a_return_comment_on_a_clause_is_shown_at_that_clause_in_the_editor(hr_client, complete_draft, hr, lawyer):
    workflow.submit(version=complete_draft, user=hr, officials=[lawyer])
    item = Item.objects.get(section__version=complete_draft, text="Готовит отчёты.")
    page = login(lawyer).get(reverse("instructions:version", args=[complete_draft.pk])).content.decode()
    assert f'value="{item.pk}"' in page
    login(lawyer).post(
        reverse("instructions:return", args=[complete_draft.pk]),
        {"comment": "Уточните, какие отчёты и как часто.", "item": item.pk},
    )
    comment = Comment.objects.get(version=complete_draft)
    assert (comment.item, comment.item_number) == (item, "5.3")
    page = editor(hr_client, complete_draft)
    match = re.search(rf'id="item-{item.pk}".*?</li>', page, re.S)
    assert "Уточните, какие отчёты и как часто." in match.group()


def test_a_return_comment_on_a_clause_of_another_version_is_refused(complete_draft, hr, lawyer, position):
    workflow.submit(version=complete_draft, user=hr, officials=[lawyer])
    response = login(lawyer).post(
        reverse("instructions:return", args=[complete_draft.pk]), {"comment": "Не то.", "item": 999999}
    )
    assert response.status_code == 400
    assert not Comment.objects.exists()


def test_the_library_panel_does_not_offer_what_the_draft_already_says(hr_client, complete_draft):
    duties = SectionKind.objects.get(code="duties")
    same_words = Clause.objects.create(section=duties, text="Консультирует клиентов")
    other = Clause.objects.create(section=duties, text="Консультирует клиентов по телефону.")
    taken = Clause.objects.create(section=duties, text="Консультирует клиентов на выставках.")
    section = complete_draft.sections.get(kind__code="duties")
    hr_client.post(
        reverse("instructions:add_item", args=[complete_draft.pk]), {"section": section.pk, "clause": taken.pk}
    )
    response = hr_client.get(
        reverse("instructions:library", args=[complete_draft.pk]), {"section": "duties", "q": "консультирует"}
    )
    offered = response.context["results"]
    assert other in offered
    assert same_words not in offered and taken not in offered


def test_the_library_panel_shows_its_clauses_as_they_would_read_in_this_draft(hr_client, complete_draft):
    Clause.objects.create(section=SectionKind.objects.get(code="rights"), text="{position} вправе вести переговоры.")
    page = hr_client.get(
        reverse("instructions:library", args=[complete_draft.pk]), {"section": "rights", "q": "переговоры"}
    ).content.decode()
    assert "Менеджер по работе с клиентами вправе вести переговоры." in page


def row(page, item):
    match = re.search(rf'<li class="([^"]*)" id="item-{item.pk}".*?</li>', page, re.S)
    assert match, f"no row for item {item.pk}"
    return match.group(1).split(), match.group()


def test_a_sub_item_is_marked_as_one_has_no_drag_handle_and_is_made_a_clause_again(hr_client, complete_draft):
    first, second = Item.objects.filter(section__version=complete_draft, section__kind__code="duties").order_by(
        "order"
    )[:2]
    hr_client.post(reverse("instructions:item_action", args=[complete_draft.pk, second.pk, "indent"]))
    page = editor(hr_client, complete_draft)
    classes, html = row(page, second)
    assert "sub-item" in classes and "ms-4" not in classes
    assert "handle" not in html and "/outdent/" in html and "/indent/" not in html
    classes, html = row(page, first)
    assert "sub-item" not in classes
    assert 'class="num text-muted handle"' in html and "/indent/" in html
    # The delete form carries the revision it saw: a clause rewritten meanwhile is not deleted.
    assert (
        f'<input type="hidden" name="revision" value="{first.revision}"><button class="btn btn-outline-danger"' in html
    )


def test_a_comment_at_a_clause_is_escaped_like_the_clause(hr_client, complete_draft, hr, lawyer):
    workflow.submit(version=complete_draft, user=hr, officials=[lawyer])
    item = Item.objects.get(section__version=complete_draft, text="Готовит отчёты.")
    login(lawyer).post(
        reverse("instructions:return", args=[complete_draft.pk]),
        {"comment": '<b onmouseover="steal()">Какие отчёты?</b>', "item": item.pk},
    )
    _classes, html = row(editor(hr_client, complete_draft), item)
    assert "&lt;b onmouseover=&quot;steal()&quot;&gt;Какие отчёты?&lt;/b&gt;" in html
    assert "<b onmouseover" not in html


def test_the_library_panels_fetch_their_clauses_when_opened_not_with_the_page(hr_client, hr, position):
    # «duties» left empty: the library has nothing of this post, so its panel is open and offers clauses.
    sections = [*COMPLETE_SECTIONS[:4], ("duties", "", []), *COMPLETE_SECTIONS[5:]]
    page = editor(hr_client, start_draft(position=position, user=hr, sections=sections))
    duties = re.search(r'<section[^>]*id="section-duties".*?</section>', page, re.S).group()
    assert '<details class="library-panel" open>' in duties
    assert 'hx-trigger="load"' not in page.split('id="checks"')[0]
    search = re.search(r'<input[^>]*hx-get="[^"]*section=duties"[^>]*>', duties, re.S).group()
    assert 'hx-trigger="input changed delay:250ms, search, intersect once"' in search
