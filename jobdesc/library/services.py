"""Writes to the clause library: add, retire and restore an organisation's own clause.

An edit, which may reach the instructions carrying the clause, is `propagation.edit_clause`
(`jobdesc/instructions/propagation/services.py`).
"""

from . import similarity
from .models import Clause


def add_clause(*, form) -> Clause:
    """Save the organisation's new clause from its valid `ClauseForm` and store its meaning for the search."""
    clause = form.save()
    similarity.store_vector(clause)
    return clause


def retire_clause(*, clause: Clause) -> Clause:
    """No longer offered; the instructions that use it keep their own text."""
    return _set_active(clause, False)


def restore_clause(*, clause: Clause) -> Clause:
    return _set_active(clause, True)


def _set_active(clause, active):
    clause.is_active = active
    clause.save(update_fields=["is_active", "updated_at"])
    return clause
