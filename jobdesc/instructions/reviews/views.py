"""HR's list of the instructions due or overdue for review, and marking one reviewed."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jobdesc.accounts.access import organisation_of, role_required
from jobdesc.accounts.roles import Role
from jobdesc.instructions.errors import WorkflowError
from jobdesc.instructions.models import Instruction
from jobdesc.instructions.reviews import services as reviews


@role_required(Role.HR)
def review_list(request):
    organisation = organisation_of(request)
    everything = request.GET.get("all") == "1"
    context = {
        "reviews": reviews.reviews(organisation, everything=everything),
        "everything": everything,
        "period": organisation.review_period_months,
        "soon": reviews.DUE_SOON_DAYS,
    }
    return render(request, "instructions/reviews.html", context)


@require_POST
@role_required(Role.HR)
def mark_reviewed(request, pk):
    instruction = get_object_or_404(Instruction, pk=pk, organisation=organisation_of(request))
    try:
        reviews.mark_reviewed(instruction=instruction, user=request.user)
    except WorkflowError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("«%(position)s» is marked reviewed.") % {"position": instruction.position.title})
    return redirect("instructions:reviews")
