"""How an instruction is laid out on the page, independent of the file format: the requisites, the
title, the headings, the numbering of clauses and sub-items, the blocks after the text.

`Layout` names one choice per family; `page(instruction, layout, rng)` turns content into `Block`s
(paragraphs with their role, typed label and list position, and tables) that `formats.py` writes
as .txt, .docx, .html, .rtf or .odt.
"""

from dataclasses import dataclass, field, replace

from .content import Instruction, Intro, Lead, Moved, Sub

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
RUSSIAN_LETTERS = "абвгдежзиклмнопрстуфхцчшщэюя"
LATIN_LETTERS = "abcdefghijklmnopqrstuvwxyz"

# The families a layout is made of, with every value a format can print; `formats.OPTIONS` narrows
# them per format.
FAMILIES = {
    # How the title is printed.
    "title": [
        "caps_one_line",  # ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ ИНЖЕНЕРА-ЭЛЕКТРОНИКА
        "two_lines",  # ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ / инженера-электроника
        "two_lines_caps",  # ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ / ИНЖЕНЕРА-ЭЛЕКТРОНИКА
        "sentence",  # Должностная инструкция инженера-электроника
        "number",  # … № 12 / № ____ between the words and the position
        "dated",  # ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ / 15.03.2024 № 27 / г. Самара / инженера-электроника
        "department",  # the position's department on the next line, as part of the title
        "department_label",  # «Подразделение: …» on a line of its own, not part of the title
        "english",  # an English title beside the Russian one
        "database",  # a legal reference system's header above the document
        "sample",  # «Образец должностной инструкции …»
        "colon",  # «Должностная инструкция: инженер-электроник» in the nominative
        "category",  # … ИНЖЕНЕРА-ЭЛЕКТРОНИКА II КАТЕГОРИИ
        "placeholder",  # «(наименование организации)» and a number and date to fill in around the title
    ],
    # How a file marks the title (a style where the format has one).
    "title_style": ["plain", "title", "heading", "bold"],
    # What stands before (or after) the title.
    "header": [
        "none",
        "organisation",
        "stamp_before",
        "stamp_after",
        "order",
        "organisation_and_stamp",
        "table",
        "appendix",  # «Приложение № 3 к приказу …» above the stamp
        "two_columns",  # plain text as a legal reference system lays out its forms: title left, stamp right
        "approved_by_order",  # «УТВЕРЖДЕНО приказом генерального директора от …» on three lines
    ],
    # Section headings.
    "headings": ["plain", "numbered", "roman", "section_word", "word_numbered"],
    "heading_case": ["as_written", "caps"],
    # What ends a heading's line.
    "heading_end": ["none", "none", "colon", "stop"],
    # How a heading is marked beyond its text.
    "heading_style": ["style", "bold", "none"],
    # Clauses.
    "numbering": [
        "typed",  # 1.1. / 1.1.1.
        "typed_no_stop",  # 1.1 / 1.1.1
        "continuous",  # 1. 2. … 14. across the sections
        "list_number",  # Word's «List Number» style, numbered on across the sections
        "word_restart",  # Word numbering restarted in every section
        "word_multilevel",  # one Word multi-level list numbers headings (1.) and clauses (1.1.)
        "auto_list",  # <ol>/<ul> or an ODF list: the numbers are the viewer's
        "bullets",
        "letters",  # а) б) в)
        "plain",  # unnumbered paragraphs
        "table",  # a layout table: number | text
        "run_together",  # each section one paragraph, its clauses run together
        "line_breaks",  # each section one paragraph, a line break before every clause
    ],
    # Sub-items of a clause or a lead-in.
    "sublists": ["numbered", "bullets", "letters", "dashes"],
    # What follows the text.
    "trailer": ["none", "acknowledgement", "agreed", "drafted", "sheet", "all"],
    # What a copy from a legal reference system or a printout adds: page numbers, the system's notes.
    "noise": ["none", "none", "page_numbers", "database_notes"],
    # An article around the sample, as a web page publishes it: an introduction with lists of its own
    # before the sample, advice and a download link after it.
    "wrapper": ["none", "none", "article"],
    # Clauses as sentences, or as list items in lower case ending with a semicolon.
    "clause_style": ["sentence", "sentence", "list"],
    # How people type in a format (`formats.OPTIONS` says which a format has): clauses in Word's
    # «List Paragraph» style, empty paragraphs for spacing, a line break in the middle of a
    # sentence, list numbers without a full stop; in HTML nested <div>s and <span>s with
    # non-breaking spaces, numbers in bold; in text, indented clauses and Windows line ends.
    "habits": [
        "none",
        "list_paragraph",
        "empty_paragraphs",
        "broken_lines",
        "numbers_without_stop",
        "div_soup",
        "bold_numbers",
        "indented",
        "windows",
    ],
}


