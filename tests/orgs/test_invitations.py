"""Invitations: HR invites, the person sets their own password through the one-time link, and only then is linked."""

import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from jobdesc.accounts.models import AccountEvent, EventKind, User
from jobdesc.accounts.roles import Role
from jobdesc.orgs import invitations
from jobdesc.orgs.models import Employee, Employment, Invitation, InvitationStatus
from jobdesc.outbox.models import Message
from tests.conftest import PASSWORD, login, make_user
from tests.outbox.worker import run_tasks

NEW_PASSWORD = "Ландыш-весной-2026"
INVITE = reverse("orgs:invite")


@pytest.fixture
def sidorova(organisation, position):
    return Employee.objects.create(
        organisation=organisation,
        full_name="Сидорова Анна Петровна",
        personnel_number="0000-00042",
        email="sidorova@romashka.example",
        position=position,
        hire_date=datetime.date(2025, 3, 1),
    )


@pytest.fixture
def part_time(sidorova, head_of_sales):
    """Сидорова's internal part-time post: a record of its own with the same e-mail."""
    return Employee.objects.create(
        organisation=sidorova.organisation,
        full_name="Сидорова Анна Петровна",
        personnel_number="0000-00042-1",
        email="sidorova@romashka.example",
        position=head_of_sales,
        employment=Employment.PART_TIME,
        rate="0.5",
    )


def invite(client, *employees, capture):
    """HR invites the records; after the commit the worker sends the e-mails queued in the outbox."""
    with capture(execute=True):
        response = client.post(INVITE, {"employee": [e.pk for e in employees]})
    run_tasks()
    return response


def link_of(message) -> str:
    return re.search(r"https?://\S+/invitation/\d+/\S+/", message.body).group(0)


def path_of(link):
    return link.split("://", 1)[1].split("/", 1)[1].join(["/", ""])


def test_hr_invites_a_record_and_the_account_waits_inactive(hr_client, sidorova, django_capture_on_commit_callbacks):
    invite(hr_client, sidorova, capture=django_capture_on_commit_callbacks)
    invitation = Invitation.objects.get()
    account = invitation.user
    assert (account.email, account.is_active, account.has_usable_password()) == (sidorova.email, False, False)
    assert account.organisation == sidorova.organisation
    sidorova.refresh_from_db()
    assert sidorova.user is None, "the record is linked only when the person accepts"
    assert list(invitation.employees.all()) == [sidorova]
    assert AccountEvent.objects.filter(kind=EventKind.INVITED, user=account, actor__username="hr").exists()


