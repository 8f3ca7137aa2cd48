"""The changes between two versions of one instruction, word by word."""

from django.shortcuts import render

from jobdesc.accounts.access import role_required
from jobdesc.instructions.diff.services import compare
from jobdesc.instructions.selectors import version_for_user


@role_required()
def diff(request, pk, other_pk):
    """The changes from version `other_pk` (older) to version `pk` (newer) of the same instruction."""
    version = version_for_user(request.user, pk)
    other = version_for_user(request.user, other_pk, instruction=version.instruction)
    return render(
        request,
        "instructions/diff.html",
        {
            "version": version,
            "other": other,
            "sections": compare(other, version),
            "position": version.instruction.position,
        },
    )
