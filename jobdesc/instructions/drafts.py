"""Ways to start a draft: empty skeleton, a suggested library set, a copy, or an imported file."""

import re

from django.db.models import Count
from django.utils.translation import gettext as _

from jobdesc.grammar.inflect import morph
from jobdesc.library.models import Clause, Tag
from jobdesc.library.sections import MANDATORY_CODES
from jobdesc.orgs.models import Category

from .errors import WorkflowError
from .models import Item, Status
from .services import start_draft

# Words by which a clause states the position's category; a clause naming another category is left out.
CATEGORY_STEMS = {
    Category.MANAGERS: "руководител",
    Category.SPECIALISTS: "специалист",
    Category.TECHNICAL: "технических исполнител",
    Category.WORKERS: "рабоч",
}
FILLER_PER_SECTION = 6


def start_from_form(*, position, user, data):
    method = data["method"]
    if method == "empty":
        return start_draft(position=position, user=user)
    if method == "library":
        return start_draft(position=position, user=user, clause_ids=suggested_clause_ids(position))
    if method == "copy":
        return start_draft(position=position, user=user, sections=sections_of(data["source_position"]))
    if method == "import":
        return _import(position=position, user=user, upload=data["file"])
    raise WorkflowError(_("Unknown way to start a draft."))


def _lemmas(text):
    analyzer = morph()
    return {analyzer.parse(word)[0].normal_form for word in re.findall(r"[А-Яа-яЁёA-Za-z]{3,}", text)}


def suggested_clause_ids(position) -> list[int]:
    """The library's clauses for the most similar source position, topped up for empty mandatory sections.

    Similarity is the overlap of the lemmas of the position's title with those of the tag names, which
    name the source documents' positions (for example «менеджер-по-работе-с-клиентами»).
    """
    organisation = position.organisation
    language = organisation.language
    clauses = Clause.objects.visible_to(organisation).active().filter(language=language)
    title = _lemmas(position.title)
    tags = Tag.objects.filter(clauses__in=clauses).annotate(n=Count("clauses")).distinct()
    scored = sorted(
        ((len(title & _lemmas(tag.name.replace("-", " "))), tag.n, tag.pk) for tag in tags),
        reverse=True,
    )
    chosen = []
    if scored and scored[0][0] > 0:
        chosen = list(clauses.filter(tags=scored[0][2]).select_related("section").order_by("section__order", "pk"))
    covered = {clause.section.code for clause in chosen}
    for code in MANDATORY_CODES:
        if code not in covered:
            chosen += list(
                clauses.filter(section__code=code).select_related("section").order_by("pk")[:FILLER_PER_SECTION]
            )
    other_categories = [stem for category, stem in CATEGORY_STEMS.items() if category != position.category]
    return [
        clause.pk
        for clause in chosen
        if not ("категори" in clause.text.lower() and any(stem in clause.text.lower() for stem in other_categories))
    ]


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
    from jobdesc.library.importer import ImportError_, parse_upload

    try:
        document = parse_upload(upload, language=position.organisation.language)
    except ImportError_ as error:
        raise WorkflowError(str(error)) from error
    return start_draft(
        position=position,
        user=user,
        language=document["language"],
        sections=[(s["kind"], "", s["clauses"]) for s in document["sections"]],
    )
