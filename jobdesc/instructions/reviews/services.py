"""Review cycles of the instructions in force: when each is due, which are out of date, and marking one reviewed.

An instruction in force is due for review the organisation's period after its approval or its last
review. When the position's title, department, reports-to or category changed after that, the
instruction describes a post that is no longer there: it is out of date and due at once.
"""

import calendar
import datetime
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from jobdesc.instructions.errors import WorkflowError
from jobdesc.instructions.models import OPEN_STATUSES, Instruction, Version

# Instructions due within this many days are listed with the overdue ones.
DUE_SOON_DAYS = 30


@dataclass
class Review:
    version: Version
    due: datetime.date
    out_of_date: bool
    next_version: Version | None = None  # an edition already in work

    @property
    def instruction(self):
        return self.version.instruction

    @property
    def position(self):
        return self.version.instruction.position

    @property
    def overdue(self) -> bool:
        return self.due < timezone.localdate()

    @property
    def days(self) -> int:
        return (self.due - timezone.localdate()).days


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later; the 31st becomes the month's last day where it has none."""
    year, month = divmod(day.month - 1 + months, 12)
    year, month = day.year + year, month + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def _reviewed_since(version) -> datetime.datetime:
    reviewed = version.instruction.reviewed_at
    return max(version.approved_at, reviewed) if reviewed else version.approved_at


def review_of(version, organisation) -> Review:
    """When the instruction in force `version` is due for review, and whether its position changed since."""
    since = _reviewed_since(version)
    changed = version.instruction.position.data_changed_at
    if changed is not None and changed > since:
        return Review(version, timezone.localdate(changed), out_of_date=True)
    due = add_months(timezone.localdate(since), organisation.review_period_months)
    return Review(version, due, out_of_date=False)


def _stale() -> Q:
    """Versions in force whose position changed after their approval and after the last review."""
    changed = F("instruction__position__data_changed_at")
    return Q(instruction__position__data_changed_at__gt=F("approved_at")) & (
        Q(instruction__reviewed_at__isnull=True) | Q(instruction__reviewed_at__lt=changed)
    )


def reviews(organisation, *, everything=False) -> list[Review]:
    """Instructions in force overdue or due within a month (all of them with `everything`), soonest first."""
    in_force = (
        Version.objects.in_force()
        .filter(instruction__organisation=organisation)
        .select_related("instruction__position__department", "instruction__reviewed_by", "approved_by")
    )
    open_versions = {
        v.instruction_id: v
        for v in Version.objects.filter(instruction__organisation=organisation, status__in=OPEN_STATUSES)
    }
    horizon = timezone.localdate() + datetime.timedelta(days=DUE_SOON_DAYS)
    result = []
    for version in in_force:
        review = review_of(version, organisation)
        review.next_version = open_versions.get(version.instruction_id)
        if everything or review.due <= horizon:
            result.append(review)
    result.sort(key=lambda r: (r.due, r.position.title))
    return result


def out_of_date_positions(position_ids) -> set[int]:
    """Of `position_ids`, those whose instruction in force was approved before the position last changed."""
    stale = Version.objects.in_force().filter(_stale(), instruction__position_id__in=list(position_ids))
    return set(stale.values_list("instruction__position_id", flat=True))


def is_out_of_date(version) -> bool:
    return version.status == "approved" and Version.objects.filter(_stale(), pk=version.pk).exists()


@transaction.atomic
def mark_reviewed(*, instruction, user) -> Instruction:
    """HR confirms the instruction in force still describes the post: the next review is a full period later."""
    instruction = Instruction.objects.select_for_update().get(pk=instruction.pk)
    if not user.is_hr or instruction.organisation_id != user.organisation_id:
        raise WorkflowError(_("Only an HR officer of the organisation reviews its instructions."))
    if not instruction.versions.in_force().exists():
        raise WorkflowError(_("Only an instruction in force is reviewed."))
    instruction.reviewed_at, instruction.reviewed_by = timezone.now(), user
    instruction.save(update_fields=["reviewed_at", "reviewed_by"])
    return instruction
