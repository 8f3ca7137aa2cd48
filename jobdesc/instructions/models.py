"""Instructions, their versions and the ordered sections and items a version holds.

A version's content is a copy, not a live link to the library. Content can change only while the
version is a draft, and an approved (or later superseded or withdrawn) version refuses every change
except the few steps that follow approval: this is enforced here, for `save()`, `delete()` and
queryset `update()`/`delete()`, so no view, form, admin action or script can get round it.
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, FSMModelMixin, transition
from simple_history.models import HistoricalRecords

from jobdesc.instructions.errors import FrozenVersionError
from jobdesc.languages import Language
from jobdesc.orgs.models import OriginalMode


class Status(models.TextChoices):
    DRAFT = "draft", _("draft")
    AGREEMENT = "agreement", _("on agreement")
    APPROVAL = "approval", _("on approval")
    APPROVED = "approved", _("approved")
    SUPERSEDED = "superseded", _("superseded")
    WITHDRAWN = "withdrawn", _("withdrawn")

    @property
    def tone(self) -> str:
        """The Bootstrap colour of a badge showing this status: in force green, a draft grey, the rest amber."""
        if self == Status.APPROVED:
            return "success"
        return "secondary" if self == Status.DRAFT else "warning"


FROZEN_STATUSES = frozenset({Status.APPROVED, Status.SUPERSEDED, Status.WITHDRAWN})
OPEN_STATUSES = frozenset({Status.DRAFT, Status.AGREEMENT, Status.APPROVAL})
# What may still happen to a frozen version: it is superseded or withdrawn, and its PDF is stored once.
FROZEN_STATUS_MOVES = {
    Status.APPROVED: {Status.APPROVED, Status.SUPERSEDED, Status.WITHDRAWN},
    Status.SUPERSEDED: {Status.SUPERSEDED},
    Status.WITHDRAWN: {Status.WITHDRAWN},
}
FIELDS_SET_AFTER_APPROVAL = {"status", "superseded_at", "withdrawn_at", "withdrawn_by"}
# The snapshot is written by the approval itself; an older approval's empty one may be filled once.
FIELDS_SET_ONCE = {"pdf", "pdf_sha256", "snapshot"}


class InstructionQuerySet(models.QuerySet):
    def update(self, **kwargs):
        if {"organisation", "organisation_id", "position", "position_id"} & set(kwargs) and Version.objects.filter(
            instruction__in=self, status__in=FROZEN_STATUSES
        ).exists():
            raise FrozenVersionError(
                _("An instruction with approved versions stays with its organisation and position.")
            )
        return super().update(**kwargs)


class Instruction(models.Model):
    """The job description of one position; its text lives in its versions."""

    organisation = models.ForeignKey("orgs.Organisation", on_delete=models.CASCADE, related_name="instructions")
    position = models.OneToOneField(
        "orgs.Position", verbose_name=_("position"), on_delete=models.PROTECT, related_name="instruction"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # The last review that found the version in force still right; the next one is due a period later.
    reviewed_at = models.DateTimeField(_("last reviewed"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = InstructionQuerySet.as_manager()

    class Meta:
        verbose_name = _("instruction")
        verbose_name_plural = _("instructions")
        ordering = ["position__title"]

    def __str__(self):
        return str(self.position)

    def save(self, *args, **kwargs):
        # An approved version's PDF, journal line and signatures belong to one organisation and position for good.
        if self.pk and self._moves_frozen_record():
            raise FrozenVersionError(
                _("An instruction with approved versions stays with its organisation and position.")
            )
        super().save(*args, **kwargs)

    def clean(self):
        if self.position_id and self.organisation_id and self.position.organisation_id != self.organisation_id:
            raise ValidationError({"position": _("The position belongs to another organisation.")})
        if self.pk and self._moves_frozen_record():
            raise ValidationError(_("An instruction with approved versions stays with its organisation and position."))

    def _moves_frozen_record(self) -> bool:
        stored = Instruction.objects.filter(pk=self.pk).values("organisation_id", "position_id").first()
        if stored is None or (stored["organisation_id"], stored["position_id"]) == (
            self.organisation_id,
            self.position_id,
        ):
            return False
        return self.versions.filter(status__in=FROZEN_STATUSES).exists()


class VersionQuerySet(models.QuerySet):
    def in_force(self):
        return self.filter(status=Status.APPROVED)

    def frozen(self):
        return self.filter(status__in=FROZEN_STATUSES)

    def awaiting_agreement_by(self, user):
        return self.filter(
            status=Status.AGREEMENT,
            visas__official=user,
            visas__round=models.F("agreement_round"),
            visas__decision=Decision.PENDING,
        )

    def awaiting_approval(self):
        return self.filter(status=Status.APPROVAL)

    def update(self, **kwargs):
        if "status" in kwargs:
            # A status changes only through the transitions of the workflow, one version at a time.
            raise FrozenVersionError(_("The status of a version changes only through the workflow."))
        if self.frozen().exists():
            raise FrozenVersionError(_("An approved version cannot be changed."))
        return super().update(**kwargs)

    def delete(self):
        if self.frozen().exists():
            raise FrozenVersionError(_("An approved version cannot be deleted."))
        return super().delete()


class Version(FSMModelMixin, models.Model):
    instruction = models.ForeignKey(Instruction, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    # Protected: the status cannot be assigned, only moved by the transitions below (see workflow.py).
    status = FSMField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, protected=True)
    agreement_round = models.PositiveIntegerField(_("agreement round"), default=0)
    language = models.CharField(_("language"), max_length=2, choices=Language.choices, default="ru")
    # Bumped by every content change; a save that carries an older value is stale (see the editor).
    revision = models.PositiveIntegerField(_("revision"), default=1)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(_("sent for agreement"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    effective_date = models.DateField(_("in force from"), null=True, blank=True)
    # Paper or electronic original (orgs.OriginalMode); empty until chosen: the organisation's default then
    # applies, and approval writes it here, so an approved version keeps the mode it was approved in.
    original_mode = models.CharField(_("original"), max_length=10, choices=OriginalMode.choices, blank=True, default="")
    superseded_at = models.DateTimeField(_("superseded"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    pdf = models.FileField(_("stored PDF"), upload_to="instructions/", blank=True)
    pdf_sha256 = models.CharField(_("SHA-256 of the PDF"), max_length=64, blank=True)
    # Everything a rendering prints, as it was at the approval (see jobdesc/documents/context.py): an
    # approved version's PDF, DOCX, preview and pages read it, never the live organisation and people.
    snapshot = models.JSONField(_("printed at approval"), default=dict, blank=True, editable=False)

    objects = VersionQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["revision", "snapshot"])

    class Meta:
        verbose_name = _("version")
        verbose_name_plural = _("versions")
        ordering = ["instruction", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["instruction", "number"], name="version_unique_number"),
            models.UniqueConstraint(
                fields=["instruction"], condition=Q(status="approved"), name="version_one_in_force"
            ),
            models.UniqueConstraint(
                fields=["instruction"],
                condition=Q(status__in=["draft", "agreement", "approval"]),
                name="version_one_open",
            ),
            models.CheckConstraint(condition=Q(status__in=[s.value for s in Status]), name="version_status_valid"),
            models.CheckConstraint(
                condition=~Q(status__in=["approved", "superseded", "withdrawn"])
                | Q(approved_at__isnull=False, approved_by__isnull=False),
                name="version_approved_has_approver",
            ),
        ]

    def __str__(self):
        return f"{self.instruction} — {self.number}"

    def save(self, *args, **kwargs):
        if self.pk:
            self._check_frozen_change()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        stored = Version.objects.filter(pk=self.pk).values_list("status", flat=True).first()
        if stored in FROZEN_STATUSES:
            raise FrozenVersionError(_("An approved version cannot be deleted."))
        return super().delete(*args, **kwargs)

    @property
    def is_frozen(self) -> bool:
        return self.status in FROZEN_STATUSES

    @property
    def is_in_force(self) -> bool:
        return self.status == Status.APPROVED

    @property
    def is_editable(self) -> bool:
        return self.status == Status.DRAFT

    @property
    def status_tone(self) -> str:
        return Status(self.status).tone

    # The state graph. Each transition only moves the status; who may take a step (by role, never by a
    # permission string) and its effects (visas, the journal number, superseding, notifications) are in
    # jobdesc/instructions/workflow/services.py.
    @transition(field=status, source=Status.DRAFT, target=Status.AGREEMENT)
    def submit(self):
        self.agreement_round += 1

    @transition(field=status, source=Status.AGREEMENT, target=Status.APPROVAL)
    def complete_agreement(self):
        pass

    @transition(field=status, source=Status.AGREEMENT, target=Status.DRAFT)
    def return_from_agreement(self):
        pass

    @transition(field=status, source=Status.APPROVAL, target=Status.APPROVED)
    def approve(self):
        pass

    @transition(field=status, source=Status.APPROVAL, target=Status.DRAFT)
    def return_from_approval(self):
        pass

    @transition(field=status, source=Status.APPROVED, target=Status.SUPERSEDED)
    def supersede(self):
        pass

    @transition(field=status, source=Status.APPROVED, target=Status.WITHDRAWN)
    def withdraw(self):
        pass

    def _check_frozen_change(self):
        stored = Version.objects.filter(pk=self.pk).first()
        if stored is None or stored.status not in FROZEN_STATUSES:
            return
        if self.status not in FROZEN_STATUS_MOVES[stored.status]:
            raise FrozenVersionError(_("An approved version cannot go back to work; make a new version."))
        for field in self._meta.concrete_fields:
            name = field.attname
            old, new = getattr(stored, name), getattr(self, name)
            if field.name in FIELDS_SET_AFTER_APPROVAL or old == new:
                continue
            if field.name in FIELDS_SET_ONCE and not old:
                continue
            raise FrozenVersionError(
                _("An approved version cannot be changed (field «%(field)s»).") % {"field": field.verbose_name}
            )


def _check_version_editable(version_id):
    status = Version.objects.filter(pk=version_id).values_list("status", flat=True).first()
    if status is not None and status != Status.DRAFT:
        raise FrozenVersionError(
            _("Only a draft can be edited; this version is «%(status)s».") % {"status": Status(status).label}
        )


class ContentQuerySet(models.QuerySet):
    """Refuses bulk changes to the content of a version that is no longer a draft."""

    version_path = "section__version"

    def _touches_closed_versions(self):
        return self.exclude(**{f"{self.version_path}__status": Status.DRAFT}).exists()

    def update(self, **kwargs):
        if self._touches_closed_versions():
            raise FrozenVersionError(_("Only a draft can be edited."))
        return super().update(**kwargs)

    def delete(self):
        if self._touches_closed_versions():
            raise FrozenVersionError(_("Only a draft can be edited."))
        return super().delete()


class SectionQuerySet(ContentQuerySet):
    version_path = "version"


class Section(models.Model):
    version = models.ForeignKey(Version, on_delete=models.CASCADE, related_name="sections")
    kind = models.ForeignKey("library.SectionKind", verbose_name=_("kind"), on_delete=models.PROTECT)
    heading = models.CharField(
        _("heading"), max_length=300, blank=True, help_text=_("Leave empty for the standard heading.")
    )
    order = models.PositiveSmallIntegerField(_("order"))

    objects = SectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["version", "order"]
        constraints = [
            models.UniqueConstraint(fields=["version", "kind"], name="section_unique_kind"),
        ]

    def __str__(self):
        return self.heading or self.kind.title(self.version.language)

    def save(self, *args, **kwargs):
        _check_version_editable(self.version_id)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        _check_version_editable(self.version_id)
        return super().delete(*args, **kwargs)


class Item(models.Model):
    """One clause of a version, with its own text; sub-items (1.4.1) hang under a parent."""

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="items")
    parent = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True, related_name="children")
    order = models.PositiveIntegerField(_("order"))
    text = models.TextField(_("text"))
    clause = models.ForeignKey(
        "library.Clause",
        verbose_name=_("library clause"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="items",
    )

    # The same clause keeps its key from version to version, so a diff can tell moved and reworded
    # clauses from removed and added ones.
    key = models.UUIDField(_("lineage key"), default=uuid.uuid4, editable=False, db_index=True)
    # Bumped by every change of the text: an edit made from an older revision is stale and refused.
    revision = models.PositiveIntegerField(_("revision"), default=1)

    objects = ContentQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["revision"])

    class Meta:
        verbose_name = _("item")
        verbose_name_plural = _("items")
        ordering = ["section", "parent_id", "order"]
        constraints = [
            models.CheckConstraint(condition=~Q(parent=models.F("id")), name="item_not_own_parent"),
        ]

    def __str__(self):
        return self.text[:80]

    def save(self, *args, **kwargs):
        _check_version_editable(Section.objects.filter(pk=self.section_id).values("version_id")[:1])
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        _check_version_editable(Section.objects.filter(pk=self.section_id).values("version_id")[:1])
        return super().delete(*args, **kwargs)


class Decision(models.TextChoices):
    PENDING = "pending", _("waiting")
    AGREED = "agreed", _("agreed")
    RETURNED = "returned", _("returned")
    # Asked but not needed any more: another official returned the draft in the same round.
    CLOSED = "closed", _("not needed")


class Visa(models.Model):
    """One agreeing official's decision on a version in one round of agreement."""

    version = models.ForeignKey(Version, on_delete=models.CASCADE, related_name="visas")
    official = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("agreeing official"), on_delete=models.PROTECT, related_name="visas"
    )
    round = models.PositiveIntegerField(_("round"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices, default=Decision.PENDING)
    comment = models.TextField(_("comment"), blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("visa")
        verbose_name_plural = _("visas")
        ordering = ["version", "round", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["version", "round", "official"], name="visa_one_per_official_per_round"),
            models.CheckConstraint(
                condition=Q(decision__in=["pending", "agreed", "returned", "closed"]), name="visa_decision_valid"
            ),
            models.CheckConstraint(condition=~Q(decision="returned") | ~Q(comment=""), name="visa_return_has_comment"),
        ]

    def __str__(self):
        return f"{self.official} — {self.get_decision_display()}"


class Comment(models.Model):
    """A remark on a version or on one of its clauses, seen by everyone in the process."""

    version = models.ForeignKey(Version, on_delete=models.CASCADE, related_name="comments")
    item = models.ForeignKey(Item, on_delete=models.SET_NULL, null=True, blank=True, related_name="comments")
    # The clause's number and text when the comment was made: the item may later move or be deleted.
    item_number = models.CharField(_("clause"), max_length=20, blank=True)
    item_text = models.TextField(_("clause text"), blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "id"]
        constraints = [models.CheckConstraint(condition=~Q(text=""), name="comment_not_empty")]

    def __str__(self):
        return self.text[:80]


class JournalEntry(models.Model):
    """A line of the registry journal (журнал регистрации должностных инструкций)."""

    organisation = models.ForeignKey("orgs.Organisation", on_delete=models.PROTECT, related_name="journal")
    number = models.PositiveIntegerField(_("registration number"))
    version = models.OneToOneField(Version, on_delete=models.PROTECT, related_name="journal_entry")
    registered_on = models.DateField(_("registered"))

    class Meta:
        verbose_name = _("journal entry")
        verbose_name_plural = _("registry journal")
        ordering = ["organisation", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "number"], name="journal_unique_number"),
        ]

    def __str__(self):
        return f"№ {self.number}"


