"""The form that starts a draft; workflow and ownership fields are never exposed."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from jobdesc.input_rules import InputRules
from jobdesc.orgs.models import Position

MAX_IMPORT_BYTES = 2 * 1024 * 1024


class StartDraftForm(InputRules, forms.Form):
    METHODS = [
        ("library", _("From the library: a suggested set of clauses for this position")),
        ("empty", _("Empty, with the standard sections")),
        ("copy", _("A copy of another position's instruction")),
        ("import", _("Import a file (.txt, .docx, .html)")),
    ]
    method = forms.ChoiceField(label=_("Start"), choices=METHODS, widget=forms.RadioSelect, initial="library")
    source_position = forms.ModelChoiceField(label=_("Copy from"), queryset=Position.objects.none(), required=False)
    file = forms.FileField(label=_("File to import"), required=False)

    def __init__(self, *args, organisation, position, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source_position"].queryset = (
            Position.objects.for_organisation(organisation)
            .filter(instruction__versions__isnull=False)
            .exclude(pk=position.pk)
            .distinct()
        )
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Start the draft")))

    def clean(self):
        data = super().clean()
        method = data.get("method")
        if method == "copy" and not data.get("source_position"):
            self.add_error("source_position", _("Choose the position whose instruction to copy."))
        if method == "import":
            upload = data.get("file")
            if not upload:
                self.add_error("file", _("Choose a file to import."))
            elif upload.size > MAX_IMPORT_BYTES:
                self.add_error("file", _("The file is larger than 2 MB."))
        return data
