"""A new version of the instruction in force: a draft copy, opened in the editor."""

from django.urls import reverse

from jobdesc.instructions.models import Version


def test_hr_starts_a_new_version_from_the_one_in_force(approved_version, hr_client):
    response = hr_client.post(reverse("instructions:new_version", args=[approved_version.pk]))
    draft = Version.objects.get(instruction=approved_version.instruction, number=2)
    assert response["Location"] == reverse("instructions:editor", args=[draft.pk])