@dataclass(frozen=True)
class Layout:
    fmt: str
    title: str = "two_lines"
    title_style: str = "plain"
    header: str = "none"
    headings: str = "numbered"
    heading_case: str = "as_written"
    heading_end: str = "none"
    heading_style: str = "none"
    numbering: str = "typed"
    sublists: str = "numbered"
    trailer: str = "none"
    noise: str = "none"
    wrapper: str = "none"
    clause_style: str = "sentence"
    habits: str = "none"
    # Plain text only: blank lines between paragraphs, hard wraps of long lines.
    blank_lines: bool = True
    hard_wrap: bool = False

    def families(self) -> dict[str, str]:
        return {name: getattr(self, name) for name in FAMILIES}

    def describe(self) -> str:
        return " ".join(f"{name}={value}" for name, value in self.families().items())


@dataclass
class Block:
    """One paragraph of the page.

    `role`: requisite, title, heading, item or trailer. For an item: `depth` (0 a clause, 1 a sub-item …),
    `label` the number or marker a layout with typed numbers prints in front of it, `list` how a
    format with automatic numbering numbers it (`auto`, `restart`, `style` …), `section` its section.
    """

    role: str
    text: str
    depth: int = 0
    label: str = ""
    section: int = 0
    # For headings: the label typed in front of the text (1., I., Раздел 1.).
    heading_label: str = ""
    # Joined with the blocks after it into one paragraph (run-together clauses).
    glued: bool = False


@dataclass
class Table:
    role: str
    rows: list[list[str]]
    # A clause table: the second cell of each row may hold the clause's sub-items.
    children: list[list[Block]] = field(default_factory=list)


def letters(language: str) -> str:
    return RUSSIAN_LETTERS if language == "ru" else LATIN_LETTERS


def _entries(entries, depth: int):
    """(depth, text, role) of every printed paragraph of a section, lead-ins included, in order."""
    for entry in entries:
        if isinstance(entry, Lead | Sub):
            yield depth, entry.text, "lead"
            yield from _entries(entry.items, depth + 1)
        elif isinstance(entry, Moved):
            yield depth, entry.text, "clause"
        elif isinstance(entry, Intro):
            yield depth, entry.text, "intro"
        else:
            yield depth, entry, "clause"


def numbered_items(instruction: Instruction, layout: Layout) -> list[list[Block]]:
    """The item blocks of each section, with the labels a typed layout prints."""
    sections = []
    serial = 0
    for section_number, section in enumerate(instruction.sections, start=1):
        blocks = []
        path: list[int] = []
        for depth, text, role in _entries(section.entries, 0):
            if role == "intro":
                # Never numbered, never glued to the clauses after it.
                blocks.append(Block("intro", text, section=section_number))
                continue
            del path[depth + 1 :]
            if len(path) == depth + 1:
                path[depth] += 1
            else:
                path.append(1)
            if depth == 0:
                serial += 1
            if layout.clause_style == "list" and depth == 0 and role == "clause":
                text = _as_list_item(text, last=False)
            blocks.append(
                Block(
                    "item",
                    text,
                    depth=depth,
                    label=_label(layout, instruction.language, section_number, path, serial, depth),
                    section=section_number,
                )
            )
        _end_list(blocks, layout)
        sections.append(blocks)
    return sections


