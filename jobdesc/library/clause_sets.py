"""The team's clause sets for every category of post (`clause_sets.toml`), as clauses of the shared library."""

import tomllib
from pathlib import Path

from django.utils.translation import gettext as _

from jobdesc.grammar.placeholders import errors as placeholder_errors
from jobdesc.languages import Language

from .sections import SECTION_CODES

CLAUSE_SETS_FILE = Path(__file__).with_name("clause_sets.toml")
CATEGORIES = ("managers", "specialists", "technical", "workers")
SOURCE = "clause_sets.toml"
TAG = "типовые-пункты"


class ClauseSetError(Exception):
    """The clause sets file is not what the build expects: an unknown section, category or lead-in."""


def load(path=CLAUSE_SETS_FILE) -> list[dict]:
    with open(path, "rb") as handle:
        entries = tomllib.load(handle).get("clause", [])
    ids = set()
    for number, entry in enumerate(entries, start=1):
        where = _("entry %(number)d of %(file)s") % {"number": number, "file": Path(path).name}
        if entry.get("section") not in SECTION_CODES:
            raise ClauseSetError(
                _("Unknown section «%(code)s» in %(where)s.") % {"code": entry.get("section"), "where": where}
            )
        categories = _categories(entry)
        if not categories or set(categories) - set(CATEGORIES):
            raise ClauseSetError(_("Unknown or no categories in %(where)s.") % {"where": where})
        for language in Language.values:
            text = entry.get(language, "").strip()
            if not text:
                raise ClauseSetError(_("No %(language)s text in %(where)s.") % {"language": language, "where": where})
            problems = placeholder_errors(text)
            if problems:
                raise ClauseSetError(f"{where}: {'; '.join(problems)}")
        if entry.get("under") and entry["under"] not in ids:
            raise ClauseSetError(
                _("%(where)s is listed under «%(id)s», which no earlier entry names.")
                % {"where": where, "id": entry["under"]}
            )
        if entry.get("id"):
            ids.add(entry["id"])
    return entries


def _categories(entry: dict) -> list[str]:
    categories = entry.get("categories", [])
    return list(CATEGORIES) if categories == "all" else list(categories)


def library_clauses(path=CLAUSE_SETS_FILE) -> list:
    """Two standard clauses of the shared library per entry, Russian and Estonian, fitting any post."""
    # Imported here: curation imports this module.
    from .curation import LibraryClause

    result = []
    for language in Language.values:
        for entry in load(path):
            result.append(
                LibraryClause(
                    section=entry["section"],
                    language=language,
                    text=" ".join(entry[language].split()),
                    source=SOURCE,
                    tags=[TAG, language],
                    categories=_categories(entry),
                    standard=True,
                    key=entry.get("id", ""),
                    under=entry.get("under", ""),
                )
            )
    return result
