"""Forms of the API's pages: naming a new token, registering a webhook endpoint."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from jobdesc.input_rules import InputRules

from . import webhooks
from .models import WebhookEndpoint


class TokenForm(InputRules, forms.Form):
    name = forms.CharField(
        label=_("Name of the new token"), max_length=100, help_text=_("What it is for: «1С:ЗУП», «archive».")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("create", _("Create a token")))


class WebhookForm(InputRules, forms.ModelForm):
    events = forms.MultipleChoiceField(
        label=_("Events"),
        choices=[(event.value, event.label) for event in webhooks.SUBSCRIBABLE],
        widget=forms.CheckboxSelectMultiple,
    )

    url = forms.URLField(label=_("URL"), max_length=500, assume_scheme="https")

    class Meta:
        model = WebhookEndpoint
        fields = ["url", "description", "events", "is_active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["url"].help_text = _(
            "Where the other system receives the events. Addresses inside the app's own network are refused."
        )
        self.helper = FormHelper()
        self.helper.add_input(Submit("save", _("Save")))

    def clean_url(self):
        url = self.cleaned_data["url"].strip()
        try:
            webhooks.resolve(url)
        except webhooks.TargetRefused as refused:
            raise forms.ValidationError(str(refused)) from refused
        return url