def _as_list_item(text: str, last: bool) -> str:
    """«Ведёт журнал.» → «ведёт журнал;», the way a list of duties is often written."""
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        text = text[0].lower() + text[1:]
    return text[:-1] + ("." if last else ";") if text.endswith(".") else text


def _end_list(blocks: list, layout: Layout):
    """The last clause of a section written as a list item ends with a full stop."""
    if layout.clause_style != "list":
        return
    for index in range(len(blocks) - 1, -1, -1):
        block = blocks[index]
        if block.role == "item" and block.depth == 0:
            if block.text.endswith(";"):
                blocks[index] = replace(block, text=block.text[:-1] + ".")
            return


def _label(layout: Layout, language: str, section: int, path: list[int], serial: int, depth: int) -> str:
    numbering, sublists = layout.numbering, layout.sublists
    if numbering in {"typed", "typed_no_stop", "table", "run_together", "line_breaks"}:
        stop = "" if numbering == "typed_no_stop" else "."
        if depth <= 1 and sublists == "numbered" or depth == 0:
            return ".".join(str(part) for part in [section, *path]) + stop
        return _sub_marker(sublists, language, path[-1], depth)
    if numbering == "continuous":
        if depth == 0:
            return f"{serial}."
        if sublists == "numbered" and depth == 1:
            return f"{serial}.{path[-1]}."
        return _sub_marker(sublists, language, path[-1], depth)
    if numbering == "letters":
        if depth == 0:
            return f"{letters(language)[(path[0] - 1) % 26]})"
        return _sub_marker("dashes" if sublists in {"letters", "numbered"} else sublists, language, path[-1], depth)
    if numbering == "bullets":
        return "•" if depth == 0 else "o"
    if numbering == "plain":
        if depth == 0:
            return ""
        return _sub_marker(sublists if sublists != "numbered" else "dashes", language, path[-1], depth)
    # Word or viewer numbering: nothing typed.
    return ""


def _sub_marker(sublists: str, language: str, position: int, depth: int) -> str:
    if sublists == "letters" and depth == 1:
        return f"{letters(language)[(position - 1) % 26]})"
    if sublists == "numbered" and depth == 1:
        return f"{position})"
    if sublists == "bullets":
        return "•" if depth == 1 else "o"
    return "–" if depth == 1 else "o"


def heading_label(layout: Layout, language: str, number: int) -> str:
    if layout.headings == "numbered":
        return f"{number}."
    if layout.headings == "roman":
        return f"{ROMAN[number - 1]}."
    if layout.headings == "section_word":
        return f"Раздел {number}." if language == "ru" else f"{number}. peatükk"
    return ""


def title_lines(instruction: Instruction, layout: Layout) -> list[str]:
    """The lines of the title block; a date, a place or a department label among them is a requisite."""
    genitive = instruction.genitive
    if instruction.language != "ru":
        return {
            "caps_one_line": [f"{genitive} ametijuhend".upper()],
            "two_lines": ["AMETIJUHEND", genitive],
            "two_lines_caps": ["AMETIJUHEND", genitive.upper()],
            "number": [f"{genitive} ametijuhend nr 4".upper()],
            "dated": ["AMETIJUHEND", "15.03.2024 nr 27", genitive],
        }.get(layout.title, [f"{genitive} ametijuhend"])
    words = "ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ"
    department = instruction.department
    return {
        "caps_one_line": [f"{words} {genitive.upper()}"],
        "two_lines": [words, genitive],
        "two_lines_caps": [words, genitive.upper()],
        "sentence": [f"Должностная инструкция {genitive}"],
        "number": [f"{words} № 12", genitive],
        "dated": [words, "15.03.2024 № 27", "г. Самара", genitive],
        "department": [words, genitive, department],
        "department_label": [words, genitive, f"Структурное подразделение: {instruction.department_name}"],
        "english": [f"{words} {genitive.upper()} / JOB DESCRIPTION"],
        "database": [f"Должностная инструкция {genitive}"],
        "sample": [f"Образец должностной инструкции {genitive}"],
        "colon": [f"Должностная инструкция: {instruction.title.lower()}"],
        "category": [f"{words} {genitive.upper()} II КАТЕГОРИИ"],
        "placeholder": ["(наименование организации)", words, "00.00.0000 № 000", genitive],
    }[layout.title]


