"""App configuration for the API: personal tokens, the REST API under /api/v1/ and the webhooks."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "jobdesc.api"
    verbose_name = _("API and webhooks")

    def ready(self):
        # The workflow's steps and the signatures are announced to webhooks through signals (see events.py).
        from . import events

        events.connect()
