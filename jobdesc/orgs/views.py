"""Pages about the organisation: the home dashboard."""

from django.shortcuts import render

from jobdesc.accounts.access import organisation_of, role_required

from .selectors import positions_overview


@role_required()
def home(request):
    organisation = organisation_of(request)
    positions = positions_overview(organisation)
    return render(request, "orgs/home.html", {"organisation": organisation, "positions": positions})