def title_suffix(instruction: Instruction, layout: Layout) -> str:
    """What the layout adds to the position's name in the gold title."""
    if instruction.language != "ru":
        return ""
    if layout.title == "department":
        return " " + instruction.department
    if layout.title == "category":
        return " II категории"
    return ""


STAMP = {
    "ru": ["УТВЕРЖДАЮ", "{approver}", "{organisation}", "_____________ И.П. Соколов", "«___» ____________ 20__ г."],
    "et": ["KINNITAN", "{approver}", "{organisation}", "_____________ M. Tamm", "«___» ____________ 20__"],
}
DATABASE_HEADER = [
    "Наименование документа: Должностная инструкция {genitive}",
    "Вид документа: типовая форма",
    "Статус: действующий",
    "Дата редакции: 01.02.2024",
]
TRAILERS = {
    "ru": {
        "acknowledgement": [
            "С инструкцией ознакомлен(а):",
            "_____________ / _____________________ /",
            "(подпись) (расшифровка подписи)",
            "«___» ____________ 20__ г.",
        ],
        "agreed": [
            "СОГЛАСОВАНО:",
            "Начальник юридического отдела",
            "_____________ Е.В. Лебедева",
            "«___» ____________ 20__ г.",
        ],
        "drafted": ["Руководитель структурного подразделения", "_____________ А.С. Орлов"],
        "sheet": ["ЛИСТ ОЗНАКОМЛЕНИЯ"],
    },
    "et": {
        "acknowledgement": ["Olen ametijuhendiga tutvunud:", "Allkiri: _____________", "Kuupäev: _____________"],
        "agreed": ["KOOSKÕLASTATUD:", "Personalijuht _____________"],
        "drafted": ["Koostaja: personalijuht _____________"],
        "sheet": ["TUTVUMISLEHT"],
    },
}
APPENDIX = {
    "ru": ["Приложение № 3", "к приказу от 10.01.2024 № 2"],
    "et": ["Lisa 3", "direktori 10.01.2024 käskkirjale nr 2"],
}
APPROVED_BY_ORDER = {
    "ru": ["УТВЕРЖДЕНО", "приказом генерального директора", "от 10.01.2024 № 2"],
    "et": ["KINNITATUD", "juhatuse 10.01.2024 otsusega nr 2"],
}
# What a legal reference system prints above and below a document it gives out.
DATABASE_NOTES = [
    "Документ предоставлен КонсультантПлюс",
    "Дата сохранения: 21.03.2024",
    "Форма подготовлена с использованием правовых актов по состоянию на 01.02.2024.",
]
SHEET_ROWS = {
    "ru": [["№ п/п", "Ф.И.О.", "Дата", "Подпись"], ["1", "", "", ""], ["2", "", "", ""]],
    "et": [["Nr", "Nimi", "Kuupäev", "Allkiri"], ["1", "", "", ""]],
}


