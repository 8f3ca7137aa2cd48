"""Starting a draft: empty, from the library, a copy of another position's instruction, or an imported file."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from jobdesc.accounts.access import get_for_organisation, organisation_of, role_required
from jobdesc.accounts.roles import Role
from jobdesc.instructions.drafting.forms import StartDraftForm
from jobdesc.instructions.drafting.services import start_from_form
from jobdesc.instructions.errors import WorkflowError
from jobdesc.orgs.models import Position


@role_required(Role.HR)
def start(request, position_pk):
    position = get_for_organisation(Position.objects.all(), request, pk=position_pk)
    organisation = organisation_of(request)
    form = StartDraftForm(request.POST or None, request.FILES or None, organisation=organisation, position=position)
    if request.method == "POST" and form.is_valid():
        try:
            version = start_from_form(position=position, user=request.user, data=form.cleaned_data)
        except WorkflowError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The draft is ready: add, edit and reorder its clauses."))
            return redirect("instructions:editor", pk=version.pk)
    return render(request, "instructions/start.html", {"form": form, "position": position})
