"""Only the employee's own account signs: HR cannot make its login sign for Иванов, nor rename a signer."""

import datetime

import pytest

from jobdesc.instructions.acknowledgements import services as acknowledgements
from jobdesc.instructions.errors import WorkflowError
from jobdesc.instructions.models import Acknowledgement, AckStatus
from jobdesc.orgs import invitations
from jobdesc.orgs.models import Employee, Invitation
from jobdesc.orgs.services import update_employee
from tests.conftest import PASSWORD, link_login, login


@pytest.fixture
def ivanov(organisation, position):
    """Иванов's record, not linked to any login yet."""
    return Employee.objects.create(
        organisation=organisation,
        full_name="Иванов Иван Иванович",
        email="ivanov@romashka.example",
        position=position,
        hire_date=datetime.date(2025, 1, 15),
    )


def test_hr_cannot_take_over_a_record_by_renaming_it_between_invitation_and_acceptance(
    ivanov, approved_version, hr, organisation, django_capture_on_commit_callbacks
):
    # HR disguises Иванов's record as its own (own name, own e-mail), invites it, then gives the name back.
    hr.email = "hr@romashka.example"
    hr.save()
    update_employee(employee=ivanov, full_name="Смирнова Ольга Ивановна", email=hr.email)
    with django_capture_on_commit_callbacks(execute=True):
        outcome = invitations.invite(organisation=organisation, employee_ids=[ivanov.pk], by=hr)
    invitation = outcome.invitations[0]
    assert invitation.user == hr
    update_employee(employee=Employee.objects.get(pk=ivanov.pk), full_name="Иванов Иван Иванович")
    token = invitations.tokens.make_token(Invitation.objects.get(pk=invitation.pk))
    with pytest.raises(invitations.InvitationError, match="is not yours"):
        invitations.accept(invitation_id=invitation.pk, token=token, password=PASSWORD)
    assert Employee.objects.get(pk=ivanov.pk).user_id is None


def test_an_office_login_linked_to_someone_elses_record_cannot_sign_for_them(ivanov, approved_version, hr):
    # However the link came about (an old row, a script), HR's login never signs Иванов's instruction.
    link_login(ivanov, hr)
    acknowledgements.sync_employee(ivanov)
    ack = Acknowledgement.objects.get(employee=ivanov, version=approved_version)
    with pytest.raises(WorkflowError, match="a login with an office role signs only for its own person"):
        acknowledgements.sign(acknowledgement_id=ack.pk, user=hr, password=PASSWORD)
    response = login(hr).post(f"/instructions/mine/{ack.pk}/sign/", {"password": PASSWORD})
    assert response.status_code == 400
    assert Acknowledgement.objects.get(pk=ack.pk).status == AckStatus.PENDING


def test_an_office_login_signs_its_own_record(approved_version, hr, organisation, position):
    own = Employee.objects.create(
        organisation=organisation, full_name="Смирнова Ольга Ивановна", position=position, user=hr
    )
    acknowledgements.sync_employee(own)
    ack = Acknowledgement.objects.get(employee=own)
    signed = acknowledgements.sign(acknowledgement_id=ack.pk, user=hr, password=PASSWORD)
    assert signed.status == AckStatus.SIGNED and signed.signer_name == "Смирнова Ольга Ивановна"


def test_a_record_that_has_signed_is_never_unlinked(employee_user, approved_version, hr):
    ack = Acknowledgement.objects.get(employee__user=employee_user)
    acknowledgements.sign(acknowledgement_id=ack.pk, user=employee_user, password=PASSWORD)
    with pytest.raises(invitations.InvitationError):
        invitations.unlink(employee=ack.employee, by=hr)
    assert Employee.objects.get(pk=ack.employee_id).user == employee_user
