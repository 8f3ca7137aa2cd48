"""The importer on every seed page: the sample instructions come out whole, sorted by section, without noise."""

import pytest

from jobdesc.library.importer import parse_file
from jobdesc.library.importer.vocabulary import NOISE_RE

from .conftest import seed


def samples(name_start):
    return [document for document in parse_file(seed(name_start)) if document.sample]


def counts(document):
    return {section.kind: len(section.clauses) for section in document.sections()}


def clauses_of(document, kind):
    return next(section.clauses for section in document.sections() if section.kind == kind)


def test_the_after_sales_manager_comes_out_with_every_section_of_the_sample():
    document = samples("004")[0]
    assert document.title == "Менеджер по послепродажному обслуживанию"
    assert document.language == "ru"
    assert counts(document) == {
        "general": 5,
        "qualification": 3,
        "knowledge": 12,
        "subordination": 4,
        "duties": 16,
        "rights": 10,
        "responsibility": 3,
        "working_conditions": 2,
        "final": 3,
    }


def test_clause_numbers_are_stripped_and_lead_ins_are_not_clauses():
    document = samples("004")[0]
    rights = clauses_of(document, "rights")
    assert rights[0].startswith("Представлять интересы предприятия")
    assert not any(clause.endswith("имеет право:") for clause in rights)
    assert clauses_of(document, "duties")[15].startswith("Организует работу подчиненных работников")


def test_a_table_like_layout_becomes_one_clause_per_row():
    subordination = clauses_of(samples("004")[0], "subordination")
    assert subordination[:2] == [
        "Прямое подчинение: начальнику отдела продаж",
        "Дополнительное подчинение: директору предприятия",
    ]


def test_knowledge_listed_under_qualification_goes_to_knowledge():
    document = samples("004")[0]
    assert clauses_of(document, "knowledge")[1] == "Договорное право."
    assert "Договорное право." not in clauses_of(document, "qualification")


def test_headings_keep_the_position_named_in_them():
    headings = {section.kind: section.heading for section in samples("004")[0].sections()}
    assert headings["rights"] == "Права менеджера по послепродажному обслуживанию"


def test_the_roman_numbered_version_of_the_after_sales_manager_is_found_too():
    assert counts(samples("004")[1]) == {"general": 2, "knowledge": 12, "duties": 16, "rights": 10, "responsibility": 3}


def test_the_client_manager_sample_puts_subordination_and_qualification_where_they_belong():
    document = samples("004")[2]
    assert document.title == "Менеджер по работе с клиентами"
    assert counts(document) == {
        "general": 3,
        "qualification": 1,
        "knowledge": 16,
        "subordination": 1,
        "duties": 16,
        "rights": 11,
        "responsibility": 3,
    }
    assert clauses_of(document, "subordination")[0].startswith("Менеджер по работе с клиентами относится к категории")


def test_evaluation_criteria_are_their_own_section():
    evaluation = clauses_of(samples("004")[4], "evaluation")
    assert len(evaluation) == 8
    assert evaluation[0].startswith("Поступательное увеличение торгового оборота")


def test_the_estonian_sample_is_read_in_estonian():
    (document,) = samples("003")
    assert document.language == "et"
    assert counts(document) == {"general": 2, "knowledge": 11, "duties": 13, "rights": 6, "responsibility": 3}
    assert [section.heading for section in document.sections()] == [
        "Üldsätted",
        "",
        "Töökohustused",
        "Õigused",
        "Vastutus",
    ]


def test_the_head_of_client_department_keeps_numbered_sub_items():
    document = samples("001")[0]
    assert counts(document) == {"general": 2, "qualification": 1, "knowledge": 13, "duties": 28}
    duties = clauses_of(document, "duties")
    assert duties[0].endswith("по следующим направлениям:")
    assert duties[1] == "приему обработке телефонных звонков клиентов;"


def test_hard_wrapped_lines_are_joined_back_into_sentences():
    document = samples("002")[0]
    assert counts(document) == {
        "general": 38,
        "qualification": 1,
        "knowledge": 1,
        "skills": 1,
        "subordination": 1,
        "functions": 1,
        "duties": 9,
        "rights": 5,
        "responsibility": 8,
    }
    assert clauses_of(document, "subordination")[0].startswith(
        "Специалист подчиняется непосредственно главному специалисту сектора по работе с клиентами «Одно окно»"
    )


def test_glued_clauses_are_split_and_their_numbers_dropped():
    document = samples("000")[1]
    assert document.title == "Менеджер по развитию"
    duties = clauses_of(samples("000")[0], "duties")
    assert len(duties) == 20
    assert duties[:2] == [
        "Проверьте целостность продаваемой продукции.",
        "Проверять соответствие реализуемой продукции заявленным характеристикам.",
    ]
    assert duties[8] == "Составить предложения для партнеров."


@pytest.mark.parametrize("name_start", ["000", "001", "002", "003", "004"])
def test_no_advert_navigation_or_comment_reaches_a_document(name_start):
    for document in parse_file(seed(name_start)):
        for section in document.sections():
            for clause in section.clauses:
                assert not NOISE_RE.search(clause), clause
                assert "Оцените статью" not in clause and "Читайте" not in clause


def test_article_lists_of_duties_are_kept_apart_from_the_sample_instructions():
    documents = parse_file(seed("004"))
    listed = [clause.text for document in documents if not document.sample for clause in document.clauses]
    sampled = [clause.text for document in documents if document.sample for clause in document.clauses]
    assert "консультирование клиентов;" in listed
    assert "консультирование клиентов;" not in sampled
