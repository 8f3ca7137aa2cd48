"""The home page: every position of the user's organisation with the state of its instruction."""

from django.db.models import Count, Prefetch
from django.shortcuts import redirect, render

from jobdesc.accounts.access import organisation_of, role_required
from jobdesc.instructions.models import Version
from jobdesc.orgs.models import Position


def positions_overview(organisation):
    """Positions with their department, manager, head count and versions, in a fixed number of queries."""
    return (
        Position.objects.for_organisation(organisation)
        .select_related("department", "reports_to", "instruction")
        .annotate(headcount=Count("employees", distinct=True))
        .prefetch_related(
            Prefetch("instruction__versions", queryset=Version.objects.order_by("-number"), to_attr="version_list")
        )
        .order_by("department__name", "title")
    )


def home(request):
    if request.user.is_authenticated and request.user.is_superuser and request.user.organisation_id is None:
        return redirect("setup:organisations")
    return _home(request)


@role_required()
def _home(request):
    organisation = organisation_of(request)
    positions = positions_overview(organisation)
    return render(request, "instructions/home.html", {"organisation": organisation, "positions": positions})
