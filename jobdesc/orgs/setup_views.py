"""Pages of a superuser: create an organisation and invite its administrator, without the Django admin."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Fieldset, Layout, Row, Submit
from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from jobdesc.accounts.access import superuser_required
from jobdesc.accounts.roles import Role
from jobdesc.grammar.people import split_full_name
from jobdesc.input_rules import InputRules

from . import invitations
from .forms import add_service_errors
from .models import Organisation
from .services import create_organisation


class AdministratorForm(InputRules, forms.Form):
    admin_name = forms.CharField(label=pgettext_lazy("person", "full name"), max_length=300)
    admin_email = forms.EmailField(label=gettext_lazy("e-mail"))
    admin_also_hr = forms.BooleanField(
        label=gettext_lazy("also an HR officer (imports the staff and invites the employees)"),
        required=False,
        initial=True,
    )

    def clean_admin_name(self):
        name = " ".join(self.cleaned_data["admin_name"].split())
        surname, first_name, _patronymic = split_full_name(name)
        if not (surname and first_name):
            raise ValidationError(gettext_lazy("Write the surname and the first name (and the patronymic, if any)."))
        return name

    def clean_admin_email(self):
        return self.cleaned_data["admin_email"].strip().lower()

    def administrator_fieldset(self):
        return Fieldset(
            gettext_lazy("Administrator of the organisation"),
            Row(Column("admin_name", css_class="col-md-7"), Column("admin_email")),
            "admin_also_hr",
        )


class OrganisationSetupForm(AdministratorForm):
    short_name = forms.CharField(
        label=gettext_lazy("short name"), max_length=200, help_text=gettext_lazy("ООО «Ромашка»")
    )
    full_name = forms.CharField(
        label=gettext_lazy("full name"),
        max_length=500,
        help_text=gettext_lazy("Общество с ограниченной ответственностью «Ромашка»"),
    )
    inn = forms.CharField(label=gettext_lazy("INN"), max_length=12, required=False)
    city = forms.CharField(label=gettext_lazy("city"), max_length=100, required=False)
    interface_language = forms.ChoiceField(label=gettext_lazy("interface language"), choices=settings.LANGUAGES)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Fieldset(
                gettext_lazy("Organisation"),
                "full_name",
                Row(Column("short_name", css_class="col-md-6"), Column("inn"), Column("city")),
                "interface_language",
            ),
            self.administrator_fieldset(),
            Submit("create", gettext_lazy("Create and invite the administrator")),
        )


class InviteAdministratorForm(AdministratorForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout(self.administrator_fieldset(), Submit("invite", gettext_lazy("Invite")))


def _administrator(form, organisation, by):
    return invitations.invite_administrator(
        organisation=organisation,
        full_name=form.cleaned_data["admin_name"],
        email=form.cleaned_data["admin_email"],
        also_hr=form.cleaned_data["admin_also_hr"],
        by=by,
    )


ORGANISATION_SETUP = ("short_name", "full_name", "inn", "city", "interface_language")


@superuser_required
def organisations(request):
    form = OrganisationSetupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                fields = {
                    k: form.cleaned_data[k] for k in ("short_name", "full_name", "inn", "city", "interface_language")
                }
                organisation = create_organisation(**fields)
                _administrator(form, organisation, request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        except invitations.InvitationError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("%(organisation)s is created; the invitation went to %(email)s.")
                % {"organisation": organisation.short_name, "email": form.cleaned_data["admin_email"]},
            )
            return redirect("setup:organisations")
    listed = Organisation.objects.annotate(
        people=Count("employees", distinct=True),
        admins=Count("users", filter=Q(users__groups__name=Role.ADMIN.value, users__is_active=True), distinct=True),
    ).order_by("short_name")
    return render(request, "orgs/setup.html", {"form": form, "organisations": listed})


@superuser_required
def invite_admin(request, pk):
    organisation = get_object_or_404(Organisation, pk=pk)
    form = InviteAdministratorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = _administrator(form, organisation, request.user)
        except invitations.InvitationError as error:
            form.add_error(None, str(error))
        else:
            if invitation is None:
                messages.success(request, _("The login already works; it is an administrator now."))
            else:
                messages.success(request, _("The invitation went to %(email)s.") % {"email": invitation.email})
            return redirect("setup:organisations")
    return render(request, "orgs/setup_invite.html", {"form": form, "organisation": organisation})
