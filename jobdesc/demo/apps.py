"""App configuration for the demo organisation (`manage.py seed_demo`), which `make run` and `make demo` load."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    name = "jobdesc.demo"
    verbose_name = _("Demo")
