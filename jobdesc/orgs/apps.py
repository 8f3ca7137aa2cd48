"""App configuration for organisations, departments, positions and employees."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgsConfig(AppConfig):
    name = "jobdesc.orgs"
    verbose_name = _("Organisations")
