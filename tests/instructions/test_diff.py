"""The diff between versions on real clause edits: added, removed, moved and reworded (word by word)."""

from django.urls import reverse

from jobdesc.instructions.diff.services import compare, word_diff
from jobdesc.instructions.editing import services as editing
from jobdesc.instructions.models import Item
from jobdesc.instructions.workflow import services as workflow
from tests.conftest import login


def item(version, text):
    return Item.objects.get(section__version=version, text=text)


def changes_of(sections, code):
    section = next(s for s in sections if s.code == code)
    return [(c.kind, c.number, c.old_number, c.text) for c in section.changes if c.kind != "same"]


def test_word_diff_marks_only_the_changed_words():
    words = word_diff("Готовит отчёты для руководителя.", "Готовит еженедельные отчёты для директора.")
    assert [(w.text, w.change) for w in words if w.change] == [
        (" еженедельные", "added"),
        (" руководителя", "removed"),
        (" директора", "added"),
    ]


def test_the_diff_shows_real_edits_section_by_section(approved_version, hr):
    draft = workflow.new_version(version=approved_version, user=hr)
    report = item(draft, "Готовит отчёты.")
    editing.edit_item(version=draft, user=hr, item_id=report.pk, text="Готовит еженедельные отчёты.", revision=1)
    editing.move_item(version=draft, user=hr, item_id=report.pk, direction="up")
    editing.move_item(version=draft, user=hr, item_id=report.pk, direction="up")
    editing.delete_item(version=draft, user=hr, item_id=item(draft, "Ведёт базу клиентов.").pk)
    duties = draft.sections.get(kind__code="duties")
    editing.add_item(version=draft, user=hr, section_id=duties.pk, text="Проводит переговоры с клиентами.")

    sections = compare(approved_version, draft)
    assert changes_of(sections, "duties") == [
        ("moved-reworded", "5.1", "5.3", "Готовит еженедельные отчёты."),
        ("added", "5.3", "", "Проводит переговоры с клиентами."),
        ("removed", "", "5.2", "Ведёт базу клиентов."),
    ]
    reworded = next(c for s in sections for c in s.changes if c.kind == "moved-reworded")
    assert [(w.text, w.change) for w in reworded.words if w.change] == [(" еженедельные", "added")]
    assert changes_of(sections, "rights") == []


def test_the_diff_page_is_shown_to_the_people_in_the_process(approved_version, hr, lawyer, outsider_client):
    draft = workflow.new_version(version=approved_version, user=hr)
    url = reverse("instructions:diff", args=[draft.pk, approved_version.pk])
    assert login(lawyer).get(url).status_code == 200
    assert outsider_client.get(url).status_code == 404
