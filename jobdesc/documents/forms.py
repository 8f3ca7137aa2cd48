"""Forms of documents: the public verification, a signature of the stored PDF, the seal, the original's mode."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from jobdesc.input_rules import InputRules
from jobdesc.orgs.models import OriginalMode

from . import cms, seal
from .verification import UPLOAD_LIMIT


def _limited(upload, limit):
    if upload.size > limit:
        raise forms.ValidationError(_("The file is larger than %(limit)s.") % {"limit": filesizeformat(limit)})
    return upload


class VerifyUploadForm(InputRules, forms.Form):
    file = forms.FileField(label=_("PDF file to check"), help_text=_("At most 10 MB; the file is not kept."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.add_input(Submit("check", _("Check the file")))

    def clean_file(self):
        return _limited(self.cleaned_data["file"], UPLOAD_LIMIT)


class SignatureUploadForm(InputRules, forms.Form):
    signature = forms.FileField(
        label=_("Signature file (.sig, .p7s)"),
        help_text=_("A detached signature of the PDF downloaded from this page, DER or base64; at most 1 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".sig,.sgn,.p7s,.p7m,.pem,.cms,.txt"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.add_input(Submit("upload", _("Upload the signature")))

    def clean_signature(self):
        return _limited(self.cleaned_data["signature"], cms.UPLOAD_LIMIT)


class SealUploadForm(InputRules, forms.Form):
    certificate = forms.FileField(
        label=_("Certificate with its private key (.p12, .pfx)"),
        help_text=_("At most 64 KB. The key is stored encrypted; the password is not kept."),
        widget=forms.ClearableFileInput(attrs={"accept": ".p12,.pfx"}),
    )
    password = forms.CharField(
        label=_("Password of the file"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "off"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.add_input(Submit("upload", _("Store the seal")))

    def clean_certificate(self):
        return _limited(self.cleaned_data["certificate"], seal.UPLOAD_LIMIT)


class OriginalModeForm(InputRules, forms.Form):
    original_mode = forms.ChoiceField(
        label=_("Original of this version"), choices=OriginalMode.choices, widget=forms.RadioSelect
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.add_input(Submit("choose", _("Save")))
