"""The forgotten-password request: Django's form, its e-mail queued in the outbox like an invitation's.

It lives beside the invitations rather than in `accounts` because accounts, the lowest package, does not
send mail itself: the outbox (which imports accounts) does.
"""

from django.contrib.auth.forms import PasswordResetForm
from django.urls import reverse

from jobdesc.input_rules import InputRules
from jobdesc.outbox import letters


class ResetPasswordForm(InputRules, PasswordResetForm):
    """Django's password reset, its e-mail sent like every other: in the person's language, with SITE_URL links."""

    def send_mail(
        self, subject_template_name, email_template_name, context, from_email, to_email, html_email_template_name=None
    ):
        user = context["user"]
        link = letters.absolute_url(reverse("password_reset_confirm", args=[context["uid"], context["token"]]))
        letters.send(
            to=to_email,
            language=user.interface_language,
            template="password_reset",
            organisation=user.organisation,
            context={
                "name": user.display_name,
                "username": user.username,
                "link": link,
            },
        )

    def get_users(self, email):
        # Only people of an organisation: a superuser's password is reset from the command line.
        return (user for user in super().get_users(email) if user.organisation_id is not None)
