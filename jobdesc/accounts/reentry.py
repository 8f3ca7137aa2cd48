"""Password re-entry for a step (approve, sign): counted by django-axes exactly like a login attempt.

A wrong password on the approval or signing form is a failed login for that name from that address; after
AXES_FAILURE_LIMIT of them the pair is locked and the request answers with the same 429 page as the login
form, even for the right password, until the cool-off ends.
"""

from axes.handlers.proxy import AxesProxyHandler
from django.contrib.auth import authenticate


def confirms(request, password: str) -> bool:
    """Whether `password` is the logged-in person's own; a wrong one is recorded as a failed login.

    The check goes through `authenticate` so that django-axes sees it: a locked name and address is refused
    before the password is looked at, and the middleware then answers with the lockout page. A right password
    starts the count again, as a successful login does.
    """
    user = request.user
    confirmed = authenticate(request, username=user.get_username(), password=password or "")
    if confirmed is None or confirmed.pk != user.pk:
        return False
    address = getattr(request, "axes_ip_address", None)
    if address:
        AxesProxyHandler.reset_attempts(ip_address=address, username=user.get_username())
    return True
