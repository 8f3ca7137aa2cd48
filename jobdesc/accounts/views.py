"""Pages of accounts: the administrator's people and roles, the history of accounts, the person's own profile."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import LoginView
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from jobdesc.lists import LOG_PAGE_SIZE, paginate

from .access import get_for_organisation, organisation_of, role_required
from .forms import LanguageForm, RolesForm
from .models import AccountEvent, User
from .roles import ROLE_ORDER, Role
from .services import AccountError, set_language, set_roles
from .session_expiry import login_required


def _people(organisation, search=""):
    people = (
        User.objects.filter(organisation=organisation)
        .prefetch_related("groups")
        .annotate(records=Count("employments", distinct=True))
        .order_by("last_name", "first_name", "username")
    )
    if search:
        people = people.filter(
            Q(last_name__icontains=search) | Q(email__icontains=search) | Q(username__icontains=search)
        )
    return people


def _roles_of(user):
    names = {group.name for group in user.groups.all()}
    return [role for role in ROLE_ORDER if role.value in names]


@role_required(Role.ADMIN)
def people(request):
    organisation = organisation_of(request)
    search = request.GET.get("q", "").strip()[:100]
    page = paginate(_people(organisation, search), request.GET.get("page"))
    for person in page:
        person.role_list = _roles_of(person)
    return render(request, "accounts/people.html", {"page": page, "search": search})


@role_required(Role.ADMIN)
def person(request, pk):
    account = get_for_organisation(User.objects.prefetch_related("groups"), request, pk=pk)
    form = RolesForm(request.POST or None, initial={"roles": [role.value for role in _roles_of(account)]})
    if request.method == "POST" and form.is_valid():
        try:
            granted, withdrawn = set_roles(user=account, roles=form.cleaned_data["roles"], by=request.user)
        except AccountError as error:
            messages.error(request, str(error))
        else:
            if granted or withdrawn:
                messages.success(request, _("The roles of %(name)s are saved.") % {"name": account.display_name})
            else:
                messages.info(request, _("Nothing changed."))
            return redirect("accounts:person", pk=account.pk)
    events = AccountEvent.objects.filter(user=account).select_related("actor", "employee")[:50]
    records = account.employments.select_related("position__department").order_by("employment", "pk")
    return render(
        request,
        "accounts/person.html",
        {
            "account": account,
            "form": form,
            "events": events,
            "records": records,
            "is_self": account.pk == request.user.pk,
            "held": _roles_of(account),
        },
    )


@role_required(Role.ADMIN, Role.HR)
def history(request):
    organisation = organisation_of(request)
    events = AccountEvent.objects.for_organisation(organisation).select_related("actor", "user", "employee")
    kind = request.GET.get("kind", "")
    if kind:
        events = events.filter(kind=kind)
    page = paginate(events, request.GET.get("page"), LOG_PAGE_SIZE)
    kinds = AccountEvent._meta.get_field("kind").choices
    return render(request, "accounts/history.html", {"page": page, "kind": kind, "kinds": kinds})


@login_required
def profile(request):
    form = LanguageForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        set_language(user=request.user, language=form.cleaned_data["language"])
        messages.success(request, _("Your settings are saved."))
        return redirect("accounts:profile")
    return render(request, "accounts/profile.html", {"form": form})


class SignInView(LoginView):
    """The login page: a local password always; the directory sign-ins the server's environment configures."""

    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            **kwargs,
            oidc_enabled=bool(settings.OIDC_RP_CLIENT_ID),
            oidc_provider=settings.OIDC_PROVIDER_NAME,
            ldap_enabled=bool(settings.LDAP_SERVER_URI),
        )


@require_POST
def switch_language(request):
    """Django's language switch; for a logged-in person the choice is also kept in their profile."""
    response = django_set_language(request)
    language = request.POST.get("language", "")
    if request.user.is_authenticated and language in dict(settings.LANGUAGES):
        set_language(user=request.user, language=language)
    return response
