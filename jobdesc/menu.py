"""The menus: which pages each person is offered, by their roles — the main menu of the base template and the
organisation's tabs (templates/orgs/_subnav.html)."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Entry:
    url: str
    label: str
    active: bool = False
    id: str = ""


# (URL name, label, who is offered it); the menu keeps this order.
ENTRIES = [
    ("home", _("Positions"), lambda user: True),
    ("instructions:inbox", _("Inbox"), lambda user: user.is_hr or user.is_agreeing_official or user.is_approver),
    ("instructions:my_instructions", _("My instructions"), lambda user: user.is_employee),
    ("instructions:journal", _("Journal"), lambda user: user.is_hr or user.is_approver),
    ("library:list", _("Library"), lambda user: user.is_hr),
    ("instructions:ack_dashboard", _("Signatures"), lambda user: user.is_hr),
    ("instructions:reviews", _("Reviews"), lambda user: user.is_hr),
    ("instructions:campaigns", _("Campaigns"), lambda user: user.is_hr),
    ("orgs:settings", _("Organisation"), lambda user: user.is_hr),
    ("outbox:problems", _("Mail problems"), lambda user: user.is_hr),
    ("outbox:outbox", _("Outbox"), lambda user: user.is_superuser),
    # HR reaches the logins from the organisation's pages; an administrator without HR's pages needs the entry.
    ("accounts:people", _("Logins and roles"), lambda user: user.is_org_admin and not user.is_hr),
    ("setup:organisations", _("Organisations"), lambda user: user.is_superuser),
    ("admin:index", _("Admin"), lambda user: user.is_staff),
]


def entries(user) -> list[Entry]:
    """The menu of a logged-in person; nobody else has one."""
    if not user.is_authenticated:
        return []
    return [Entry(reverse(name), str(label)) for name, label, offered in ENTRIES if offered(user)]


# The organisation's tabs: (URL name, label, who is offered it, whether the page being shown is the tab's, id).
TABS = [
    ("orgs:settings", _("Organisation"), lambda user: user.is_hr, lambda current: current == "settings", ""),
    ("orgs:departments", _("Departments"), lambda user: user.is_hr, lambda current: "department" in current, ""),
    ("orgs:positions", _("Positions"), lambda user: user.is_hr, lambda current: "position" in current, ""),
    ("orgs:employees", _("Employees"), lambda user: user.is_hr, lambda current: "employee" in current, ""),
    ("orgs:invitations", _("Invitations"), lambda user: user.is_hr, lambda current: "invitation" in current, ""),
    ("orgs:import", _("Staff import"), lambda user: user.is_hr, lambda current: "import" in current, ""),
    (
        "accounts:people",
        _("Logins and roles"),
        lambda user: user.is_org_admin,
        lambda current: current in ("people", "person"),
        "",
    ),
    ("orgs:access", _("Sign-in and language"), lambda user: user.is_org_admin, lambda current: current == "access", ""),
    ("api:webhooks", _("Webhooks"), lambda user: user.is_org_admin, lambda current: "webhook" in current, ""),
    ("documents:seal", _("Organisation seal"), lambda user: user.is_org_admin, lambda current: False, "seal-link"),
    ("accounts:history", _("Account history"), lambda user: True, lambda current: current == "history", ""),
]


def tabs(user, current: str) -> list[Entry]:
    """The organisation's tabs for a logged-in person on the page named `current`."""
    if not user.is_authenticated:
        return []
    return [
        Entry(reverse(name), str(label), is_active(current), element_id)
        for name, label, offered, is_active, element_id in TABS
        if offered(user)
    ]


def menu(request):
    """Context processor: `menu` and `tabs`, worked out only when a page draws them (a fragment for htmx never does)."""
    match = request.resolver_match
    current = (match.url_name or "") if match else ""
    return {
        "menu": SimpleLazyObject(lambda: entries(request.user)),
        "tabs": SimpleLazyObject(lambda: tabs(request.user, current)),
    }
