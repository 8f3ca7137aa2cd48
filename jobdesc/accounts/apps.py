"""App configuration for user accounts and roles."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "jobdesc.accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from jobdesc import sqlite  # noqa: F401  (connects the Unicode LIKE for SQLite)

        from . import checks  # noqa: F401  (registers the SITE_URL deployment check)
