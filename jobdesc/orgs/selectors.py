"""Read queries about an organisation's structure that views share."""

from django.db.models import Count, Prefetch

from jobdesc.instructions.models import Version

from .models import Position


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
