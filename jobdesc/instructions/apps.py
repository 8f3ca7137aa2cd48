"""App configuration for instructions, their versions and the workflow."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InstructionsConfig(AppConfig):
    name = "jobdesc.instructions"
    verbose_name = _("Instructions")
