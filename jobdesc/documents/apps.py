"""App configuration for rendering documents (HTML preview, PDF, DOCX) and verification."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "jobdesc.documents"
    verbose_name = _("Documents")

    def ready(self):
        from jobdesc.instructions import signals as instructions

        from .acknowledgement_papers import store_refusal_act
        from .tasks import store_approved_pdf

        # An approved version's PDF is stored after the commit; a refusal's act is rendered and stored with it.
        instructions.version_approved.connect(store_approved_pdf, dispatch_uid="documents.store_approved_pdf")
        instructions.refusal_recorded.connect(store_refusal_act, dispatch_uid="documents.store_refusal_act")
