"""Forms of HR's campaign pages: a due date, bulk actions, a scanned sheet, a refusal with witnesses, a leave."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from jobdesc.input_rules import InputRules
from jobdesc.instructions.models import LeaveKind
from jobdesc.instructions.workflow.forms import ReenteredPasswordForm


def _helper(label):
    helper = FormHelper()
    helper.form_tag = False
    helper.add_input(Submit("submit", label, css_class="btn-sm"))
    return helper


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class DueDateForm(InputRules, forms.Form):
    due_date = forms.DateField(label=_("Due date"), widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Change the due date"))


class BulkForm(InputRules, forms.Form):
    REMIND, EXTEND, PAPER = "remind", "extend", "paper"
    action = forms.ChoiceField(
        label=_("With the ticked employees"),
        choices=[(REMIND, _("remind now")), (EXTEND, _("give a later due date")), (PAPER, _("mark signed on paper"))],
    )
    due_date = forms.DateField(label=_("New due date"), required=False, widget=DateInput())
    signed_on = forms.DateField(label=_("Signed on paper on"), required=False, widget=DateInput())

    def clean(self):
        data = super().clean()
        if data.get("action") == self.EXTEND and not data.get("due_date"):
            self.add_error("due_date", _("Give the new due date."))
        if data.get("action") == self.PAPER and not data.get("signed_on"):
            self.add_error("signed_on", _("Give the day the sheet was signed."))
        return data


class ScanForm(InputRules, forms.Form):
    # It shares the list's <form> with the bulk actions: a required file would block those in the browser.
    use_required_attribute = False

    scan = forms.FileField(
        label=_("Scanned signed sheet"), help_text=_("PDF, PNG or JPEG; tick the employees whose signatures it shows.")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Attach the scan"))


class RefusalForm(InputRules, forms.Form):
    refused_on = forms.DateField(label=_("Date of the refusal"), widget=DateInput())
    witness_one = forms.CharField(label=_("First witness (full name, position)"), max_length=300)
    witness_two = forms.CharField(label=_("Second witness (full name, position)"), max_length=300)
    note = forms.CharField(
        label=_("What the employee said"), max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Record the refusal and make the act"))


class LeaveForm(InputRules, forms.Form):
    kind = forms.ChoiceField(label=_("Absence"), choices=LeaveKind.choices)
    starts_on = forms.DateField(label=_("First day"), widget=DateInput())
    ends_on = forms.DateField(label=_("Last day"), widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Record the absence"))

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("The absence cannot end before it starts."))
        return data


class SignForm(ReenteredPasswordForm):
    password = forms.CharField(
        label=_("Your password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("Re-entering your password is your simple electronic signature."),
    )
