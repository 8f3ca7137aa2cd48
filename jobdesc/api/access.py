"""Who may call an operation: the token owner's roles and permissions, inside the token's organisation only."""

from jobdesc.accounts.roles import Role

from .problems import forbidden, not_found


def organisation(request):
    return request.auth.organisation


def require(request, *, perm: str = "", roles: tuple[Role, ...] = ()) -> None:
    """Refuse with 403 unless the owner holds `perm` (a permission of accounts/roles.py) or one of `roles`."""
    user = request.auth.user
    if perm and not user.has_perm(perm):
        raise forbidden()
    if roles and not any(user.has_role(role) for role in roles):
        raise forbidden()


def get_own(queryset, request, pk: int, *, field: str = "organisation"):
    """One object of the token's organisation, or 404: another organisation's objects do not exist here."""
    found = queryset.filter(**{field: organisation(request), "pk": pk}).first()
    if found is None:
        raise not_found()
    return found
