"""E-mails about the workflow, sent after the step's transaction has committed (never for a rolled-back step)."""

from functools import partial

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from jobdesc.accounts.models import User
from jobdesc.accounts.roles import Role


def after_commit(function, *args):
    transaction.on_commit(partial(function, *args))


def _link(version):
    return settings.SITE_URL.rstrip("/") + reverse("instructions:version", args=[version.pk])


def _send(recipients, subject, body):
    addresses = sorted({user.email for user in recipients if user.email})
    if addresses:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, addresses)


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
    )


def returned(version, by, comment):
    recipients = [user for user in (version.submitted_by, version.created_by) if user is not None]
    _send(
        recipients,
        _("Returned for changes: %(title)s") % {"title": _title(version)},
        _("%(person)s returned %(title)s with the comment: %(comment)s\n%(link)s")
        % {
            "person": by.get_full_name() or by.username,
            "title": _title(version),
            "comment": comment,
            "link": _link(version),
        },
    )


def approved(version):
    recipients = [user for user in (version.submitted_by, version.created_by) if user is not None]
    _send(
        recipients,
        _("Approved: %(title)s") % {"title": _title(version)},
        _("%(title)s is approved and in force from %(date)s: %(link)s")
        % {"title": _title(version), "date": version.effective_date.strftime("%d.%m.%Y"), "link": _link(version)},
    )
