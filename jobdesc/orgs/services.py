"""Writes to an organisation's structure; positions keep their grammatical forms up to date."""

from jobdesc.grammar.inflect import declensions

from .models import Position


def refresh_declensions(position: Position) -> None:
    """Recompute the title's case forms; hand-made overrides are kept and still win."""
    position.declensions = declensions(position.title)


def save_position(position: Position) -> Position:
    """Validate and save a position (new or changed), with its case forms computed from the title."""
    refresh_declensions(position)
    position.full_clean()
    position.save()
    return position
