"""Puts the current user's roles into every template, so menus show only what the user may do."""

from .roles import Role


def roles(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"user_roles": set(), "Role": Role}
    return {"user_roles": user.role_names(), "Role": Role}
