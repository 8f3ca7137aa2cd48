"""Where a form sends the person back after a step: a `next` of this site only, never an address elsewhere."""

from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme


def back(request, default, *, field="next"):
    """Redirect to the posted (or queried) `next` when it is a URL of this site, else to `default`.

    Django's own check is used: it refuses other hosts, other schemes and the tricks browsers read as
    another host (`//evil`, `/\\evil`, control characters).
    """
    target = request.POST.get(field) or request.GET.get(field) or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(default)
