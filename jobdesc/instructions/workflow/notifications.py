"""E-mails about the workflow, written into the outbox in the step's transaction (none for a rolled-back step)."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from jobdesc.accounts.models import User
from jobdesc.accounts.roles import Role
from jobdesc.outbox import services as outbox


def _link(version):
    return settings.SITE_URL.rstrip("/") + reverse("instructions:version", args=[version.pk])


def _send(recipients, subject, body, version, kind):
    outbox.send(
        to=recipients,
        subject=subject,
        body=body,
        organisation=version.instruction.organisation_id,
        link=_link(version),
        kind=kind,
    )


def _title(version):
    return _("the instruction «%(position)s», version %(number)s") % {
        "position": version.instruction.position.title,
        "number": version.number,
    }


def agreement_requested(version, officials):
    _send(
        officials,
        _("Agreement requested: %(title)s") % {"title": _title(version)},
        _("Please agree or return %(title)s: %(link)s") % {"title": _title(version), "link": _link(version)},
        version,
        "agreement_requested",
    )


def approval_requested(version):
    approvers = User.objects.filter(
        organisation_id=version.instruction.organisation_id, groups__name=Role.APPROVER.value, is_active=True
    )
    _send(
        approvers,
        _("Approval requested: %(title)s") % {"title": _title(version)},
        _("All visas are given. Please approve or return %(title)s: %(link)s")
        % {"title": _title(version), "link": _link(version)},
        version,
        "approval_requested",
    )


def returned(version, by, comment):
    recipients = [user for user in (version.submitted_by, version.created_by) if user is not None]
    _send(
        recipients,
        _("Returned for changes: %(title)s") % {"title": _title(version)},
        _("%(person)s returned %(title)s with the comment: %(comment)s\n%(link)s")
        % {
            "person": by.display_name,
            "title": _title(version),
            "comment": comment,
            "link": _link(version),
        },
        version,
        "returned",
    )


def approved(version):
    recipients = [user for user in (version.submitted_by, version.created_by) if user is not None]
    _send(
        recipients,
        _("Approved: %(title)s") % {"title": _title(version)},
        _("%(title)s is approved and in force from %(date)s: %(link)s")
        % {"title": _title(version), "date": version.effective_date.strftime("%d.%m.%Y"), "link": _link(version)},
        version,
        "approved",
    )


def signature_subject(version):
    return _("Please read and sign: %(position)s") % {"position": version.instruction.position.title}


def signature_requested(version, users, *, due_date=None):
    """Each employee asked to sign `version` (on approval, on joining the position) is told by e-mail, in one insert."""
    link = settings.SITE_URL.rstrip("/") + reverse("instructions:my_instructions")
    position = version.instruction.position.title
    body = _("«%(position)s», version %(number)s, is in force. Please read it and sign that you have: %(link)s") % {
        "position": position,
        "number": version.number,
        "link": link,
    }
    if due_date:
        body += "\n" + _("Please sign by %(date)s.") % {"date": due_date.strftime("%d.%m.%Y")}
    return outbox.send(
        to=users,
        subject=signature_subject(version),
        body=body,
        organisation=version.instruction.organisation_id,
        link=link,
        kind="signature_requested",
    )
