"""What the version page and the employee's page show of a version's signatures and original, for their blocks."""

from django import template

from jobdesc.documents import edition, signatures
from jobdesc.documents.forms import OriginalModeForm, SignatureUploadForm
from jobdesc.orgs.models import OriginalMode

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


@register.simple_tag
def version_original(version, user):
    """The version's original (paper or electronic): chosen by HR until approval, then fixed."""
    mode = edition.original_mode(version)
    can_choose = not version.is_frozen and user.is_hr
    return {
        "mode": mode,
        "label": OriginalMode(mode).label,
        "electronic": mode == OriginalMode.ELECTRONIC,
        "form": OriginalModeForm(initial={"original_mode": mode}) if can_choose else None,
    }
