"""The home page: every position of the user's organisation with the state of its instruction."""

from django.db.models import Count, F, OuterRef, Prefetch, Subquery
from django.shortcuts import redirect, render
from django.urls import reverse

from jobdesc.accounts.access import organisation_of, role_required
from jobdesc.instructions.models import Instruction, Status, Version
from jobdesc.orgs.models import Position
from jobdesc.queries import AmongKeys


def positions_overview(organisation):
    """Positions with their department, manager, head count and latest version (`newest`, a list of none or
    one), in a fixed number of queries.

    Only each instruction's latest version is read: the page shows no other, and an organisation's history
    grows with every edition (reading all 5 000 versions of a registry took the page 130 ms).
    """
    newest = Version.objects.filter(instruction=OuterRef("pk")).order_by("-number").values("pk")[:1]
    # Each instruction's latest version found by the index of its numbers, rather than every version checked.
    latest = Instruction.objects.filter(organisation=organisation).annotate(newest=Subquery(newest)).values("newest")
    return (
        Position.objects.for_organisation(organisation)
        .select_related("department", "reports_to", "instruction")
        .annotate(headcount=Count("employees", distinct=True))
        .prefetch_related(
            Prefetch(
                "instruction__versions",
                queryset=Version.objects.filter(AmongKeys(F("pk"), latest)).order_by(),
                to_attr="newest",
            )
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
        newest = position.instruction.newest if hasattr(position, "instruction") else []
        position.latest = newest[0] if newest else None
        # HR continues a draft in the editor; everyone else, and every other state, opens the version's page.
        if position.latest is not None:
            page = "instructions:editor" if position.latest.status == Status.DRAFT and is_hr else "instructions:version"
            position.latest_url = reverse(page, args=[position.latest.pk])
    context = {"organisation": organisation, "positions": positions, "can_start_drafts": is_hr}
    return render(request, "instructions/home.html", context)
