"""The printed documents' own user-agent stylesheet: it covers every element they use, and WeasyPrint uses it."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders

from jobdesc.documents import pdf

PRINTED_TEMPLATES = ["instruction.html", "acknowledgements.html", "audit_certificate.html", "_page_style.html"]
TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)")


def ua_elements() -> set[str]:
    """The element names the stylesheet's selectors name (comments and declaration blocks left out)."""
    css = re.sub(r"/\*.*?\*/", "", Path(finders.find(pdf.UA_STYLESHEET)).read_text(), flags=re.S)
    selectors = re.findall(r"(?:^|})([^{}@]*)\{", css)
    return {name for selector in selectors for name in re.findall(r"(?<![-\w.#:\[])([a-z][a-z0-9]*)\b", selector)}


def printed_elements() -> set[str]:
    folder = Path(settings.BASE_DIR) / "templates" / "documents"
    return {tag.lower() for name in PRINTED_TEMPLATES for tag in TAG.findall((folder / name).read_text())}


def test_the_stylesheet_styles_every_element_the_printed_templates_use():
    assert {"p", "h2", "table", "td", "img", "head"} <= printed_elements() | ua_elements()
    missing = printed_elements() - ua_elements()
    assert not missing, f"add {sorted(missing)} to {pdf.UA_STYLESHEET}, with html5_ua.css's defaults"


@pytest.mark.pdf
def test_weasyprint_lays_the_document_out_with_that_stylesheet(complete_draft, monkeypatch):
    asked = []
    original = pdf._PrintedHTML._ua_stylesheets

    def spy(self, forms=False):
        stylesheets = original(self, forms)
        asked.append(stylesheets)
        return stylesheets

    monkeypatch.setattr(pdf._PrintedHTML, "_ua_stylesheets", spy)
    document = pdf.layout(complete_draft)
    assert asked and asked[0] == [pdf._engine().user_agent]
    # Its defaults still apply: the head is not printed, the headings make the PDF's outline.
    outline = [label for label, _target, _children, _state in document.make_bookmark_tree()]
    assert outline[0] == "Менеджера по работе с клиентами"
    assert [label for label, *_ in document.make_bookmark_tree()[0][2]][:2] == [
        "1. Общие положения",
        "2. Квалификационные требования",
    ]
