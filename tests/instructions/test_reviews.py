"""Review cycles: the list of instructions due or overdue for review and the out-of-date flag."""

import datetime

from django.db import models
from django.urls import reverse
from django.utils import timezone

from jobdesc.instructions.models import Version
from jobdesc.instructions.reviews import services as reviews
from jobdesc.orgs.models import Department
from jobdesc.orgs.services import update_position
from tests.conftest import login


def age(version, days):
    """Test set-up: let time pass since the approval (the model refuses any change to an approved version)."""
    models.QuerySet.update(
        Version.objects.filter(pk=version.pk), approved_at=timezone.now() - datetime.timedelta(days=days)
    )
    version.refresh_from_db()


def listed(client, everything=False):
    page = client.get(reverse("instructions:reviews") + ("?all=1" if everything else ""))
    assert page.status_code == 200
    return {r.version.pk: r for r in page.context["reviews"]}


def test_an_instruction_approved_over_a_year_ago_is_overdue(hr_client, approved_version):
    age(approved_version, 400)
    review = listed(hr_client)[approved_version.pk]
    assert review.overdue and not review.out_of_date
    assert review.due == reviews.add_months(timezone.localdate(approved_version.approved_at), 12)


def test_a_fresh_instruction_is_due_a_period_later_and_listed_only_with_all(hr_client, approved_version, organisation):
    assert approved_version.pk not in listed(hr_client)
    review = listed(hr_client, everything=True)[approved_version.pk]
    assert review.due == reviews.add_months(timezone.localdate(), 12) and not review.overdue
    organisation.review_period_months = 1
    organisation.save()
    assert listed(hr_client, everything=True)[approved_version.pk].due == reviews.add_months(timezone.localdate(), 1)


def test_a_change_of_the_position_makes_the_instruction_out_of_date_and_due_at_once(
    hr_client, approved_version, position, organisation
):
    support = Department.objects.create(organisation=organisation, name="Отдел сервиса")
    update_position(position=position, title=position.title, department=support, reports_to=position.reports_to)
    review = listed(hr_client)[approved_version.pk]
    assert review.out_of_date and review.due == timezone.localdate()
    page = hr_client.get(reverse("instructions:version", args=[approved_version.pk])).content.decode()
    assert 'id="out-of-date"' in page
    positions = hr_client.get(reverse("orgs:positions")).content.decode()
    assert positions.count("out-of-date") == 1


def test_saving_the_position_unchanged_does_not_flag_it(hr_client, approved_version, position):
    update_position(
        position=position, title=position.title, department=position.department, reports_to=position.reports_to
    )
    assert approved_version.pk not in listed(hr_client)
    assert (
        'id="out-of-date"'
        not in hr_client.get(reverse("instructions:version", args=[approved_version.pk])).content.decode()
    )


def test_marking_reviewed_clears_the_flag_and_starts_a_new_period(hr, hr_client, approved_version, position):
    age(approved_version, 400)
    update_position(position=position, title="Старший менеджер по работе с клиентами", reports_to=position.reports_to)
    response = hr_client.post(reverse("instructions:mark_reviewed", args=[approved_version.instruction_id]))
    assert response.status_code == 302
    assert approved_version.pk not in listed(hr_client)
    review = listed(hr_client, everything=True)[approved_version.pk]
    assert not review.out_of_date and review.due == reviews.add_months(timezone.localdate(), 12)
    assert review.instruction.reviewed_by == hr
    assert reviews.out_of_date_positions([position.pk]) == set()


def test_only_hr_of_the_organisation_marks_reviewed(lawyer, outsider_client, approved_version):
    url = reverse("instructions:mark_reviewed", args=[approved_version.instruction_id])
    assert login(lawyer).post(url).status_code == 403
    assert outsider_client.post(url).status_code == 404
    assert login(lawyer).get(reverse("instructions:reviews")).status_code == 403
    approved_version.instruction.refresh_from_db()
    assert approved_version.instruction.reviewed_at is None


def test_a_draft_alone_cannot_be_marked_reviewed(hr_client, complete_draft):
    response = hr_client.post(reverse("instructions:mark_reviewed", args=[complete_draft.instruction_id]), follow=True)
    complete_draft.instruction.refresh_from_db()
    assert complete_draft.instruction.reviewed_at is None
    assert response.status_code == 200


def test_months_are_added_to_the_last_day_where_the_month_is_shorter():
    assert reviews.add_months(datetime.date(2026, 1, 31), 1) == datetime.date(2026, 2, 28)
    assert reviews.add_months(datetime.date(2026, 11, 15), 12) == datetime.date(2027, 11, 15)


def test_a_category_changed_as_the_staff_import_saves_it_flags_the_instruction(hr_client, approved_version, position):
    from jobdesc.orgs.services import save_position

    position.category = "managers"
    save_position(position)
    assert listed(hr_client)[approved_version.pk].out_of_date
