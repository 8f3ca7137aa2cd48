"""What the version page and the employee's page show of a version's signatures, for their included blocks."""

from django import template

from jobdesc.documents import signatures
from jobdesc.documents.forms import SignatureUploadForm

register = template.Library()


@register.simple_tag
def version_evidence(version, user):
    """The signatures and seal of a frozen version as `user` may see them, with the upload form."""
    evidence = signatures.for_version(version, user)
    evidence.form = SignatureUploadForm() if evidence.can_add else None
    return evidence


@register.simple_tag
def acknowledgement_evidence(ack):
    """The employee's own certificate signatures of this acknowledgement, and whether one can be added."""
    return {
        "signatures": signatures.for_acknowledgement(ack),
        "form": SignatureUploadForm() if signatures.can_sign_acknowledgement(ack) else None,
    }
