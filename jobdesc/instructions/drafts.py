"""Ways to start a draft: empty skeleton, a suggested library set, a copy, or an imported file."""

import re
from collections import Counter

from django.db.models import Count
from django.utils.translation import gettext as _

from jobdesc.grammar.inflect import morph
from jobdesc.library.importer import ImporterError, parse_upload
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
# A suggestion is a starting point to prune, not the whole library: the first clauses of each section.
SUGGESTED_PER_SECTION = 12


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
    name the source documents' positions (for example «менеджер-по-работе-с-клиентами»). The clauses
    come from that position's largest source document, at most SUGGESTED_PER_SECTION per section, and
    clauses stating another category than the position's are left out.
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
        related = list(clauses.filter(tags=scored[0][2]).select_related("section").order_by("section__order", "pk"))
        # One source document reads as one instruction; several merged would repeat each other.
        sources = Counter(clause.source for clause in related)
        main_source = sources.most_common(1)[0][0]
        chosen = [clause for clause in related if clause.source == main_source]
        covered = {clause.section.code for clause in chosen}
        chosen += [clause for clause in related if clause.section.code not in covered]
    covered = {clause.section.code for clause in chosen}
    for code in MANDATORY_CODES:
        if code not in covered:
            filler = clauses.filter(section__code=code).select_related("section").order_by("pk")
            chosen += list(filler[:FILLER_PER_SECTION])
    other_categories = [stem for category, stem in CATEGORY_STEMS.items() if category != position.category]
    per_section, picked = {}, []
    for clause in chosen:
        text = clause.text.lower()
        if "категори" in text and any(stem in text for stem in other_categories):
            continue
        count = per_section.get(clause.section.code, 0)
        if count < SUGGESTED_PER_SECTION:
            per_section[clause.section.code] = count + 1
            picked.append(clause.pk)
    return picked


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