ARTICLE_BEFORE = {
    "ru": [
        ("heading", "Должностная инструкция {genitive}: образец и правила составления"),
        ("prose", "{title} — одна из востребованных профессий. В статье расскажем, что включить в инструкцию."),
        ("prose", "Инструкцию составляет работодатель. Закон не устанавливает её обязательной формы."),
        ("heading", "Что обычно включают в инструкцию"),
        ("prose", "Как правило, в документе есть следующие разделы:"),
        ("bullet", "общие положения;"),
        ("bullet", "должностные обязанности;"),
        ("bullet", "права и ответственность работника."),
        ("heading", "Основные обязанности"),
        ("prose", "Среди типичных задач специалиста можно выделить такие:"),
        ("bullet", "ведение рабочей документации;"),
        ("bullet", "взаимодействие с коллегами из других отделов."),
        ("prose", "Ниже приведён образец, который можно скачать и доработать под свою организацию."),
    ],
    "et": [
        ("heading", "{genitive} ametijuhend: näidis ja selgitused"),
        ("prose", "Ametijuhend kirjeldab töötaja ülesandeid. Allpool on näidis, mida saab kohandada."),
        ("prose", "Tavaliselt on ametijuhendis järgmised osad:"),
        ("bullet", "üldsätted;"),
        ("bullet", "tööülesanded;"),
        ("bullet", "õigused ja vastutus."),
    ],
}
ARTICLE_AFTER = {
    "ru": [
        ("heading", "Как утвердить инструкцию"),
        ("prose", "Подготовьте проект и согласуйте его с юристом. Затем утвердите инструкцию приказом руководителя."),
        ("prose", "Скачать образец должностной инструкции в формате Word"),
        ("prose", "Оцените статью: ★★★★★"),
    ],
    "et": [
        ("prose", "Laadi näidis alla Wordi vormingus."),
        ("prose", "Kui soovid rohkem teada, siis vaata seda videot."),
    ],
}


def _article(lines, instruction: Instruction) -> list[Block]:
    values = {"genitive": instruction.genitive, "title": instruction.title or instruction.genitive}
    roles = {"heading": "article_heading", "prose": "article", "bullet": "article_bullet"}
    return [Block(roles[role], text.format(**values)) for role, text in lines]


def page(instruction: Instruction, layout: Layout) -> list[Block | Table]:
    """The blocks of the whole page, in reading order."""
    language = instruction.language
    values = {
        "approver": instruction.approver,
        "organisation": instruction.organisation,
        "genitive": instruction.genitive,
    }
    stamp = [Block("requisite", line.format(**values)) for line in STAMP[language]]
    organisation = [Block("requisite", instruction.organisation)]
    blocks: list[Block | Table] = []
    if layout.wrapper == "article":
        blocks += _article(ARTICLE_BEFORE[language], instruction)
    if layout.title == "database":
        blocks += [Block("requisite", line.format(**values)) for line in DATABASE_HEADER]
    header = layout.header
    if header == "organisation":
        blocks += organisation
    elif header in {"stamp_before", "organisation_and_stamp"}:
        blocks += (organisation if header == "organisation_and_stamp" else []) + stamp
    elif header == "order":
        blocks += organisation + [Block("requisite", "УТВЕРЖДЕНА приказом от 05.06.2024 № 12")]
    elif header == "table":
        blocks.append(Table("requisite", [[instruction.organisation, "\n".join(block.text for block in stamp)]]))
    elif header == "appendix":
        blocks += [Block("requisite", line) for line in APPENDIX[language]] + stamp
    elif header == "approved_by_order":
        blocks += organisation + [Block("requisite", line) for line in APPROVED_BY_ORDER[language]]
    if layout.noise == "database_notes" and language == "ru":
        blocks += [Block("requisite", line) for line in DATABASE_NOTES]
    if header == "two_columns":
        blocks.append(Block("preformatted", _two_columns(instruction, layout)))
    else:
        for line in title_lines(instruction, layout):
            requisite = line[:1].isdigit() or line.startswith(("г. ", "Структурное", "("))
            blocks.append(Block("requisite" if requisite else "title", line))
    if header == "stamp_after":
        blocks += stamp
    items = numbered_items(instruction, layout)
    for number, (section, section_items) in enumerate(zip(instruction.sections, items, strict=True), start=1):
        text = section.headings[(number + len(instruction.name)) % len(section.headings)]
        if layout.heading_case == "caps":
            text = text.upper()
        text += {"colon": ":", "stop": "."}.get(layout.heading_end, "")
        blocks.append(Block("heading", text, section=number, heading_label=heading_label(layout, language, number)))
        if layout.numbering == "table":
            blocks.append(_clause_table(section_items))
        elif layout.numbering in {"run_together", "line_breaks"}:
            items = [item for item in section_items if item.role == "item"]
            blocks += [item for item in section_items if item.role == "intro"]
            blocks += [replace(item, glued=index + 1 < len(items)) for index, item in enumerate(items)]
        else:
            blocks += section_items
        if layout.noise == "page_numbers" and number in {2, 4}:
            # A page break inside the section: the number of the next page, as a printout copied to text has it.
            position = max(len(blocks) - 2, 0)
            blocks.insert(position, Block("requisite", f"Страница {number // 2 + 1} из 3" if number == 2 else "- 3 -"))
    trailer = layout.trailer
    lines = TRAILERS[language]
    chosen = ["agreed", "drafted", "acknowledgement"] if trailer == "all" else [trailer]
    for name in chosen:
        if name == "none":
            continue
        blocks += [Block("trailer", line) for line in lines[name]]
        if name == "sheet":
            blocks.append(Table("trailer", SHEET_ROWS[language]))
    if layout.noise == "database_notes" and language == "ru":
        blocks += [Block("requisite", line) for line in DATABASE_NOTES[:2]]
    if layout.wrapper == "article":
        blocks += _article(ARTICLE_AFTER[language], instruction)
    return blocks


