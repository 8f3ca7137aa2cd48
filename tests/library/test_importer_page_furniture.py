"""A web page's furniture around an instruction (download, print and share links, menus, breadcrumbs) is left
out; the instruction's own clauses, even those that speak of printing or downloading, stay."""

import pytest

from jobdesc.library.importer import main_document, parse_paragraphs
from jobdesc.library.importer.classify import is_page_furniture
from jobdesc.library.importer.readers import paragraphs_of

PAGE = """<!doctype html><html><head><title>Должностная инструкция кладовщика — образец 2026</title></head><body>
<nav><ul><li>Главная</li><li>Кадры</li><li>Образцы документов</li></ul></nav>
<p>Главная / Кадры / Должностные инструкции</p>
<h1>Должностная инструкция кладовщика</h1>
<p><a href="/files/kladovshik.docx">Скачать образец в Word…</a></p>
<p>Распечатать</p>
<p>Поделиться</p>
<h2>1. Общие положения</h2>
<p>1.1. Кладовщик относится к категории рабочих.</p>
<p>1.2. Кладовщик подчиняется непосредственно заведующему складом.</p>
<p>Версия для печати</p>
<h2>2. Должностные обязанности</h2>
<p>Кладовщик выполняет следующие обязанности:</p>
<ul>
<li>принимает товары на склад по накладным;</li>
<li>печать и копирование складских документов;</li>
<li>выдаёт товары по заявкам подразделений.</li>
</ul>
<p>2.2. Скачивает из учётной системы остатки и сверяет их с фактическими.</p>
<ul>
<li>ведёт учёт остатков;</li>
<li>участвует в инвентаризации.</li>
</ul>
<p>Поделиться ВКонтакте</p>
<ul><li>Скачать образец в Word</li><li>Распечатать</li><li>Telegram</li></ul>
<h2>3. Права</h2>
<p>3.1. Кладовщик имеет право требовать от поставщиков документы на товар.</p>
<p>Скачайте бланк в PDF</p>
<h2>4. Ответственность</h2>
<p>4.1. Кладовщик несёт ответственность за сохранность товаров.</p>
<p>Наверх</p>
<p>Комментарии (12)</p>
</body></html>"""

FURNITURE = [
    "Скачать образец в Word…",
    "Распечатать",
    "Поделиться",
    "Версия для печати",
    "Поделиться ВКонтакте",
    "Telegram",
    "Скачайте бланк в PDF",
    "Наверх",
    "Комментарии (12)",
    "Главная / Кадры / Должностные инструкции",
    "• Главная",
    "Prindi",
    "Laadi alla Wordis",
    "Share on Facebook",
]
NOT_FURNITURE = [
    "2.2. Скачивает из учётной системы остатки и сверяет их с фактическими.",
    "• печать и копирование складских документов;",
    "Печать документов.",
    "Поиск и подбор поставщиков,",
    "1. Общие положения",
    "Права",
    "Должностная инструкция кладовщика / Job description: Storekeeper",
    "Распечатывает и раскладывает накладные по папкам в конце каждой смены, сверяя их с фактическим приходом",
]


@pytest.mark.parametrize("line", FURNITURE)
def test_a_link_or_menu_line_of_a_page_is_furniture(line):
    assert is_page_furniture(line)


@pytest.mark.parametrize("line", NOT_FURNITURE)
def test_a_clause_an_item_or_a_heading_is_not(line):
    assert not is_page_furniture(line)


def test_the_page_imports_without_its_furniture_and_with_every_clause():
    paragraphs, language = paragraphs_of("kladovshik.html", PAGE.encode())
    document = main_document(parse_paragraphs(paragraphs, language), "kladovshik.html")
    texts = [clause.text for clause in document.clauses]
    joined = "\n".join(texts)
    for line in FURNITURE[:9]:
        assert line not in joined, line
    assert "Главная" not in joined and "Кадры /" not in joined
    by_kind = {section.kind: section.clauses for section in document.sections()}
    assert any("печать и копирование складских документов" in text for text in by_kind["duties"])
    assert any(text.startswith("Скачивает из учётной системы") for text in by_kind["duties"])
    assert document.title.lower().startswith("кладовщик")
    assert len(by_kind["rights"]) == 1 and len(by_kind["responsibility"]) == 1
    assert by_kind["duties"][-1] == "участвует в инвентаризации.", "the links after the list are not its items"
