"""The main menu offers each person the pages of their roles, the same links as it always did."""

import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import translation

from jobdesc.accounts.roles import Role
from tests.conftest import login, make_user

HR_PAGES = [
    ("library:list", "Library"),
    ("instructions:ack_dashboard", "Signatures"),
    ("instructions:reviews", "Reviews"),
    ("instructions:campaigns", "Campaigns"),
    ("orgs:settings", "Organisation"),
    ("outbox:problems", "Mail problems"),
]
POSITIONS, INBOX, JOURNAL = ("home", "Positions"), ("instructions:inbox", "Inbox"), ("instructions:journal", "Journal")
MINE = ("instructions:my_instructions", "My instructions")
LOGINS = ("accounts:people", "Logins and roles")
SUPERUSER_PAGES = [
    ("outbox:outbox", "Outbox"),
    LOGINS,
    ("setup:organisations", "Organisations"),
    ("admin:index", "Admin"),
]

MENUS = {
    "hr": [POSITIONS, INBOX, JOURNAL, *HR_PAGES],
    "agreeing official": [POSITIONS, INBOX],
    "approver": [POSITIONS, INBOX, JOURNAL],
    "employee": [POSITIONS, MINE],
    "administrator": [POSITIONS, LOGINS],
    "administrator and hr": [POSITIONS, INBOX, JOURNAL, *HR_PAGES],
    "staff employee": [POSITIONS, MINE, ("admin:index", "Admin")],
    "superuser": [
        POSITIONS,
        ("outbox:outbox", "Outbox"),
        ("setup:organisations", "Organisations"),
        ("admin:index", "Admin"),
    ],
    "superuser administrator": [POSITIONS, *SUPERUSER_PAGES],
}
ROLES = {
    "hr": [Role.HR],
    "agreeing official": [Role.AGREEING],
    "approver": [Role.APPROVER],
    "employee": [Role.EMPLOYEE],
    "administrator": [Role.ADMIN],
    "administrator and hr": [Role.ADMIN, Role.HR],
    "staff employee": [Role.EMPLOYEE],
    "superuser": [],
    "superuser administrator": [Role.ADMIN],
}


def person(organisation, who):
    user = make_user(organisation, who.replace(" ", "-"))
    for role in ROLES[who]:
        user.groups.add(Group.objects.get(name=role.value))
    user.is_staff = who.startswith(("staff", "superuser"))
    user.is_superuser = who.startswith("superuser")
    user.save()
    return user


def menu_links(html):
    menu = re.search(r'<ul class="navbar-nav me-auto">(.*?)</ul>', html, re.S).group(1)
    return re.findall(r'<a class="nav-link" href="([^"]+)">([^<]+)</a>', menu)


@pytest.mark.parametrize("who", sorted(MENUS))
def test_the_menu_shows_the_pages_of_the_persons_roles(organisation, who):
    response = login(person(organisation, who)).get(reverse("accounts:profile"))
    with translation.override(response.wsgi_request.LANGUAGE_CODE):
        expected = [(reverse(name), translation.gettext(label)) for name, label in MENUS[who]]
    assert menu_links(response.content.decode()) == expected


def test_a_visitor_sees_no_menu(db, client):
    assert '<ul class="navbar-nav me-auto">' not in client.get(reverse("login")).content.decode()


HR_TABS = ["orgs:settings", "orgs:departments", "orgs:positions", "orgs:employees", "orgs:invitations", "orgs:import"]
ADMIN_TABS = ["accounts:people", "orgs:access", "api:webhooks", "documents:seal"]
TABS = {
    "hr": [*HR_TABS, "accounts:history"],
    "administrator": [*ADMIN_TABS, "accounts:history"],
    "administrator and hr": [*HR_TABS, *ADMIN_TABS, "accounts:history"],
}


def tab_links(html):
    tabs = re.search(r'<ul class="nav nav-tabs mb-4">(.*?)</ul>', html, re.S).group(1)
    return re.findall(r'<a class="nav-link( active)?" href="([^"]+)"', tabs)


@pytest.mark.parametrize("who", sorted(TABS))
def test_the_organisation_tabs_are_those_of_the_persons_roles_with_the_current_one_active(organisation, who):
    page = "accounts:history"
    response = login(person(organisation, who)).get(reverse(page))
    expected = [(" active" if name == page else "", reverse(name)) for name in TABS[who]]
    assert tab_links(response.content.decode()) == expected


def test_the_tab_of_a_page_within_a_section_is_active(organisation):
    response = login(person(organisation, "hr")).get(reverse("orgs:positions"))
    active = [url for flag, url in tab_links(response.content.decode()) if flag]
    assert active == [reverse("orgs:positions")]
