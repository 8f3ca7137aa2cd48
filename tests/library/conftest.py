"""Fixtures of the library tests: the seed documents, the hand-made import files and a small library."""

from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from jobdesc.library.models import Clause, SectionKind, Tag

# Beside the repository (../shared/seeds) unless JOBDESC_SEEDS names another folder.
SEEDS = Path(settings.SEEDS_DIR)
IMPORTS = Path(__file__).resolve().parent.parent / "fixtures_import"
NO_SEEDS = f"the seed documents are not at {SEEDS} (set JOBDESC_SEEDS to the folder that holds them)"


@pytest.fixture
def seeds():
    if not SEEDS.is_dir():
        pytest.skip(NO_SEEDS)
    return SEEDS


def seed(name_start: str) -> Path:
    if not SEEDS.is_dir():
        pytest.skip(NO_SEEDS)
    return next(SEEDS.glob(f"{name_start}_*.txt"))


@pytest.fixture
def postgresql(db):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (run with DATABASE_URL=postgres://…)")


@pytest.fixture
def shared_clause(db):
    clause = Clause.objects.create(
        section=SectionKind.objects.get(code="rights"),
        text="Запрашивать информацию, необходимую для выполнения своих обязанностей.",
        source="004_b98b6384fc5f5fab.txt",
    )
    clause.tags.add(Tag.objects.create(name="менеджер-по-продажам"))
    return clause


@pytest.fixture
def own_clause(organisation):
    return Clause.objects.create(
        organisation=organisation,
        section=SectionKind.objects.get(code="duties"),
        text="Консультирует клиентов по ассортименту и ценам.",
    )


@pytest.fixture
def foreign_clause(other_organisation):
    return Clause.objects.create(
        organisation=other_organisation,
        section=SectionKind.objects.get(code="duties"),
        text="Ведёт тайную бухгалтерию конкурента.",
    )


@pytest.fixture(autouse=True)
def vectors_stored_in_this_test_only():
    """Each test's database starts empty, so what the process remembers having stored is forgotten too."""
    from jobdesc.library import similarity

    similarity._stored.clear()
    similarity._matrices.clear()
    similarity._scopes.clear()
