"""HR's report of contradictions between the organisation's instructions and of near-duplicate instructions."""

from django.shortcuts import render

from jobdesc.accounts.access import organisation_of, role_required
from jobdesc.accounts.roles import Role
from jobdesc.instructions.consistency import services as consistency


@role_required(Role.HR)
def consistency_report(request):
    found = consistency.report(organisation_of(request))
    context = {
        "report": found,
        "no_instruction": found.of("no_instruction"),
        "unknown_manager": found.of("unknown_manager"),
        "not_listed": found.of("not_listed"),
        "shared_duties": found.of("shared_duty"),
        "duplicates": found.of("duplicate_instructions"),
    }
    return render(request, "instructions/consistency.html", context)