def test_the_invitation_e_mail_is_russian_with_the_organisation_and_an_absolute_link(
    hr_client, sidorova, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://jobdesc.example.org"
    invite(hr_client, sidorova, capture=django_capture_on_commit_callbacks)
    (message,) = mail.outbox
    assert message.to == ["sidorova@romashka.example"]
    assert "ООО «Ромашка»" in message.subject
    assert "приглашает" in message.subject
    assert "Общество с ограниченной ответственностью «Ромашка»" in message.body
    assert link_of(message).startswith("https://jobdesc.example.org/invitation/")
    assert "sidorova@romashka.example" in message.body


def test_no_e_mail_leaves_when_the_invitation_is_rolled_back(hr, sidorova, django_capture_on_commit_callbacks):
    from django.db import transaction

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        invitations.invite(organisation=sidorova.organisation, employee_ids=[sidorova.pk], by=hr)
        raise RuntimeError
    run_tasks()
    assert mail.outbox == [] and not Message.objects.exists()
    assert not Invitation.objects.exists()


def test_the_person_sets_a_password_is_linked_and_logged_in(
    hr_client, client, sidorova, django_capture_on_commit_callbacks
):
    invite(hr_client, sidorova, capture=django_capture_on_commit_callbacks)
    url = path_of(link_of(mail.outbox[0]))
    page = client.get(url)
    assert page.status_code == 200
    assert "Сидорова Анна Петровна" in page.content.decode()
    response = client.post(url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 302
    sidorova.refresh_from_db()
    account = sidorova.user
    assert account.is_active and account.check_password(NEW_PASSWORD)
    assert account.has_role(Role.EMPLOYEE)
    assert Invitation.objects.get().status == InvitationStatus.ACCEPTED
    assert client.get(reverse("instructions:my_instructions")).status_code == 200
    kinds = set(AccountEvent.objects.filter(user=account).values_list("kind", flat=True))
    assert {EventKind.INVITED, EventKind.ACCEPTED, EventKind.LINKED, EventKind.ROLE_GRANTED} <= kinds


def test_the_link_works_once(hr_client, client, sidorova, django_capture_on_commit_callbacks):
    invite(hr_client, sidorova, capture=django_capture_on_commit_callbacks)
    url = path_of(link_of(mail.outbox[0]))
    client.post(url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    again = login(make_user(sidorova.organisation, "stranger")).post(
        url, {"new_password1": "Другой-пароль-77", "new_password2": "Другой-пароль-77"}
    )
    assert again.status_code == 410
    sidorova.refresh_from_db()
    assert sidorova.user.check_password(NEW_PASSWORD)


def test_a_weak_password_is_refused_with_a_message_and_nothing_changes(
    hr_client, client, sidorova, django_capture_on_commit_callbacks
):
    invite(hr_client, sidorova, capture=django_capture_on_commit_callbacks)
    url = path_of(link_of(mail.outbox[0]))
    response = client.post(url, {"new_password1": "12345678", "new_password2": "12345678"})
    assert response.status_code == 400
    assert response.context["form"].errors
    assert not User.objects.get(email=sidorova.email).is_active
    assert Invitation.objects.get().status == InvitationStatus.PENDING


def test_a_tampered_or_foreign_token_is_refused(hr_client, client, sidorova, django_capture_on_commit_callbacks):
    invite(hr_client, sidorova, capture=django_capture_on_commit_callbacks)
    invitation = Invitation.objects.get()
    assert client.get(reverse("accept_invitation", args=[invitation.pk, "abc-123"])).status_code == 410
    other = reverse("accept_invitation", args=[invitation.pk + 1, invitations.tokens.make_token(invitation)])
    assert client.get(other).status_code == 410


def test_resending_spends_the_older_link(hr, hr_client, client, sidorova, django_capture_on_commit_callbacks):
    invite(hr_client, sidorova, capture=django_capture_on_commit_callbacks)
    first = path_of(link_of(mail.outbox[0]))
    invitation = Invitation.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        hr_client.post(reverse("orgs:invitation_action"), {"invitation": [invitation.pk], "action": "resend"})
    run_tasks()
    assert len(mail.outbox) == 2
    assert client.get(first).status_code == 410
    assert client.get(path_of(link_of(mail.outbox[1]))).status_code == 200
    assert Invitation.objects.get().send_count == 2


def test_a_revoked_invitation_no_longer_opens(hr_client, client, sidorova, django_capture_on_commit_callbacks):
    invite(hr_client, sidorova, capture=django_capture_on_commit_callbacks)
    invitation = Invitation.objects.get()
    hr_client.post(reverse("orgs:invitation_action"), {"invitation": [invitation.pk], "action": "revoke"})
    assert client.get(path_of(link_of(mail.outbox[0]))).status_code == 410
    assert Invitation.objects.get().status == InvitationStatus.REVOKED
    assert AccountEvent.objects.filter(kind=EventKind.REVOKED).exists()


def test_an_expired_invitation_no_longer_opens_and_is_listed_as_not_accepted(
    hr_client, client, sidorova, django_capture_on_commit_callbacks
):
    invite(hr_client, sidorova, capture=django_capture_on_commit_callbacks)
    Invitation.objects.update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    assert client.get(path_of(link_of(mail.outbox[0]))).status_code == 410
    listed = hr_client.get(reverse("orgs:invitations"))
    assert [i.email for i in listed.context["page"]] == [sidorova.email]
    assert "badge text-bg-warning" in listed.content.decode()


def test_a_person_with_a_part_time_post_gets_one_invitation_for_both_records(
    hr_client, client, sidorova, part_time, django_capture_on_commit_callbacks
):
    invite(hr_client, sidorova, capture=django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1
    invitation = Invitation.objects.get()
    assert set(invitation.employees.all()) == {sidorova, part_time}
    client.post(path_of(link_of(mail.outbox[0])), {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    account = User.objects.get(email=sidorova.email)
    assert set(account.employments.all()) == {sidorova, part_time}


def test_it_refuses_records_without_e_mail_already_linked_or_dismissed(
    hr_client, organisation, employee_user, django_capture_on_commit_callbacks
):
    ivanov = employee_user.employments.get()
    nomail = Employee.objects.create(organisation=organisation, full_name="Безпочтов Пётр Ильич")
    gone = Employee.objects.create(
        organisation=organisation,
        full_name="Уволенов Олег Олегович",
        email="gone@romashka.example",
        hire_date=datetime.date(2020, 1, 1),
        dismissal_date=datetime.date(2024, 1, 1),
    )
    response = invite(hr_client, ivanov, nomail, gone, capture=django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_two_people_sharing_an_e_mail_are_not_invited(
    hr_client, organisation, sidorova, django_capture_on_commit_callbacks
):
    Employee.objects.create(organisation=organisation, full_name="Петров Пётр Петрович", email=sidorova.email)
    invite(hr_client, sidorova, capture=django_capture_on_commit_callbacks)
    assert not Invitation.objects.exists()


def test_an_existing_login_confirms_its_new_record_with_its_password(
    hr_client, client, organisation, sidorova, django_capture_on_commit_callbacks
):
    account = make_user(organisation, "anna", full_name="Сидорова Анна")
    User.objects.filter(pk=account.pk).update(email=sidorova.email)
    invite(hr_client, sidorova, capture=django_capture_on_commit_callbacks)
    assert Invitation.objects.get().user == account
    url = path_of(link_of(mail.outbox[0]))
    assert client.post(url, {"password": "wrong"}).status_code == 400
    assert Employee.objects.get(pk=sidorova.pk).user is None
    client.post(url, {"password": PASSWORD})
    assert Employee.objects.get(pk=sidorova.pk).user == account


def test_a_login_of_another_person_with_the_same_e_mail_is_never_linked(
    hr_client, organisation, sidorova, lawyer, django_capture_on_commit_callbacks
):
    User.objects.filter(pk=lawyer.pk).update(email=sidorova.email)
    invite(hr_client, sidorova, capture=django_capture_on_commit_callbacks)
    assert not Invitation.objects.exists()


def test_the_list_invites_everyone_without_a_login_at_once(
    hr_client, organisation, position, django_capture_on_commit_callbacks
):
    for n in range(5):
        Employee.objects.create(
            organisation=organisation,
            full_name=f"Работников Иван {n}",
            email=f"w{n}@romashka.example",
            position=position,
        )
    with django_capture_on_commit_callbacks(execute=True):
        hr_client.post(INVITE, {"everyone": "1"})
    run_tasks()
    assert Invitation.objects.count() == 5
    assert len(mail.outbox) == 5
    with django_capture_on_commit_callbacks(execute=True):
        hr_client.post(INVITE, {"everyone": "1"})
    assert Invitation.objects.count() == 5, "those waiting already are not invited twice"


def test_hr_unlinks_a_login_that_has_not_signed(hr_client, employee_user):
    record = employee_user.employments.get()
    hr_client.post(reverse("orgs:employee_unlink", args=[record.pk]))
    record.refresh_from_db()
    assert record.user is None
    assert AccountEvent.objects.filter(kind=EventKind.UNLINKED, employee=record, actor__username="hr").exists()


def test_a_login_that_has_signed_is_never_unlinked(hr_client, employee_user, approved_version):
    from jobdesc.instructions.acknowledgements import services as acknowledgements
    from jobdesc.instructions.models import Acknowledgement

    record = employee_user.employments.get()
    ack = Acknowledgement.objects.get(employee=record)
    acknowledgements.sign(acknowledgement_id=ack.pk, user=employee_user, password=PASSWORD)
    hr_client.post(reverse("orgs:employee_unlink", args=[record.pk]))
    record.refresh_from_db()
    assert record.user == employee_user
    assert not AccountEvent.objects.filter(kind=EventKind.UNLINKED).exists()


def test_only_hr_invites_and_an_outsider_reaches_no_record(lawyer, outsider_client, sidorova):
    assert login(lawyer).post(INVITE, {"employee": [sidorova.pk]}).status_code == 403
    outsider_client.post(INVITE, {"employee": [sidorova.pk]})
    assert not Invitation.objects.exists()
    assert outsider_client.post(reverse("orgs:employee_unlink", args=[sidorova.pk])).status_code == 404


def test_a_record_whose_e_mail_hr_corrected_is_not_linked_by_the_old_invitation(
    hr_client, client, sidorova, django_capture_on_commit_callbacks
):
    invite(hr_client, sidorova, capture=django_capture_on_commit_callbacks)
    Employee.objects.filter(pk=sidorova.pk).update(email="anna.sidorova@romashka.example")
    client.post(path_of(link_of(mail.outbox[0])), {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    sidorova.refresh_from_db()
    assert sidorova.user is None
