"""App configuration for rendering documents (HTML preview, PDF, DOCX) and verification."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "jobdesc.documents"
    verbose_name = _("Documents")