def _two_columns(instruction: Instruction, layout: Layout) -> str:
    """The requisites as a form of a legal reference system prints them in plain text: the organisation,
    the title, its number and date and the position on the left, the approval stamp on the right, the
    blanks' captions under them."""
    if instruction.language == "ru":
        words = ["ДОЛЖНОСТНАЯ", "ИНСТРУКЦИЯ"]
        position = instruction.genitive.capitalize().split(" ")
        if layout.title == "department" and instruction.department:
            position += instruction.department.split(" ")
        left = ["_________________________", "(наименование организации)", "", *words, "", "00.00.0000   № 000"]
        right = [
            "УТВЕРЖДАЮ",
            "______________________________",
            "(наименование должности руководителя)",
            "________________ ______________",
            "(подпись)   (инициалы, фамилия)",
            "00.00.0000",
        ]
    else:
        words = ["AMETIJUHEND"]
        position = instruction.genitive.split(" ")
        left = ["_________________________", "(asutuse nimi)", "", *words, "", "00.00.0000   nr 000"]
        right = ["KINNITAN", "______________________________", "(ametikoht)", "________________", "(allkiri)"]
    # A long position goes on on a line of its own, the way the form's narrow column wraps it.
    middle = max(1, len(position) // 2) if len(" ".join(position)) > 22 else len(position)
    left += ["", " ".join(position[:middle])] + ([" ".join(position[middle:])] if position[middle:] else [])
    lines = []
    for index in range(max(len(left), len(right))):
        first = left[index] if index < len(left) else ""
        second = right[index] if index < len(right) else ""
        indent = 8 if first.isupper() or first[:1].isalpha() and first[:1].islower() or first[:1].isupper() else 0
        lines.append((" " * indent + first).ljust(42) + second)
    return "\n".join(line.rstrip() for line in lines)


def _clause_table(items: list[Block]) -> Table:
    """Clauses as rows of number and text; sub-items go into the text cell of their clause."""
    rows, children = [], []
    for item in items:
        if item.role == "intro":
            rows.append(["", item.text])
            children.append([])
        elif item.depth == 0:
            rows.append([item.label, item.text])
            children.append([])
        else:
            children[-1].append(item)
    return Table("items", rows, children)
