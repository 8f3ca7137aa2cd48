"""The home page: every position of the user's organisation with the state of its instruction."""

from django.db.models import Count, Prefetch
from django.shortcuts import redirect, render
from django.urls import reverse

from jobdesc.accounts.access import organisation_of, role_required
from jobdesc.instructions.models import Status, Version
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
    positions = list(positions_overview(organisation))
    is_hr = request.user.is_hr
    for position in positions:
        versions = position.instruction.version_list if hasattr(position, "instruction") else []
        position.latest = versions[0] if versions else None
        # HR continues a draft in the editor; everyone else, and every other state, opens the version's page.
        if position.latest is not None:
            page = "instructions:editor" if position.latest.status == Status.DRAFT and is_hr else "instructions:version"
            position.latest_url = reverse(page, args=[position.latest.pk])
    context = {"organisation": organisation, "positions": positions, "can_start_drafts": is_hr}
    return render(request, "instructions/home.html", context)
