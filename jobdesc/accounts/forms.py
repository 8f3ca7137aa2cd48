"""Forms of accounts: the roles an administrator grants, the person's own language, the password reset request."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from jobdesc.input_rules import InputRules

from . import mail
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


class ResetPasswordForm(InputRules, PasswordResetForm):
    """Django's password reset, its e-mail sent like every other: in the person's language, with SITE_URL links."""

    def send_mail(
        self, subject_template_name, email_template_name, context, from_email, to_email, html_email_template_name=None
    ):
        user = context["user"]
        mail.send(
            to=mail.Recipient(to_email, user.interface_language),
            template="password_reset",
            organisation=user.organisation,
            context={
                "name": user.get_full_name() or user.username,
                "username": user.username,
                "link": mail.absolute_url(reverse("password_reset_confirm", args=[context["uid"], context["token"]])),
            },
        )

    def get_users(self, email):
        # Only people of an organisation: a superuser's password is reset from the command line.
        return (user for user in super().get_users(email) if user.organisation_id is not None)
