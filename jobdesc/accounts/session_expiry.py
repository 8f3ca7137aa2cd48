"""What a request answers when its session has ended: nothing the person typed is lost.

- An htmx request (the editor's add, edit and move) answers 401 with a short JSON body and HX-Reswap: none,
  so htmx replaces nothing: the typed text stays in its field. static/js/session.js then offers to log in
  again in another tab, and takes the new session's CSRF token when the person comes back, so that the
  same button works again.
- A plain request goes to the login page as usual, but its `next` is a page that can be opened: for a
  GET the page itself, for a POST (a URL that answers only POST) the page the form was on.
"""

from functools import wraps
from urllib.parse import urlsplit

from django.contrib.auth.views import redirect_to_login
from django.http import JsonResponse
from django.shortcuts import resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _


def _page_of_this_site(request, url: str) -> str | None:
    if not url or not url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return None
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def return_page(request) -> str | None:
    """The page to come back to after logging in again: one that answers a GET."""
    if request.headers.get("HX-Request"):
        return _page_of_this_site(request, request.headers.get("HX-Current-URL", ""))
    if request.method in ("GET", "HEAD"):
        return request.get_full_path()
    return _page_of_this_site(request, request.headers.get("Referer", ""))


def login_answer(request):
    page = return_page(request)
    if request.headers.get("HX-Request"):
        login_url = redirect_to_login(page or resolve_url("home"))["Location"]
        response = JsonResponse(
            {
                "error": "session_expired",
                "message": _(
                    "Your session has ended, so nothing was saved. Your text is still here: log in again "
                    "in another tab, come back and repeat the action."
                ),
                "login_url": login_url,
                "login_label": _("Log in again in a new tab"),
            },
            status=401,
        )
        response["HX-Reswap"] = "none"
        return response
    if page is None:
        return redirect_to_login(resolve_url("home"))
    return redirect_to_login(page)


def login_required(view):
    """Django's login_required, answering an ended session as `login_answer` does."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.user.is_authenticated:
            return view(request, *args, **kwargs)
        return login_answer(request)

    return wrapper
