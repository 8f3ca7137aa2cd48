"""The rows of HR's signatures dashboard and of the registry journal, rendered in Python (see `jobdesc.rows`).

Each row is one format string filled with the columns the view reads with `values()`, every text escaped,
labels translated once a page: the same markup the template wrote row by row, at a fraction of the cost.
"""

from django import template
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from jobdesc.instructions.models import OPEN_ACK_STATUSES, AckStatus, Status
from jobdesc.rows import NO_VALUE, Escaped, day, escape, minute, options, person, url_of

register = template.Library()
register.simple_tag(options)


@register.simple_tag
def ack_rows(rows):
    """The dashboard's rows of requests, each a dict of the columns `acknowledgements.DASHBOARD_ROW` names."""
    remind, version_word, signed_word = escape(_("Remind")), escape(_("version")), escape(_("signed"))
    labels = {status.value: (escape(status.label), status.outcome_tone) for status in AckStatus}
    zone = timezone.get_current_timezone()
    names = Escaped()
    html = []
    for ack in rows:
        status, pk = ack["status"], ack["pk"]
        label, tone = labels[status]
        employee = escape(ack["employee__full_name"])
        if status == AckStatus.SIGNED:
            when, fingerprint = minute(ack["signed_at"], zone), escape(ack["pdf_sha256"][:12])
            state = f'<span class="text-{tone}">{signed_word} {when}</span> <code>{fingerprint}</code>'
        elif status == AckStatus.PAPER:
            state = f'<span class="text-{tone}">{label} {day(ack["paper_signed_on"], zone)}</span>'
        else:
            state = f'<span class="text-{tone}">{label}</span>'
        if status in OPEN_ACK_STATUSES:
            tick = (
                f'<input class="form-check-input" type="checkbox" name="ack" value="{pk}" '
                f'aria-label="{remind} {employee}">'
            )
            button = (
                f'<button class="btn btn-sm btn-outline-primary" type="submit" name="ack" value="{pk}">'
                f"{remind}</button>"
            )
        else:
            tick = button = ""
        reminded = f"{ack['reminders']} · {day(ack['reminded_at'], zone)}" if ack["reminders"] else NO_VALUE
        department = names[ack["employee__position__department__name"] or NO_VALUE]
        position = names[ack["version__instruction__position__title"]]
        html.append(
            f'\n  <tr class="ack-{escape(status)}">\n'
            f"    <td>{tick}</td>\n"
            f"    <td>{employee}</td>\n"
            f"    <td>{department}</td>\n"
            f"    <td>{position}, {version_word} {ack['version__number']}</td>\n"
            f"    <td>{state}</td>\n"
            f"    <td>{day(ack['requested_at'], zone)}</td>\n"
            f"    <td>{reminded}</td>\n"
            f"    <td>{button}</td>\n"
            "  </tr>\n  "
        )
    return mark_safe("".join(html))


TOTALS_ROW = (
    '<tr><td><a href="?position={position_id}">{position}</a>, {version_word} {version}</td>'
    '<td class="text-end">{signed}</td><td class="text-end">{pending}</td></tr>'
)


@register.simple_tag
def ack_totals_rows(totals):
    """The dashboard's table of signed and waiting requests per instruction (`acknowledgements.dashboard`)."""
    version_word = escape(_("version"))
    return mark_safe(
        "".join(
            TOTALS_ROW.format(
                position_id=total["version__instruction__position_id"],
                position=escape(total["version__instruction__position__title"]),
                version_word=version_word,
                version=total["version__number"],
                signed=total["signed"],
                pending=total["pending"],
            )
            for total in totals
        )
    )


@register.simple_tag
def journal_rows(rows):
    """The journal's rows, each a dict of the columns `journal.JOURNAL_ROW` names."""
    version_url = url_of("instructions:version")
    labels = {status.value: escape(status.label) for status in Status}
    zone = timezone.get_current_timezone()
    names = Escaped()
    html = []
    for entry in rows:
        approved_by = person(
            entry["version__approved_by__first_name"],
            entry["version__approved_by__last_name"],
            entry["version__approved_by__username"],
        )
        ended = day(entry["version__superseded_at"], zone) or day(entry["version__withdrawn_at"], zone) or NO_VALUE
        position = names[entry["version__instruction__position__title"]]
        department = names[entry["version__instruction__position__department__name"] or NO_VALUE]
        html.append(
            f"\n    <tr><td>{entry['number']}</td><td>{day(entry['registered_on'], zone)}</td>"
            f'<td><a href="{version_url(entry["version_id"])}">{position}</a></td><td>{department}</td>'
            f"<td>{entry['version__number']}</td><td>{names[approved_by]}</td>"
            f"<td>{day(entry['version__effective_date'], zone)}</td><td>{labels[entry['version__status']]}</td>"
            f"<td>{ended}</td></tr>\n  "
        )
    return mark_safe("".join(html))
