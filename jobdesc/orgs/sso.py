"""Single sign-on: the organisation's directory (LDAP, Active Directory) or OpenID Connect provider vouches for
a person's e-mail, and the person's own invitation (or the login it made) lets them in. Nobody else gets in.

Both are configured from the environment (settings.py, README «Single sign-on») and switched on per
organisation by its administrator; local passwords keep working beside them.
"""

import logging

import ldap3
from django.conf import settings
from django.contrib.auth.backends import BaseBackend
from ldap3.core.exceptions import LDAPException
from ldap3.utils.conv import escape_filter_chars
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from jobdesc.accounts.models import User

from . import invitations

logger = logging.getLogger(__name__)


def _server():
    return ldap3.Server(settings.LDAP_SERVER_URI, get_info=ldap3.NONE, connect_timeout=settings.LDAP_TIMEOUT)


def _connection(user=None, password=None):
    connection = ldap3.Connection(
        _server(), user=user, password=password, receive_timeout=settings.LDAP_TIMEOUT, raise_exceptions=False
    )
    if settings.LDAP_START_TLS:
        connection.start_tls()
    return connection


def directory_email(login: str, password: str) -> str | None:
    """The e-mail of the directory's person `login`, if `password` is theirs; None otherwise.

    Searches with the service account (or anonymously), then binds as the person found: the directory,
    not this application, checks the password. An empty password is refused before anything is sent, as
    an LDAP bind with one would be an anonymous bind that «succeeds».
    """
    if not (settings.LDAP_SERVER_URI and login and password):
        return None
    attribute, mail_attribute = settings.LDAP_USER_ATTRIBUTE, settings.LDAP_EMAIL_ATTRIBUTE
    try:
        search = _connection(settings.LDAP_BIND_DN or None, settings.LDAP_BIND_PASSWORD or None)
        if not search.bind():
            logger.warning("The directory refused the service account: %s", search.result.get("description"))
            return None
        search.search(
            settings.LDAP_SEARCH_BASE,
            f"({attribute}={escape_filter_chars(login)})",
            attributes=[mail_attribute],
            size_limit=2,
        )
        entries = [entry for entry in search.response if entry.get("type") == "searchResEntry"]
        search.unbind()
        if len(entries) != 1:
            return None
        dn, values = entries[0]["dn"], entries[0]["attributes"].get(mail_attribute) or []
        person = _connection(dn, password)
        if not person.bind():
            return None
        person.unbind()
    except LDAPException as error:
        logger.warning("The directory could not be asked: %s", error)
        return None
    values = values if isinstance(values, list) else [values]
    return str(values[0]).strip().lower() if values else None


class DirectoryBackend(BaseBackend):
    """Log in with the directory's login and password; matched by e-mail to an invited person of an organisation
    that turned the directory sign-in on."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if not settings.LDAP_SERVER_URI:
            return None
        email = directory_email(username or "", password or "")
        if email is None:
            return None
        return invitations.accept_through_directory(email=email, method="ldap")

    def get_user(self, user_id):
        return User.objects.filter(pk=user_id, is_active=True).first()


class OpenIDBackend(OIDCAuthenticationBackend):
    """mozilla-django-oidc's code flow and signature checks; the account is the invited person's, never a new one."""

    def authenticate(self, request, **kwargs):
        if not settings.OIDC_RP_CLIENT_ID:
            return None
        return super().authenticate(request, **kwargs)

    def verify_claims(self, claims):
        # The provider must vouch for the address, or anyone could claim an invited person's e-mail.
        return bool(claims.get("email")) and claims.get("email_verified") is True

    def get_or_create_user(self, access_token, id_token, payload):
        claims = self.get_userinfo(access_token, id_token, payload)
        if not self.verify_claims(claims):
            return None
        return invitations.accept_through_directory(email=claims["email"], method="oidc")
