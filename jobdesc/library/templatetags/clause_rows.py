"""The rows of the library's clause list rendered in Python (see `jobdesc.rows`): one format string a row,
every text escaped, labels translated once a page, the same markup the template wrote row by row."""

from urllib.parse import quote

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from jobdesc.orgs.models import Category
from jobdesc.rows import NO_VALUE, escape, url_of

register = template.Library()

CLAUSE_ROW = (
    "\n    <tr{muted}>\n"
    "      <td>\n"
    '        <a href="{url}" class="text-reset text-decoration-none">{text}</a>\n'
    "        {own}\n"
    "        {standard}\n"
    "        {retired}\n"
    "      </td>\n"
    '      <td class="small">{section} <span class="text-muted">{language}</span></td>\n'
    '      <td class="small">{fits}<br><span class="text-muted">{categories}</span></td>\n'
    '      <td class="small">{tags}</td>\n'
    '      <td class="small text-muted">{source}</td>\n'
    '      <td class="text-end">{uses}</td>\n'
    "    </tr>\n  "
)
TAG = '<a href="?tag={query}" class="badge text-bg-light text-decoration-none">{name}</a> '


@register.simple_tag
def clause_rows(clauses, tags, uses):
    """The list's rows of `clauses` (a page of `search.library_clauses`); `tags` holds each clause's tag names
    (`search.tag_names`), `uses` how many items of the organisation's instructions came from each clause used
    (`use_counts` of the instructions' side)."""
    detail_url = url_of("library:detail")
    own = f'<span class="badge text-bg-info">{escape(_("own"))}</span>'
    standard = f'<span class="badge text-bg-success">{escape(_("standard"))}</span>'
    retired = f'<span class="badge text-bg-secondary">{escape(_("retired"))}</span>'
    any_post = escape(_("any post"))
    categories = {category.value: escape(category.label) for category in Category}
    language = get_language()
    return mark_safe(
        "".join(
            CLAUSE_ROW.format(
                muted="" if clause.is_active else ' class="text-muted"',
                url=detail_url(clause.pk),
                text=escape(clause.text),
                own=own if clause.organisation_id else "",
                standard=standard if clause.standard else "",
                retired="" if clause.is_active else retired,
                section=escape(clause.section.title(language)),
                language=escape(clause.language),
                fits=any_post if clause.is_general else escape(clause.profession),
                categories=", ".join(categories[category] for category in clause.categories),
                tags="".join(
                    TAG.format(query=escape(quote(name, safe="/")), name=escape(name)) for name in tags[clause.pk]
                ),
                source=escape(clause.source or NO_VALUE),
                uses=uses.get(clause.pk, 0),
            )
            for clause in clauses
        )
    )
