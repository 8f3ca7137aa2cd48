"""Forms of accounts: the roles an administrator grants and the person's own language."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from jobdesc.input_rules import InputRules

from .models import User
from .roles import ROLE_ORDER


class RolesForm(InputRules, forms.Form):
    roles = forms.MultipleChoiceField(
        label=_("Roles"),
        choices=[(role.value, role.label) for role in ROLE_ORDER],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_show_labels = False
        self.helper.add_input(Submit("save", _("Save the roles")))


class LanguageForm(InputRules, forms.ModelForm):
    class Meta:
        model = User
        fields = ["language"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [("", _("as the organisation's default")), *settings.LANGUAGES]
        self.helper = FormHelper()
        self.helper.add_input(Submit("save", _("Save")))
