"""Writes to accounts: roles granted and withdrawn by an organisation's administrator, each one in the history."""

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils.translation import gettext as _

from .models import AccountEvent, EventKind, User
from .roles import ROLE_ORDER, Role


class AccountError(Exception):
    """An account change the rules refuse; the message is for the user."""


def record(*, organisation, kind: EventKind, actor=None, user=None, employee=None, role="", detail="") -> AccountEvent:
    """Write one line of the accounts' history; `actor` None means the system or the directory did it."""
    return AccountEvent.objects.create(
        organisation=organisation,
        kind=kind,
        actor=actor,
        user=user,
        employee=employee,
        role=role.value if isinstance(role, Role) else role,
        detail=detail[:500],
    )


def grant_role(*, user: User, role: Role, actor=None, detail: str = "") -> bool:
    """Give `user` the role (a no-op if they hold it); True if it was new. Rules are the caller's."""
    group = Group.objects.get(name=role.value)
    if user.groups.filter(pk=group.pk).exists():
        return False
    user.groups.add(group)
    user.__dict__.pop("_role_names", None)
    organisation = user.organisation
    record(organisation=organisation, kind=EventKind.ROLE_GRANTED, actor=actor, user=user, role=role, detail=detail)
    return True


@transaction.atomic
def set_roles(*, user: User, roles, by: User) -> tuple[list[Role], list[Role]]:
    """An administrator gives `user` exactly `roles`; returns (granted, withdrawn). Nobody changes their own roles."""
    if not by.is_org_admin or by.organisation_id is None:
        raise AccountError(_("Only an organisation administrator grants and withdraws roles."))
    if user.organisation_id != by.organisation_id:
        raise AccountError(_("This login belongs to another organisation."))
    if user.pk == by.pk:
        raise AccountError(_("Nobody changes their own roles: ask another administrator."))
    User.objects.select_for_update().filter(pk=user.pk).first()
    wanted = {Role(role) for role in roles}
    held = {role for role in ROLE_ORDER if role.value in set(user.groups.values_list("name", flat=True))}
    granted = [role for role in ROLE_ORDER if role in wanted - held]
    withdrawn = [role for role in ROLE_ORDER if role in held - wanted]
    for role in granted:
        grant_role(user=user, role=role, actor=by)
    for role in withdrawn:
        user.groups.remove(Group.objects.get(name=role.value))
        record(organisation=user.organisation, kind=EventKind.ROLE_WITHDRAWN, actor=by, user=user, role=role)
    user.__dict__.pop("_role_names", None)
    return granted, withdrawn


def set_language(*, user: User, language: str) -> None:
    """Keep the person's own interface language ('' for the organisation's)."""
    user.language = language
    User.objects.filter(pk=user.pk).update(language=language)
