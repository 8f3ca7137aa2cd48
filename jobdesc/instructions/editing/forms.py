"""Forms of the instruction pages; workflow and ownership fields are never exposed."""

from django import forms
from django.utils.translation import gettext_lazy as _

from jobdesc.input_rules import InputRules


class ItemTextForm(InputRules, forms.Form):
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)
