"""Invitations: HR invites people to log in; a person accepts their own and only then is their login linked.

The rules (jobdesc/accounts/README.md, «Who is linked to an employee record»):
- HR never picks a login for an employee record. Inviting a record creates the person's account, inactive
  and without a password, or names their existing one (same e-mail, same ФИО).
- The account becomes active and is linked to the invited records only when the person accepts: sets their
  own password through the one-time link, or signs in through the organisation's directory with the
  invited e-mail. An existing account confirms with its password.
- A record whose login has signed is never unlinked; every link, unlink, invitation and role is in the history.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.http import base36_to_int
from django.utils.translation import gettext as _

from jobdesc.accounts.models import EventKind, User
from jobdesc.accounts.roles import Role
from jobdesc.accounts.services import grant_role, record
from jobdesc.grammar.people import split_full_name
from jobdesc.outbox import letters

from .models import Employee, Invitation, InvitationStatus, Organisation
from .signals import record_bound_by_signature


class InvitationError(Exception):
    """An invitation step the rules refuse; the message is for the user."""


class InvitationTokens(PasswordResetTokenGenerator):
    """Django's password-reset tokens, made for an invitation: any change to it or its account spends the link.

    The hash covers the invitation's state and how often it was sent (a resent e-mail spends the older
    link) and the account's password and activity (accepting spends it). The invitation's own expiry
    date, not PASSWORD_RESET_TIMEOUT, decides how long the link lives.
    """

    key_salt = "jobdesc.orgs.invitations.InvitationTokens"

    def _make_hash_value(self, invitation, timestamp):
        user = invitation.user
        return (
            f"{invitation.pk}:{invitation.status}:{invitation.send_count}:{invitation.expires_at.timestamp()}:"
            f"{user.pk}:{user.password}:{user.is_active}:{timestamp}"
        )

    def check_token(self, invitation, token):
        if not (invitation and token) or invitation.status != InvitationStatus.PENDING or invitation.is_expired:
            return False
        try:
            timestamp = base36_to_int(token.split("-")[0])
        except ValueError:
            return False
        return any(
            constant_time_compare(self._make_token_with_timestamp(invitation, timestamp, secret), token)
            for secret in [self.secret, *self.secret_fallbacks]
        )


tokens = InvitationTokens()


def acceptance_url(invitation) -> str:
    return letters.absolute_url(reverse("accept_invitation", args=[invitation.pk, tokens.make_token(invitation)]))


def same_person(first: str, second: str) -> bool:
    """Two spellings of one ФИО: case, «ё» and spacing do not matter."""

    def key(name):
        return " ".join(name.casefold().replace("ё", "е").split())

    return key(first) == key(second)


# Roles that act on other people's records or documents: their logins never sign for another person.
OFFICE_ROLES = (Role.HR, Role.AGREEING, Role.APPROVER, Role.ADMIN)


def is_privileged(user) -> bool:
    return any(user.has_role(role) for role in OFFICE_ROLES)


def is_own_record(user, employee) -> bool:
    """Whether `employee` is the record of the person who holds `user` (an office login's only records)."""
    return not is_privileged(user) or same_person(_account_name(user), _account_name_of(employee.full_name))


def _account_name(user) -> str:
    return f"{user.last_name} {user.first_name}".strip()


def _unique_username(email: str) -> str:
    base = email.lower()[:140]
    candidate, number = base, 1
    while User.objects.filter(username__iexact=candidate).exists():
        number += 1
        candidate = f"{base}-{number}"
    return candidate


@dataclass
class InviteOutcome:
    """What inviting a selection did: the invitations sent and, per skipped record, why."""

    invitations: list = field(default_factory=list)
    skipped: list = field(default_factory=list)  # (employee, reason)


def _send(invitation, *, again=False):
    letters.send(
        to=invitation.email,
        language=invitation.user.interface_language,
        template="invitation",
        organisation=invitation.organisation,
        context={
            "invitation": invitation,
            # Not `display_name`: a nameless invitee is greeted by the address the letter goes to, not by a
            # login they have not seen yet.
            "name": invitation.user.get_full_name() or invitation.email,
            "username": invitation.user.username,
            "link": acceptance_url(invitation),
            "again": again,
            "expires": timezone.localtime(invitation.expires_at),
            "has_password": invitation.user.is_active,
            "directory": invitation.organisation.ldap_login or invitation.organisation.oidc_login,
        },
    )


def _open_invitation(*, organisation, user, email, by, employees) -> Invitation:
    now = timezone.now()
    invitation = Invitation.objects.create(
        organisation=organisation,
        user=user,
        email=email,
        invited_by=by,
        sent_at=now,
        expires_at=Invitation.expiry_from(now),
    )
    invitation.employees.set(employees)
    names = ", ".join(employee.personnel_number or employee.full_name for employee in employees)
    record(organisation=organisation, kind=EventKind.INVITED, actor=by, user=user, detail=names)
    _send(invitation)
    return invitation


def _new_account(*, organisation, email, full_name) -> User:
    surname, first_name, _patronymic = split_full_name(full_name)
    user = User(
        username=_unique_username(email),
        email=email,
        organisation=organisation,
        last_name=surname[:150],
        first_name=first_name[:150],
        is_active=False,
    )
    user.set_unusable_password()
    user.save()
    return user


@transaction.atomic
def invite(*, organisation: Organisation, employee_ids, by: User) -> InviteOutcome:
    """Invite the people of the chosen employee records: one invitation per person (per e-mail)."""
    if not by.is_hr or by.organisation_id != organisation.pk:
        raise InvitationError(_("Only an HR officer invites employees."))
    outcome = InviteOutcome()
    chosen = list(
        Employee.objects.for_organisation(organisation).filter(pk__in=list(employee_ids)).order_by("full_name", "pk")
    )
    groups = defaultdict(list)
    for employee in chosen:
        if employee.user_id:
            outcome.skipped.append((employee, _("already has a login")))
        elif employee.dismissal_date:
            outcome.skipped.append((employee, _("dismissed")))
        elif not employee.email:
            outcome.skipped.append((employee, _("no e-mail")))
        else:
            groups[employee.email.lower()].append(employee)
    if not groups:
        return outcome
    # Everyone of the organisation with these e-mails, to invite a person for all of their records at once.
    kin = defaultdict(list)
    for employee in Employee.objects.for_organisation(organisation).current().filter(email__in=list(groups)):
        kin[employee.email.lower()].append(employee)
    accounts = {user.email: user for user in User.objects.filter(organisation=organisation, email__in=list(groups))}
    for email, employees in groups.items():
        name = employees[0].full_name
        others = [e for e in kin[email] if not same_person(e.full_name, name)]
        if others:
            reason = _("the e-mail %(email)s is also given to %(name)s") % {"email": email, "name": others[0].full_name}
            outcome.skipped.extend((employee, reason) for employee in employees)
            continue
        records = [e for e in kin[email] if e.user_id is None] or employees
        account = accounts.get(email)
        if account is not None and not same_person(_account_name(account), _account_name_of(name)):
            reason = _("the login with this e-mail belongs to %(name)s") % {"name": account.get_full_name()}
            outcome.skipped.extend((employee, reason) for employee in employees)
            continue
        pending = None
        if account is None:
            account = _new_account(organisation=organisation, email=email, full_name=name)
        else:
            pending = Invitation.objects.pending().filter(user=account).first()
        if pending is not None:
            pending.employees.add(*records)
            outcome.invitations.append(_resend(pending, by=by))
        else:
            outcome.invitations.append(
                _open_invitation(organisation=organisation, user=account, email=email, by=by, employees=records)
            )
    return outcome


def _account_name_of(full_name: str) -> str:
    surname, first_name, _patronymic = split_full_name(full_name)
    return f"{surname} {first_name}".strip()


@transaction.atomic
def invite_administrator(
    *, organisation: Organisation, full_name: str, email: str, also_hr: bool, by: User
) -> Invitation | None:
    """A superuser invites an organisation's administrator (its first one, or a new one); the roles wait for them."""
    if not by.is_superuser or not by.is_active:
        raise InvitationError(_("Only a superuser invites an organisation's administrator."))
    email = email.strip().lower()
    account = User.objects.filter(organisation=organisation, email=email).first()
    if account is None:
        account = _new_account(organisation=organisation, email=email, full_name=full_name)
    elif not same_person(_account_name(account), _account_name_of(full_name)):
        raise InvitationError(_("The login with this e-mail belongs to %(name)s.") % {"name": account.display_name})
    for role in [Role.ADMIN, *([Role.HR] if also_hr else [])]:
        grant_role(user=account, role=role, actor=by)
    if account.is_active:
        return None
    pending = Invitation.objects.pending().filter(user=account).first()
    if pending is not None:
        return _resend(pending, by=by)
    return _open_invitation(organisation=organisation, user=account, email=email, by=by, employees=[])


def _resend(invitation, *, by) -> Invitation:
    now = timezone.now()
    invitation.sent_at, invitation.expires_at = now, Invitation.expiry_from(now)
    invitation.send_count += 1
    invitation.save(update_fields=["sent_at", "expires_at", "send_count"])
    record(organisation=invitation.organisation, kind=EventKind.RESENT, actor=by, user=invitation.user)
    _send(invitation, again=True)
    return invitation


def _locked(invitation_id, organisation=None):
    queryset = Invitation.objects.select_for_update(of=("self",)).select_related("user", "organisation")
    if organisation is not None:
        queryset = queryset.filter(organisation=organisation)
    invitation = queryset.filter(pk=invitation_id).first()
    if invitation is None:
        raise InvitationError(_("There is no such invitation."))
    return invitation


def _check_hr(by, organisation):
    if not by.is_hr or by.organisation_id != organisation.pk:
        raise InvitationError(_("Only an HR officer manages invitations."))


@transaction.atomic
def resend(*, organisation, invitation_ids, by) -> int:
    """Send the waiting or expired invitations again, with a fresh link and a new expiry date."""
    _check_hr(by, organisation)
    sent = 0
    for pk in invitation_ids:
        invitation = _locked(pk, organisation)
        if invitation.status == InvitationStatus.PENDING:
            _resend(invitation, by=by)
            sent += 1
    return sent


@transaction.atomic
def revoke(*, organisation, invitation_ids, by) -> int:
    """Withdraw waiting invitations: their links stop working at once."""
    _check_hr(by, organisation)
    revoked = 0
    for pk in invitation_ids:
        invitation = _locked(pk, organisation)
        if invitation.status != InvitationStatus.PENDING:
            continue
        invitation.status, invitation.revoked_at, invitation.revoked_by = InvitationStatus.REVOKED, timezone.now(), by
        invitation.save(update_fields=["status", "revoked_at", "revoked_by"])
        record(organisation=organisation, kind=EventKind.REVOKED, actor=by, user=invitation.user)
        revoked += 1
    return revoked


def find_for_token(invitation_id, token):
    """The invitation a link names, if the link is still good; None otherwise (wrong, used, resent, expired)."""
    invitation = Invitation.objects.select_related("user", "organisation").filter(pk=invitation_id).first()
    return invitation if tokens.check_token(invitation, token) else None


def _link_records(invitation, user, *, how: str) -> int:
    linked = 0
    for employee in invitation.employees.select_for_update().filter(organisation=invitation.organisation):
        if employee.user_id == user.pk:
            continue
        if employee.email.lower() != invitation.email:
            # HR corrected the record's e-mail after inviting: this link was sent elsewhere and proves nothing.
            continue
        if employee.user_id is not None:
            raise InvitationError(
                _("The record %(name)s already belongs to another login; ask HR.") % {"name": employee.full_name}
            )
        if is_privileged(user) and not same_person(_account_name(user), _account_name_of(employee.full_name)):
            # HR, officials, approvers and administrators are linked to their own record only: a record renamed
            # after the invitation must not hand such a login someone else's signature.
            raise InvitationError(
                _("The record %(name)s is not yours: a login with an office role is linked only to its own record.")
                % {"name": employee.full_name}
            )
        if record_bound_by_signature(employee, other_than=user):
            raise InvitationError(
                _("The record %(name)s was signed under another login and is never re-linked.")
                % {"name": employee.full_name}
            )
        Employee.objects.filter(pk=employee.pk).update(user=user)
        record(
            organisation=invitation.organisation,
            kind=EventKind.LINKED,
            user=user,
            employee=employee,
            detail=f"{employee.personnel_number} {employee.full_name} ({how})".strip(),
        )
        linked += 1
    return linked


def _complete(invitation, user, *, how: str) -> User:
    linked = _link_records(invitation, user, how=how)
    if linked or Employee.objects.filter(user=user).exists():
        grant_role(user=user, role=Role.EMPLOYEE, detail=_("with the invitation"))
    invitation.status, invitation.accepted_at = InvitationStatus.ACCEPTED, timezone.now()
    invitation.save(update_fields=["status", "accepted_at"])
    record(organisation=invitation.organisation, kind=EventKind.ACCEPTED, user=user, detail=how)
    return user


@transaction.atomic
def accept(*, invitation_id, token, password: str) -> User:
    """The person accepts their own invitation: a new account sets its password, an existing one confirms with it."""
    invitation = _locked(invitation_id)
    if not tokens.check_token(invitation, token):
        raise InvitationError(_("This link no longer works: it was used, replaced by a newer one, revoked or expired."))
    user = User.objects.select_for_update().get(pk=invitation.user_id)
    if user.is_active:
        if not user.check_password(password or ""):
            raise InvitationError(_("The password is not correct; nothing was linked."))
        return _complete(invitation, user, how=_("confirmed with the password"))
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise InvitationError(" ".join(error.messages)) from error
    user.set_password(password)
    user.is_active = True
    user.save(update_fields=["password", "is_active"])
    return _complete(invitation, user, how=_("password set"))


@transaction.atomic
def accept_through_directory(*, email: str, method: str) -> User | None:
    """Single sign-on: the directory vouches for `email`; the person's pending invitation (or account) lets them in.

    Only organisations that enabled `method` ("ldap" or "oidc") are considered; nobody without an
    invitation gets an account. Returns the active account, or None.
    """
    email = (email or "").strip().lower()
    if not email:
        return None
    switch = {"ldap": "organisation__ldap_login", "oidc": "organisation__oidc_login"}[method]
    accounts = list(User.objects.select_for_update().filter(email=email, **{switch: True}))
    if len(accounts) != 1:
        return None
    user = accounts[0]
    invitation = Invitation.objects.open().filter(user=user).select_related("organisation").first()
    if invitation is not None:
        if not user.is_active:
            user.set_unusable_password()
            user.is_active = True
            user.save(update_fields=["password", "is_active"])
        how = {"ldap": _("signed in through the directory"), "oidc": _("signed in through the identity provider")}
        return _complete(invitation, user, how=how[method])
    if user.is_active and not user.is_superuser and user.invitations.filter(status=InvitationStatus.ACCEPTED).exists():
        return user
    return None


@transaction.atomic
def unlink(*, employee: Employee, by: User) -> None:
    """HR takes a login off an employee record, unless that login has signed anything for it."""
    _check_hr(by, employee.organisation)
    employee = Employee.objects.select_for_update().get(pk=employee.pk)
    if employee.user_id is None:
        raise InvitationError(_("This record has no login."))
    if record_bound_by_signature(employee):
        raise InvitationError(_("This login has signed for the record: it stays linked for good."))
    user = employee.user
    Employee.objects.filter(pk=employee.pk).update(user=None)
    record(
        organisation=employee.organisation,
        kind=EventKind.UNLINKED,
        actor=by,
        user=user,
        employee=employee,
        detail=f"{employee.personnel_number} {employee.full_name}".strip(),
    )


def not_accepted(organisation):
    """Invitations still waiting (expired ones included): who has not accepted yet."""
    return (
        Invitation.objects.for_organisation(organisation)
        .pending()
        .select_related("user", "invited_by")
        .prefetch_related("employees__position")
    )
