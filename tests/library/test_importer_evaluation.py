"""The importer against its evaluation set: recall, section accuracy and precision held at their goals.

The set (`tests/fixtures_import/eval`) is written for this purpose: eight instructions of different
professions in Russian and Estonian, each printed in several formats and layouts (.txt, .docx with
Word numbering, .html, .rtf, .odt), with a gold file of what a person reads in each. The goals are
those the importer must reach on documents nobody on the team has seen.
"""

import json
import sys

import pytest

from jobdesc.library.importer import ImporterError, main_document, parse_file
from jobdesc.library.importer.evaluation import Score, evaluate, score

from .conftest import IMPORTS

EVAL = IMPORTS / "eval"
GOALS = {"recall": 0.95, "section_accuracy": 0.90, "precision": 0.90}


def parse(path):
    try:
        return main_document(parse_file(path), path.name)
    except ImporterError:
        return None


@pytest.fixture(scope="module")
def results() -> tuple[Score, dict[str, Score]]:
    return evaluate(EVAL, parse)


def test_the_set_has_every_format_and_both_languages():
    golds = [json.loads(path.read_text(encoding="utf-8")) for path in EVAL.glob("*.gold.json")]
    formats = {path.name.removesuffix(".gold.json").rsplit(".", 1)[1] for path in EVAL.glob("*.gold.json")}
    assert formats == {"txt", "docx", "html", "rtf", "odt"}
    assert {gold["language"] for gold in golds} == {"ru", "et"}
    assert len(golds) >= 20


@pytest.mark.parametrize("measure", GOALS)
def test_the_whole_set_meets_the_goal(results, measure):
    total, _by_format = results
    assert getattr(total, measure) >= GOALS[measure], total.summary() + "\n" + "\n".join(total.misses)


@pytest.mark.parametrize("fmt", ["txt", "docx", "html", "rtf", "odt"])
def test_each_format_meets_the_recall_goal(results, fmt):
    _total, by_format = results
    assert by_format[fmt].recall >= GOALS["recall"], by_format[fmt].summary() + "\n" + "\n".join(by_format[fmt].misses)


def test_titles_are_found(results):
    total, _by_format = results
    assert total.title_accuracy >= 0.9, total.summary()


def test_the_scores_count_what_they_say():
    gold = {
        "title": "Кассир",
        "language": "ru",
        "clauses": [
            {"kind": "duties", "text": "Ведёт кассовую книгу."},
            {"kind": "rights", "text": "Вносить предложения."},
        ],
    }
    document = parse_file_text(
        "Должностная инструкция кассира\n\n1. Должностные обязанности\n\n1.1. Ведет кассовую книгу.\n\n"
        "1.2. Сдаёт выручку.\n\n1.3. Вносить предложения.\n"
    )
    result = score(gold, document)
    assert (result.gold, result.found, result.matched, result.right_section) == (2, 3, 2, 1)
    assert result.recall == 1.0 and result.section_accuracy == 0.5 and result.precision == pytest.approx(2 / 3)
    assert result.right_titles == 1


def parse_file_text(text):
    from jobdesc.library.importer import parse_paragraphs
    from jobdesc.library.importer.paragraphs import join_lines
    from jobdesc.library.importer.parser import starts_block

    paragraphs = join_lines(text.splitlines(), lambda line: starts_block(line, "ru"))
    return main_document(parse_paragraphs(paragraphs, "ru"), "text")


def test_a_rebuild_of_the_set_gives_the_committed_gold_files(tmp_path, monkeypatch):
    sys.path.insert(0, str(EVAL))
    try:
        import build
        import specs
    finally:
        sys.path.remove(str(EVAL))
    for spec in specs.SPECS:
        for fmt, layout in build.PLAN[spec.name]:
            stem = f"{spec.name}{'_' + layout if layout else ''}.{fmt}"
            committed = json.loads((EVAL / f"{stem}.gold.json").read_text(encoding="utf-8"))
            assert committed == build.gold(spec), stem
            assert (EVAL / stem).read_bytes() == build.render(spec, fmt, layout), stem
