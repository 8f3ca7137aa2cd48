"""App configuration for the outbox: queued e-mails and the background tasks that send them."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutboxConfig(AppConfig):
    name = "jobdesc.outbox"
    verbose_name = _("Outbox")
