"""The PDF's floor is the document's clause text alone: the same words, none of the print form around them."""

from jobdesc.bench import floor
from jobdesc.documents.context import build
from jobdesc.instructions.selectors import version_with_context
from tests.documents.pdf_reading import page_texts


def test_the_clause_text_has_the_title_headings_and_clauses_and_nothing_of_the_form(approved_version):
    doc = build(version_with_context().get(pk=approved_version.pk))
    html = floor.clause_text_html(doc)
    assert doc.title_genitive in html
    for section in doc.sections:
        assert f"<h2>{section.number}. {section.title}</h2>" in html
        for item in section.items:
            assert f"{item.number}. " in html
    for form in ["УТВЕРЖДАЮ", doc.organisation.full_name, "ЛИСТ ОЗНАКОМЛЕНИЯ", "<table", "<style", "@page"]:
        assert form not in html


def test_its_render_prints_the_clauses_without_letterhead_sheet_or_page_furniture(approved_version):
    text = " ".join(page_texts(floor.renderer(approved_version)()))
    assert "1. Общие положения" in text
    for absent in ["УТВЕРЖДАЮ", "ЛИСТ ОЗНАКОМЛЕНИЯ", "Код проверки", "ИНН"]:
        assert absent not in text


def test_user_text_is_escaped(approved_version):
    doc = build(version_with_context().get(pk=approved_version.pk))
    doc.sections[0].items[0].text = "<script>alert(1)</script>"
    assert "<script>" not in floor.clause_text_html(doc)
