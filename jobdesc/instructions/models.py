"""Instructions, their versions and the ordered sections and items a version holds.

A version's content is a copy, not a live link to the library. Content can change only while the
version is a draft, and an approved (or later superseded or withdrawn) version refuses every change
except the few steps that follow approval: this is enforced here, for `save()`, `delete()` and
queryset `update()`/`delete()`, so no view, form, admin action or script can get round it.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .errors import FrozenVersionError


class Status(models.TextChoices):
    DRAFT = "draft", _("draft")
    AGREEMENT = "agreement", _("on agreement")
    APPROVAL = "approval", _("on approval")
    APPROVED = "approved", _("approved")
    SUPERSEDED = "superseded", _("superseded")
    WITHDRAWN = "withdrawn", _("withdrawn")


FROZEN_STATUSES = frozenset({Status.APPROVED, Status.SUPERSEDED, Status.WITHDRAWN})
OPEN_STATUSES = frozenset({Status.DRAFT, Status.AGREEMENT, Status.APPROVAL})
# What may still happen to a frozen version: it is superseded or withdrawn, and its PDF is stored once.
FROZEN_STATUS_MOVES = {
    Status.APPROVED: {Status.APPROVED, Status.SUPERSEDED, Status.WITHDRAWN},
    Status.SUPERSEDED: {Status.SUPERSEDED},
    Status.WITHDRAWN: {Status.WITHDRAWN},
}
FIELDS_SET_AFTER_APPROVAL = {"status", "superseded_at", "withdrawn_at", "withdrawn_by"}
FIELDS_SET_ONCE = {"pdf", "pdf_sha256"}


class Instruction(models.Model):
    """The job description of one position; its text lives in its versions."""

    organisation = models.ForeignKey("orgs.Organisation", on_delete=models.CASCADE, related_name="instructions")
    position = models.OneToOneField(
        "orgs.Position", verbose_name=_("position"), on_delete=models.PROTECT, related_name="instruction"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("instruction")
        verbose_name_plural = _("instructions")
        ordering = ["position__title"]

    def __str__(self):
        return str(self.position)


class VersionQuerySet(models.QuerySet):
    def for_organisation(self, organisation):
        return self.filter(instruction__organisation=organisation)

    def in_force(self):
        return self.filter(status=Status.APPROVED)

    def frozen(self):
        return self.filter(status__in=FROZEN_STATUSES)

    def update(self, **kwargs):
        changed = set(kwargs) - FIELDS_SET_AFTER_APPROVAL
        if changed and self.frozen().exists():
            raise FrozenVersionError(_("An approved version cannot be changed."))
        return super().update(**kwargs)

    def delete(self):
        if self.frozen().exists():
            raise FrozenVersionError(_("An approved version cannot be deleted."))
        return super().delete()


class Version(models.Model):
    instruction = models.ForeignKey(Instruction, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    language = models.CharField(
        _("language"), max_length=2, choices=[("ru", _("Russian")), ("et", _("Estonian"))], default="ru"
    )
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
    superseded_at = models.DateTimeField(_("superseded"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    pdf = models.FileField(_("stored PDF"), upload_to="instructions/", blank=True)
    pdf_sha256 = models.CharField(_("SHA-256 of the PDF"), max_length=64, blank=True)

    objects = VersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("version")
        verbose_name_plural = _("versions")
        ordering = ["instruction", "-number"]
        permissions = [
            ("submit_version", _("Can send a version for agreement")),
            ("agree_version", _("Can agree or return a version")),
            ("approve_version", _("Can approve or return a version")),
            ("register_version", _("Can keep the registry journal")),
        ]
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
    def is_editable(self) -> bool:
        return self.status == Status.DRAFT

    def _check_frozen_change(self):
        stored = Version.objects.filter(pk=self.pk).first()
        if stored is None or stored.status not in FROZEN_STATUSES:
            return
        if self.status not in FROZEN_STATUS_MOVES[stored.status]:
            raise FrozenVersionError(_("An approved version cannot go back to work; make a new version."))
        for field in self._meta.concrete_fields:
            name = field.attname
            old, new = getattr(stored, name), getattr(self, name)
            if name in FIELDS_SET_AFTER_APPROVAL or old == new:
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

    # Bumped by every change of the text: an edit made from an older revision is stale and refused.
    revision = models.PositiveIntegerField(_("revision"), default=1)

    objects = ContentQuerySet.as_manager()

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
