"""Access rules used by every view: role checks and organisation-scoped object lookup.

An object of another organisation answers 404 (its existence is not disclosed); a user of the
right organisation without the right role answers 403.
"""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from .roles import Role
from .session_expiry import login_required


def organisation_of(request):
    organisation = request.user.organisation if request.user.is_authenticated else None
    if organisation is None:
        # Superusers without an organisation work in the admin, not in the product's pages.
        raise PermissionDenied
    return organisation


def role_required(*roles: Role):
    """Allow the view to members of an organisation holding any of `roles` (all members if none)."""

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            organisation_of(request)
            if roles and not any(request.user.has_role(role) for role in roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def superuser_required(view):
    """Allow the view to active superusers only: they set organisations up, and do nothing inside them."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not (request.user.is_superuser and request.user.is_active):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def get_for_organisation(queryset, request, **lookup):
    """Fetch one object of the user's organisation, or 404 — never another organisation's."""
    organisation = organisation_of(request)
    model = queryset.model
    field = "organisation" if any(f.name == "organisation" for f in model._meta.fields) else None
    if field is None:
        raise Http404
    return get_object_or_404(queryset, organisation=organisation, **lookup)
