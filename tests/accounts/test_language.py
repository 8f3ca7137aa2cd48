"""Language: the organisation's default for its pages and e-mails, each person's own choice kept in the profile."""

from django.urls import reverse

from jobdesc.accounts.roles import Role
from tests.conftest import login, make_user
from tests.outbox.worker import run_tasks


def test_the_organisations_default_language_decides_over_the_browsers(organisation, hr):
    organisation.interface_language = "en"
    organisation.save()
    page = login(hr).get(reverse("home"), HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert '<html lang="en">' in page


def test_a_persons_own_choice_is_kept_in_the_profile_and_wins(organisation, hr):
    client = login(hr)
    client.post(reverse("accounts:profile"), {"language": "en"})
    hr.refresh_from_db()
    assert hr.language == "en"
    assert '<html lang="en">' in login(hr).get(reverse("home"), HTTP_ACCEPT_LANGUAGE="ru").content.decode()


def test_the_header_switch_stores_the_choice_for_a_logged_in_person(hr):
    client = login(hr)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    hr.refresh_from_db()
    assert hr.language == "en"


def test_the_administrator_sets_the_organisations_language(organisation):
    admin = make_user(organisation, "admin", Role.ADMIN)
    login(admin).post(reverse("orgs:access"), {"interface_language": "en"})
    organisation.refresh_from_db()
    assert organisation.interface_language == "en"


def test_an_e_mail_goes_out_in_the_recipients_language(organisation, hr, django_capture_on_commit_callbacks):
    from django.core import mail

    from jobdesc.orgs.models import Employee

    record = Employee.objects.create(organisation=organisation, full_name="Smith John", email="john@example.org")
    organisation.interface_language = "en"
    organisation.save()
    with django_capture_on_commit_callbacks(execute=True):
        login(hr).post(reverse("orgs:invite"), {"employee": [record.pk]})
    run_tasks()
    assert mail.outbox[0].subject == "ООО «Ромашка» invites you to jobdesc"