class AckStatus(models.TextChoices):
    PENDING = "pending", _("requested")
    VIEWED = "viewed", _("viewed")
    OVERDUE = "overdue", _("overdue")
    SIGNED = "signed", _("signed")
    PAPER = "paper", _("signed on paper")
    REFUSED = "refused", _("refused")
    CLOSED = "closed", _("cancelled: the version was replaced")

    @property
    def tone(self) -> str:
        """The Bootstrap colour of a badge showing this status: overdue red, signed (either way) green,
        refused amber, the rest light."""
        if self == AckStatus.OVERDUE:
            return "danger"
        if self in SIGNED_ACK_STATUSES:
            return "success"
        return "warning" if self == AckStatus.REFUSED else "light"

    @property
    def outcome_tone(self) -> str:
        """The colour of this status where only the outcome counts (HR's dashboard): signed green, the rest red."""
        return "success" if self in SIGNED_ACK_STATUSES else "danger"


# Still waiting for the employee; a signature (electronic or on paper) is final and never changes.
OPEN_ACK_STATUSES = (AckStatus.PENDING, AckStatus.VIEWED, AckStatus.OVERDUE)
SIGNED_ACK_STATUSES = (AckStatus.SIGNED, AckStatus.PAPER)
# A refusal is recorded with an act, yet the employee may still change their mind and sign.
SIGNABLE_ACK_STATUSES = (*OPEN_ACK_STATUSES, AckStatus.REFUSED)


class AcknowledgementQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=OPEN_ACK_STATUSES)

    def signed(self):
        """Signed electronically or on paper."""
        return self.filter(status__in=SIGNED_ACK_STATUSES)

    def update(self, **kwargs):
        if self.filter(status__in=SIGNED_ACK_STATUSES).exists():
            raise FrozenVersionError(_("A recorded signature can never be changed."))
        return super().update(**kwargs)

    def delete(self):
        if self.filter(status__in=SIGNED_ACK_STATUSES).exists():
            raise FrozenVersionError(_("A recorded signature can never be deleted."))
        return super().delete()


class Acknowledgement(models.Model):
    """An employee's request to read a version in force, and once signed, the proof of it.

    Signing is a simple electronic signature: the password re-entered, with who, when, from where,
    and the SHA-256 of the exact PDF the employee was shown. A signed row never changes.
    """

    version = models.ForeignKey(Version, on_delete=models.PROTECT, related_name="acknowledgements")
    employee = models.ForeignKey("orgs.Employee", on_delete=models.PROTECT, related_name="acknowledgements")
    status = models.CharField(_("status"), max_length=10, choices=AckStatus.choices, default=AckStatus.PENDING)
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("last reminder"), null=True, blank=True)
    reminders = models.PositiveSmallIntegerField(_("reminders sent"), default=0)
    signed_at = models.DateTimeField(_("signed"), null=True, blank=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=500, blank=True)
    pdf_sha256 = models.CharField(_("SHA-256 of the signed PDF"), max_length=64, blank=True)
    # The signer as the sheet prints them, fixed at signing: a later rename changes no signed row.
    signer_name = models.CharField(_("signer's name"), max_length=300, blank=True)
    signer_position = models.CharField(_("signer's position"), max_length=300, blank=True)
    # The campaign the request belongs to, its own due date (a hire's first day, a transfer's date, a
    # leave's extension) and the time of each step; every change is also a row of AckEvent.
    campaign = models.ForeignKey(
        "Campaign", verbose_name=_("campaign"), on_delete=models.PROTECT, null=True, blank=True, related_name="requests"
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    viewed_at = models.DateTimeField(_("viewed"), null=True, blank=True)
    overdue_at = models.DateTimeField(_("overdue since"), null=True, blank=True)
    early_reminder_at = models.DateTimeField(_("reminded before the due date"), null=True, blank=True)
    due_reminder_at = models.DateTimeField(_("reminded on the due date"), null=True, blank=True)
    escalated_at = models.DateTimeField(_("manager told"), null=True, blank=True)
    paper_signed_on = models.DateField(_("signed on paper on"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    refused_at = models.DateTimeField(_("refused"), null=True, blank=True)

    objects = AcknowledgementQuerySet.as_manager()

    class Meta:
        verbose_name = _("acknowledgement")
        verbose_name_plural = _("acknowledgements")
        ordering = ["version", "employee__full_name"]
        constraints = [
            models.UniqueConstraint(fields=["version", "employee"], name="ack_one_per_employee_and_version"),
            models.CheckConstraint(condition=Q(status__in=AckStatus.values), name="ack_status_valid"),
            models.CheckConstraint(
                condition=~Q(status="paper") | Q(paper_signed_on__isnull=False, recorded_by__isnull=False),
                name="ack_paper_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(status="refused") | Q(refused_at__isnull=False, recorded_by__isnull=False),
                name="ack_refusal_has_time",
            ),
            models.CheckConstraint(
                condition=~Q(status="signed")
                | (Q(signed_at__isnull=False, signed_by__isnull=False) & ~Q(pdf_sha256="")),
                name="ack_signed_has_proof",
            ),
        ]

    def __str__(self):
        return f"{self.employee} — {self.version}"

    def save(self, *args, **kwargs):
        if self.pk and Acknowledgement.objects.filter(pk=self.pk, status__in=SIGNED_ACK_STATUSES).exists():
            raise FrozenVersionError(_("A recorded signature can never be changed."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if Acknowledgement.objects.filter(pk=self.pk, status__in=SIGNED_ACK_STATUSES).exists():
            raise FrozenVersionError(_("A recorded signature can never be deleted."))
        return super().delete(*args, **kwargs)

    def capture_signer(self) -> None:
        """Fix the employee's name and position as printed; called by every step that signs the row."""
        employee = self.employee
        self.signer_name = employee.full_name
        self.signer_position = employee.position.title if employee.position_id else ""

    @property
    def fingerprint(self) -> str:
        """A short form of the signed document's hash, as printed on the acknowledgement sheet."""
        return self.pdf_sha256[:12]

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_ACK_STATUSES

    @property
    def is_signable(self) -> bool:
        """The employee may sign it now: still open, or refused (a refusal can be reconsidered)."""
        return self.status in SIGNABLE_ACK_STATUSES

    @property
    def is_signed(self) -> bool:
        return self.status in SIGNED_ACK_STATUSES

    @property
    def is_overdue(self) -> bool:
        return self.status == AckStatus.OVERDUE

    @property
    def status_tone(self) -> str:
        return AckStatus(self.status).tone


class ClauseUpdateKind(models.TextChoices):
    DRAFT = "draft", _("draft updated")
    EDITION = "edition", _("new edition started")


class ClauseUpdate(models.Model):
    """A library clause's revision carried into one instruction: its draft edited, or a new edition started.

    One per revision and instruction, so confirming the same change twice does nothing the second time.
    """

    revision = models.ForeignKey("library.ClauseRevision", on_delete=models.CASCADE, related_name="updates")
    instruction = models.ForeignKey(Instruction, on_delete=models.CASCADE, related_name="clause_updates")
    version = models.ForeignKey(Version, on_delete=models.CASCADE, related_name="clause_updates")
    kind = models.CharField(_("kind"), max_length=10, choices=ClauseUpdateKind.choices)
    items = models.PositiveSmallIntegerField(_("clauses changed"))
    applied_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    applied_at = models.DateTimeField(_("applied"), auto_now_add=True)

    class Meta:
        verbose_name = _("clause update")
        verbose_name_plural = _("clause updates")
        ordering = ["-applied_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["revision", "instruction"], name="clause_update_once_per_instruction"),
            models.CheckConstraint(condition=Q(kind__in=["draft", "edition"]), name="clause_update_kind_valid"),
        ]

    def __str__(self):
        return f"{self.revision} → {self.version}"


class Campaign(models.Model):
    """The drive to have everyone in a position read a version, opened when it is approved, with a due date."""

    version = models.OneToOneField(
        Version, verbose_name=_("version"), on_delete=models.PROTECT, related_name="campaign"
    )
    due_date = models.DateField(_("due date"))
    created_at = models.DateTimeField(_("opened"), default=timezone.now)

    class Meta:
        verbose_name = _("acknowledgement campaign")
        verbose_name_plural = _("acknowledgement campaigns")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.version} — {self.due_date:%d.%m.%Y}"


class EventKind(models.TextChoices):
    STATUS = "status", _("status changed")
    REQUEST = "request", _("request sent")
    REMINDER = "reminder", _("reminder sent")
    ESCALATION = "escalation", _("manager told")
    DUE_MOVED = "due_moved", _("due date moved")
    SCAN = "scan", _("scanned sheet attached")


class AckEvent(models.Model):
    """One line of a request's history: a change of status, a message sent about it, a moved due date."""

    acknowledgement = models.ForeignKey(Acknowledgement, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(_("time"), default=timezone.now)
    kind = models.CharField(_("kind"), max_length=12, choices=EventKind.choices)
    status = models.CharField(_("status"), max_length=10, choices=AckStatus.choices, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    message = models.ForeignKey(
        "outbox.Message", verbose_name=_("e-mail"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("request event")
        verbose_name_plural = _("request events")
        ordering = ["at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=EventKind.values), name="ack_event_kind_valid"),
            models.CheckConstraint(condition=~Q(kind="status") | ~Q(status=""), name="ack_event_status_given"),
        ]

    def __str__(self):
        return f"{self.acknowledgement_id}: {self.get_kind_display()} {self.at:%d.%m.%Y %H:%M}"


class LeaveKind(models.TextChoices):
    VACATION = "vacation", _("vacation")
    SICK = "sick", _("sick leave")
    OTHER = "other", _("other absence")


class Leave(models.Model):
    """An employee away (отпуск, больничный): their open requests' due dates move past it."""

    employee = models.ForeignKey(
        "orgs.Employee", verbose_name=_("employee"), on_delete=models.CASCADE, related_name="leaves"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=LeaveKind.choices, default=LeaveKind.VACATION)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        verbose_name = _("leave")
        verbose_name_plural = _("leaves")
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")), name="leave_ends_after_start"),
            models.CheckConstraint(condition=Q(kind__in=LeaveKind.values), name="leave_kind_valid"),
        ]

    def __str__(self):
        return f"{self.employee}: {self.get_kind_display()} {self.starts_on:%d.%m.%Y}–{self.ends_on:%d.%m.%Y}"


class PaperScan(models.Model):
    """A scanned sheet signed in ink, kept with its SHA-256 and linked to the requests it covers."""

    campaign = models.ForeignKey(Campaign, verbose_name=_("campaign"), on_delete=models.PROTECT, related_name="scans")
    file = models.FileField(_("scan"), upload_to="acknowledgement-scans/")
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    content_type = models.CharField(_("type"), max_length=50)
    size = models.PositiveIntegerField(_("size, bytes"))
    original_name = models.CharField(_("file name"), max_length=255)
    requests = models.ManyToManyField(Acknowledgement, verbose_name=_("requests"), related_name="scans")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)

    class Meta:
        verbose_name = _("scanned sheet")
        verbose_name_plural = _("scanned sheets")
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self):
        return f"{self.original_name} ({self.sha256[:12]})"


class RefusalAct(models.Model):
    """The act recording that an employee refused to sign (акт об отказе от ознакомления), with two witnesses."""

    acknowledgement = models.OneToOneField(
        Acknowledgement, verbose_name=_("request"), on_delete=models.PROTECT, related_name="refusal_act"
    )
    refused_on = models.DateField(_("date of the refusal"))
    witness_one = models.CharField(_("first witness"), max_length=300)
    witness_two = models.CharField(_("second witness"), max_length=300)
    note = models.CharField(_("what the employee said"), max_length=1000, blank=True)
    pdf = models.FileField(_("act"), upload_to="refusal-acts/", blank=True)
    pdf_sha256 = models.CharField(_("SHA-256 of the act"), max_length=64, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        verbose_name = _("refusal act")
        verbose_name_plural = _("refusal acts")
        ordering = ["-recorded_at"]

    def __str__(self):
        return f"{self.acknowledgement} — {self.refused_on:%d.%m.%Y}"
