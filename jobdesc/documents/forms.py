"""The upload form of the public verification page."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from .verification import UPLOAD_LIMIT


class VerifyUploadForm(forms.Form):
    file = forms.FileField(label=_("PDF file to check"), help_text=_("At most 10 MB; the file is not kept."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.add_input(Submit("check", _("Check the file")))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > UPLOAD_LIMIT:
            raise forms.ValidationError(
                _("The file is larger than %(limit)s.") % {"limit": filesizeformat(UPLOAD_LIMIT)}
            )
        return upload
