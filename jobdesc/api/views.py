"""Pages of the API: the interactive documentation, a person's tokens, the administrator's webhooks."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from jobdesc.accounts.access import get_for_organisation, organisation_of, role_required
from jobdesc.accounts.roles import Role

from . import tokens, webhooks
from .forms import TokenForm, WebhookForm
from .models import ApiToken, ApiWrite, WebhookEndpoint

DELIVERIES_SHOWN = 50


def docs(request):
    """Swagger UI, served from the app's own static files, reading the schema of /api/v1/."""
    return render(request, "api/docs.html")


def _tokens_page(request, form, *, created=None, secret=""):
    owned = ApiToken.objects.filter(user=request.user)
    writes = ApiWrite.objects.filter(user=request.user).select_related("token")[:20]
    context = {"form": form, "tokens": owned, "writes": writes, "created": created, "secret": secret}
    return render(request, "api/tokens.html", context)


@never_cache
@login_required
def token_list(request):
    """A person's tokens; a new one's secret is shown once, in the answer to the POST that made it."""
    if request.method != "POST":
        return _tokens_page(request, TokenForm())
    organisation_of(request)
    form = TokenForm(request.POST)
    if form.is_valid():
        try:
            token, secret = tokens.create_token(user=request.user, name=form.cleaned_data["name"])
        except tokens.TokenError as error:
            form.add_error("name", str(error))
        else:
            return _tokens_page(request, TokenForm(), created=token, secret=secret)
    return _tokens_page(request, form)


@require_POST
@login_required
def token_revoke(request, pk):
    get_object_or_404(ApiToken, pk=pk, user=request.user)
    try:
        token = tokens.revoke_token(user=request.user, token_id=pk)
    except tokens.TokenError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("The token «%(name)s» is revoked: it opens nothing any more.") % {"name": token.name}
        )
    return redirect("api:tokens")


@role_required(Role.ADMIN)
def webhook_list(request):
    organisation = organisation_of(request)
    form = WebhookForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            endpoint = form.save(commit=False)
            endpoint.organisation, endpoint.created_by = organisation, request.user
            endpoint.secret = webhooks.new_secret()
            endpoint.save()
            messages.success(request, _("The webhook is registered: give its signing secret to the other system."))
            return redirect("api:webhook", pk=endpoint.pk)
        messages.error(request, _("Nothing was saved: please correct the marked fields."))
    endpoints = WebhookEndpoint.objects.filter(organisation=organisation)
    return render(request, "api/webhooks.html", {"form": form, "endpoints": endpoints})


def _endpoint(request, pk):
    return get_for_organisation(WebhookEndpoint.objects.all(), request, pk=pk)


@role_required(Role.ADMIN)
def webhook_detail(request, pk):
    endpoint = _endpoint(request, pk)
    form = WebhookForm(request.POST or None, instance=endpoint)
    if request.method == "POST":
        if form.is_valid():
            form.save()
            messages.success(request, _("The webhook is saved."))
            return redirect("api:webhook", pk=endpoint.pk)
        messages.error(request, _("Nothing was saved: please correct the marked fields."))
    deliveries = endpoint.deliveries.all()[:DELIVERIES_SHOWN]
    return render(request, "api/webhook.html", {"endpoint": endpoint, "form": form, "deliveries": deliveries})


@require_POST
@role_required(Role.ADMIN)
def webhook_test(request, pk):
    endpoint = _endpoint(request, pk)
    webhooks.send_test(endpoint, by=request.user)
    messages.success(request, _("A test message is queued; its outcome appears in the log below."))
    return redirect("api:webhook", pk=endpoint.pk)


@require_POST
@role_required(Role.ADMIN)
def webhook_delete(request, pk):
    endpoint = _endpoint(request, pk)
    url = endpoint.url
    endpoint.delete()
    messages.success(request, _("The webhook %(url)s is deleted.") % {"url": url})
    return redirect("api:webhooks")
