"""App configuration for section kinds and the clause library."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LibraryConfig(AppConfig):
    name = "jobdesc.library"
    verbose_name = _("Clause library")
