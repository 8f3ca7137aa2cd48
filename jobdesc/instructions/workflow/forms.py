"""Forms of the workflow steps; each carries only what the person decides, never status or ownership."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jobdesc.accounts import reentry
from jobdesc.accounts.models import User
from jobdesc.input_rules import InputRules


def _helper(label, css="btn-primary"):
    helper = FormHelper()
    # The templates write the <form> tag themselves: each step posts to its own URL.
    helper.form_tag = False
    helper.add_input(Submit("submit", label, css_class=css))
    return helper


class SubmitForm(InputRules, forms.Form):
    officials = forms.ModelMultipleChoiceField(
        label=_("Agreeing officials"), queryset=User.objects.none(), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, officials, initial_officials, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["officials"]
        field.queryset = officials
        field.label_from_instance = lambda user: user.display_name
        field.initial = list(initial_officials)
        self.helper = _helper(_("Send for agreement"))


class DecisionForm(InputRules, forms.Form):
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )
    item = forms.TypedChoiceField(label=_("On clause"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, numbered_items=(), **kwargs):
        super().__init__(*args, **kwargs)
        # A returned draft's comment may point at the clause to change; HR sees it there in the editor.
        self.fields["item"].choices = [("", _("the whole version"))] + [
            (entry.item.pk, f"{entry.number} {entry.item.text[:60]}") for entry in numbered_items
        ]


class ReenteredPasswordForm(InputRules, forms.Form):
    """A step signed by re-entering the password; given the request, a wrong one counts as a failed login."""

    wrong_password = _("The password is not correct.")

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request

    def clean_password(self):
        password = self.cleaned_data["password"]
        if self.request is not None and not reentry.confirms(self.request, password):
            raise forms.ValidationError(self.wrong_password)
        return password


class ApproveForm(ReenteredPasswordForm):
    effective_date = forms.DateField(
        label=_("In force from"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        initial=timezone.localdate,
    )
    password = forms.CharField(
        label=_("Your password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("Re-entering the password signs the approval."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Approve"), "btn-success")


class ReasonForm(InputRules, forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), max_length=5000)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Withdraw the instruction"), "btn-danger")


class CommentForm(InputRules, forms.Form):
    item = forms.TypedChoiceField(label=_("On clause"), required=False, coerce=int, empty_value=None)
    text = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 2}), max_length=5000)

    def __init__(self, *args, numbered_items=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].choices = [("", _("the whole version"))] + [
            (entry.item.pk, f"{entry.number} {entry.item.text[:60]}") for entry in numbered_items
        ]
        self.helper = _helper(_("Add the comment"), "btn-secondary")
