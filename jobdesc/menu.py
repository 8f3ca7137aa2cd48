"""The main menu: which pages each person is offered, by their roles, for the base template to draw."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Entry:
    url: str
    label: str


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


def menu(request):
    """Context processor: `menu`, worked out only when a page draws it (a fragment for htmx never does)."""
    return {"menu": SimpleLazyObject(lambda: entries(request.user))}
