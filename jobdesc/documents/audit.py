"""The audit certificate of an approved edition: a PDF listing each step with its time, person, method and hash.

Like the certificate e-signature services attach to a signed document, it is made on request from
the audit trail (`evidence.steps`) and is not part of the document itself, so it speaks the reader's
interface language rather than the document's.
"""

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from .context import build
from .errors import RenderError
from .evidence import status_today, steps
from .pdf import _fresh, _write
from .signatures import signature_counts
from .verification import code_for


def render_audit_certificate(version, *, with_network: bool) -> bytes:
    version = _fresh(version, from_snapshot=False)
    if not version.is_frozen:
        raise RenderError(_("Only an approved version has an audit certificate."))
    doc = build(version, sections=[])
    html = render_to_string(
        "documents/audit_certificate.html",
        {
            "doc": doc,
            "for_print": True,
            "version": version,
            "steps": steps(version, with_network=with_network),
            "counts": signature_counts(version),
            "status_today": status_today(version),
            "code": code_for(version),
            "made_at": timezone.localtime(),
            "with_network": with_network,
        },
    )
    return _write(html)
