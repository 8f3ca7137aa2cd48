"""Ways to start a draft: empty skeleton, a suggested library set, a copy, or an imported file."""

from django.utils.translation import gettext as _

from jobdesc.library.importer import ImporterError, parse_upload
from jobdesc.library.suggestions import Suggestion, suggest

from .errors import WorkflowError
from .models import Item, Status
from .services import start_draft


def start_from_form(*, position, user, data):
    method = data["method"]
    if method == "empty":
        return start_draft(position=position, user=user)
    if method == "library":
        return start_library_draft(position=position, user=user)
    if method == "copy":
        return start_draft(position=position, user=user, sections=sections_of(data["source_position"]))
    if method == "import":
        return _import(position=position, user=user, upload=data["file"])
    raise WorkflowError(_("Unknown way to start a draft."))


def position_suggestion(position, language: str | None = None) -> Suggestion:
    """What the library suggests for the position, from its title, category, department and manager."""
    organisation = position.organisation
    return suggest(
        organisation=organisation,
        title=position.title,
        category=position.category,
        department=position.department.name if position.department_id else "",
        reports_to=position.reports_to.title if position.reports_to_id else "",
        head_position=organisation.head_position,
        language=language or organisation.language,
    )


def suggested_clause_ids(position) -> list[int]:
    """The library clauses a new instruction of the position starts with, section by section."""
    return position_suggestion(position).clause_ids()


def start_library_draft(*, position, user):
    """A draft of the suggested clauses; the sections HR must write themselves are there, empty.

    The editor shows such a section's note and offers the library's nearest clauses
    (`offered_clauses`) without inserting them.
    """
    suggestion = position_suggestion(position)
    return start_draft(
        position=position, user=user, clause_ids=suggestion.clause_ids(), empty_sections=suggestion.flagged()
    )


def sections_of(source_position):
    """The content of another position's latest version (the one in force if there is one)."""
    versions = source_position.instruction.versions
    version = versions.filter(status=Status.APPROVED).first() or versions.order_by("-number").first()
    if version is None:
        raise WorkflowError(_("That position has no instruction to copy."))
    items = Item.objects.filter(section__version=version, parent=None).select_related("section__kind")
    grouped = {}
    for item in items.order_by("section__order", "order"):
        grouped.setdefault((item.section.kind.code, item.section.heading), []).append(item.text)
    return [(code, heading, texts) for (code, heading), texts in grouped.items()]


def _import(*, position, user, upload):
    try:
        document = parse_upload(upload, language=position.organisation.language)
    except ImporterError as error:
        raise WorkflowError(str(error)) from error
    return start_draft(
        position=position,
        user=user,
        language=document.language,
        sections=[(kind, "", clauses) for kind, _heading, clauses in document.as_draft_sections()],
    )
