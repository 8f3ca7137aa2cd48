"""The organisation and its structure: departments, positions, the employees in them, their invitations and imports."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from jobdesc.grammar.inflect import inflect
from jobdesc.grammar.people import acquainted, initials_surname, split_full_name
from jobdesc.grammar.people import gender as guess_gender
from jobdesc.languages import Language

inn_validator = RegexValidator(r"^(\d{10}|\d{12})$", _("An INN has 10 digits (organisation) or 12 (individual)."))
ogrn_validator = RegexValidator(r"^(\d{13}|\d{15})$", _("An OGRN has 13 digits (OGRNIP: 15)."))


class OriginalMode(models.TextChoices):
    """Which copy of a document is the original: one signed in ink, or the electronic file (578н)."""

    PAPER = "paper", _("paper original, signed in ink")
    ELECTRONIC = "electronic", _("electronic original, signed electronically")


class Organisation(models.Model):
    full_name = models.CharField(
        _("full name"),
        max_length=500,
        help_text=_(
            "With the legal form spelt out, as in the charter: Общество с ограниченной ответственностью «Ромашка»."
        ),
    )
    short_name = models.CharField(
        _("short name"), max_length=200, help_text=_("With the abbreviated legal form: ООО «Ромашка».")
    )
    inn = models.CharField(_("INN"), max_length=12, blank=True, validators=[inn_validator])
    kpp = models.CharField(_("KPP"), max_length=9, blank=True, validators=[RegexValidator(r"^\d{9}$")])
    ogrn = models.CharField(_("OGRN"), max_length=15, blank=True, validators=[ogrn_validator])
    address = models.CharField(_("address"), max_length=500, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True, help_text=_("Place of compilation: Москва."))
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    logo = models.ImageField(_("logo"), upload_to="logos/", blank=True)
    head_position = models.CharField(
        _("head's position"), max_length=200, blank=True, help_text=_("Генеральный директор")
    )
    head_name = models.CharField(
        _("head's full name"), max_length=200, blank=True, help_text=_("Surname, first name, patronymic.")
    )
    agreeing_officials = models.ManyToManyField(
        "accounts.User",
        verbose_name=_("default agreeing officials"),
        blank=True,
        related_name="+",
        help_text=_("Proposed when a draft is sent for agreement; can be changed for each draft."),
    )
    language = models.CharField(_("document language"), max_length=2, choices=Language.choices, default="ru")
    interface_language = models.CharField(
        _("interface language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default="ru",
        help_text=_("The default language of the pages and e-mails; each person may choose their own."),
    )
    # Single sign-on through the directory configured in the environment (README, «Single sign-on»).
    ldap_login = models.BooleanField(
        _("log in through the directory (LDAP, Active Directory)"),
        default=False,
        help_text=_("Invited people log in with their directory password; local passwords keep working."),
    )
    oidc_login = models.BooleanField(
        _("log in through the identity provider (OpenID Connect)"),
        default=False,
        help_text=_("Invited people log in through the provider with the e-mail they were invited with."),
    )
    # Separation of duties (jobdesc/instructions/workflow/services.py): off only where too few people hold the roles.
    relaxed_duties = models.BooleanField(
        _("one person may take several steps of a version"),
        default=False,
        help_text=_(
            "For very small organisations: the approver may approve a version they wrote, sent or agreed, and "
            "an official may agree a draft they sent. Each step taken so is noted in the version's history."
        ),
    )
    font_size_pt = models.PositiveSmallIntegerField(
        _("body font size, pt"), default=14, validators=[MinValueValidator(12), MaxValueValidator(14)]
    )
    margin_left_mm = models.PositiveSmallIntegerField(
        _("left margin, mm"),
        default=20,
        validators=[MinValueValidator(20), MaxValueValidator(30)],
        help_text=_("30 mm for documents kept longer than 10 years."),
    )
    original_mode = models.CharField(
        _("original of the documents"),
        max_length=10,
        choices=OriginalMode.choices,
        default=OriginalMode.PAPER,
        help_text=_("What a new version's original is; each version can be set otherwise before its approval."),
    )
    # ТК ст. 72: where instructions are part of the employment contract, changing the labour function
    # needs each employee's supplementary agreement, not just a new acknowledgement.
    instructions_in_contract = models.BooleanField(
        _("instructions are part of the employment contract"),
        default=False,
        help_text=_("A change of duties, functions or qualification then needs a supplementary agreement."),
    )
    review_period_months = models.PositiveSmallIntegerField(
        _("review period, months"),
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_("An instruction in force is due for review this long after its approval or last review."),
    )
    ack_due_working_days = models.PositiveSmallIntegerField(
        _("days to read a new edition, working days"),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
        help_text=_("The default due date of an acknowledgement campaign, counted from the approval."),
    )

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["short_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(font_size_pt__gte=12, font_size_pt__lte=14), name="organisation_font_size_12_14"
            ),
            models.CheckConstraint(
                condition=Q(margin_left_mm__gte=20, margin_left_mm__lte=30), name="organisation_margin_20_30"
            ),
        ]

    def __str__(self):
        return self.short_name


class OrganisationScopedQuerySet(models.QuerySet):
    def for_organisation(self, organisation):
        return self.filter(organisation=organisation)


class Department(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="departments")
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent department"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    name = models.CharField(_("name"), max_length=300, help_text=_("Отдел продаж"))
    code = models.CharField(_("code"), max_length=20, blank=True)

    objects = OrganisationScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "parent", "name"], name="department_unique_name"),
            # NULL parents compare as distinct, so top-level departments need their own rule.
            models.UniqueConstraint(
                fields=["organisation", "name"], condition=Q(parent__isnull=True), name="department_unique_top_name"
            ),
        ]

    def __str__(self):
        return self.name

    def ancestors(self):
        """Parents from the top down; bounded so a corrupted cycle cannot loop forever."""
        chain, node = [], self.parent
        while node is not None and len(chain) < 50:
            chain.append(node)
            node = node.parent
        return list(reversed(chain))


class Category(models.TextChoices):
    """Categories of the qualification directory (Постановление Минтруда № 37)."""

    MANAGERS = "managers", _("managers")
    SPECIALISTS = "specialists", _("specialists")
    TECHNICAL = "technical", _("technical staff")
    WORKERS = "workers", _("workers")


class Position(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="positions")
    title = models.CharField(
        _("title"), max_length=300, help_text=_("In the nominative: Менеджер по работе с клиентами.")
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="positions",
    )
    category = models.CharField(_("category"), max_length=20, choices=Category.choices, default=Category.SPECIALISTS)
    reports_to = models.ForeignKey(
        "self",
        verbose_name=_("reports to"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="subordinates",
    )
    # Grammatical forms of the title, by pymorphy case code (nomn, gent, datv, accs, ablt, loct):
    # `declensions` is computed from the title, `declension_overrides` holds an HR officer's
    # corrections, and an override always wins (see `form`).
    declensions = models.JSONField(_("computed forms"), default=dict, blank=True)
    declension_overrides = models.JSONField(_("forms corrected by hand"), default=dict, blank=True)
    rates = models.DecimalField(
        _("staff units"),
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("Количество штатных единиц in the staff list."),
    )

    # When the title, department, reports-to or category last changed: an instruction approved
    # before that describes the post as it was and is due for review.
    data_changed_at = models.DateTimeField(_("position data changed"), null=True, blank=True)

    objects = OrganisationScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "department", "title"], name="position_unique_title"),
            models.UniqueConstraint(
                fields=["organisation", "title"],
                condition=Q(department__isnull=True),
                name="position_unique_title_no_dept",
            ),
            models.CheckConstraint(
                condition=Q(category__in=[c.value for c in Category]), name="position_category_valid"
            ),
            models.CheckConstraint(condition=~Q(reports_to=models.F("id")), name="position_not_own_manager"),
        ]

    def __str__(self):
        return self.title

    def form(self, case: str = "nomn") -> str:
        """The title in a grammatical case for use inside a sentence; a hand-made override always wins."""
        return self.declension_overrides.get(case) or self.declensions.get(case) or inflect(self.title, case)


class Gender(models.TextChoices):
    MALE = "m", _("male")
    FEMALE = "f", _("female")


class EmployeeQuerySet(OrganisationScopedQuerySet):
    def current(self):
        return self.filter(dismissal_date__isnull=True)

    def without_login(self):
        return self.filter(user__isnull=True)


class Employment(models.TextChoices):
    """Kinds of employment as 1С:ЗУП keeps them: each is a record of its own with its own personnel number."""

    MAIN = "main", _("main place of work")
    PART_TIME = "part_time", _("internal part-time")


MAX_RATE = Decimal("2")


class Employee(models.Model):
    """One employment of a person: main place of work or an internal part-time post, as in 1С:ЗУП.

    A person holding two posts has two records, each with its own personnel number, position, rate and
    hire date, and acknowledges each post's instruction on its own. One login belongs to all of a
    person's records; it is linked only when the person accepts their own invitation (see
    jobdesc/accounts/README.md).
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="employees")
    user = models.ForeignKey(
        "accounts.User",
        verbose_name=_("login"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="employments",
    )
    full_name = models.CharField(
        pgettext_lazy("person", "full name"), max_length=300, help_text=_("Surname, first name, patronymic.")
    )
    personnel_number = models.CharField(_("personnel number"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True, help_text=_("The invitation to log in is sent here."))
    position = models.ForeignKey(
        Position, verbose_name=_("position"), on_delete=models.PROTECT, null=True, blank=True, related_name="employees"
    )
    employment = models.CharField(_("employment"), max_length=10, choices=Employment.choices, default=Employment.MAIN)
    rate = models.DecimalField(
        _("rate"),
        max_digits=4,
        decimal_places=2,
        default=Decimal("1"),
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(MAX_RATE)],
        help_text=_("Количество ставок: 1, 0.5, 0.25 …"),
    )
    hire_date = models.DateField(_("hire date"), null=True, blank=True)
    dismissal_date = models.DateField(_("dismissal date"), null=True, blank=True)
    gender = models.CharField(
        _("gender"),
        max_length=1,
        choices=Gender.choices,
        blank=True,
        help_text=_("Leave empty to tell it from the patronymic."),
    )

    objects = EmployeeQuerySet.as_manager()

    class Meta:
        verbose_name = _("employee")
        verbose_name_plural = _("employees")
        ordering = ["full_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(dismissal_date__isnull=True)
                | Q(hire_date__isnull=True)
                | Q(dismissal_date__gte=models.F("hire_date")),
                name="employee_dismissed_after_hired",
            ),
            models.UniqueConstraint(
                fields=["organisation", "personnel_number"],
                condition=~Q(personnel_number=""),
                name="employee_unique_personnel_number",
            ),
            models.CheckConstraint(condition=Q(rate__gt=0, rate__lte=MAX_RATE), name="employee_rate_0_2"),
            models.CheckConstraint(
                condition=Q(employment__in=[kind.value for kind in Employment]), name="employee_employment_valid"
            ),
        ]
        indexes = [models.Index(fields=["organisation", "email"], name="employee_email")]

    def __str__(self):
        return self.full_name

    @property
    def signature_name(self) -> str:
        """«И.И. Иванов», as under a signature."""
        return initials_surname(self.full_name)

    @property
    def resolved_gender(self) -> str | None:
        """The gender set by hand, else the one told by the patronymic (None if it cannot be told)."""
        return self.gender or guess_gender(self.full_name)

    @property
    def acquainted_word(self) -> str:
        """«ознакомлен» or «ознакомлена» for the acknowledgement line."""
        return acquainted(self.resolved_gender)

    @property
    def name_parts(self) -> tuple[str, str, str]:
        """(surname, first name, patronymic) of the ФИО, for forms and greetings that need them apart."""
        return split_full_name(self.full_name)


INVITATION_DAYS = 14


class InvitationStatus(models.TextChoices):
    PENDING = "pending", _("waiting")
    ACCEPTED = "accepted", _("accepted")
    REVOKED = "revoked", _("revoked")


class InvitationQuerySet(OrganisationScopedQuerySet):
    def pending(self):
        return self.filter(status=InvitationStatus.PENDING)

    def open(self):
        """Pending and not expired: the link in the e-mail still works."""
        return self.pending().filter(expires_at__gt=timezone.now())


class Invitation(models.Model):
    """An invitation for one person to log in: their account waits, inactive, until they accept it.

    On acceptance the person sets their own password (or signs in through the directory with this
    e-mail), the account becomes active and the employee records named here are linked to it.
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="invitations")
    user = models.ForeignKey(
        "accounts.User", verbose_name=_("login"), on_delete=models.PROTECT, related_name="invitations"
    )
    email = models.EmailField(_("e-mail"))
    employees = models.ManyToManyField(
        Employee, verbose_name=_("employee records"), blank=True, related_name="invitations"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=InvitationStatus.choices, default=InvitationStatus.PENDING
    )
    invited_by = models.ForeignKey(
        "accounts.User", verbose_name=_("invited by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("invited"), auto_now_add=True)
    sent_at = models.DateTimeField(_("last sent"))
    send_count = models.PositiveSmallIntegerField(_("times sent"), default=1)
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-sent_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=[status.value for status in InvitationStatus]), name="invitation_status_valid"
            ),
            # One link at a time per person: a new invitation replaces the waiting one.
            models.UniqueConstraint(fields=["user"], condition=Q(status="pending"), name="invitation_one_pending"),
            models.CheckConstraint(
                condition=~Q(status="accepted") | Q(accepted_at__isnull=False), name="invitation_accepted_has_date"
            ),
        ]

    def __str__(self):
        return self.email

    @property
    def is_expired(self) -> bool:
        return self.status == InvitationStatus.PENDING and self.expires_at <= timezone.now()

    @property
    def state(self) -> str:
        """pending, expired, accepted or revoked: what the lists show."""
        return "expired" if self.is_expired else self.status

    @staticmethod
    def expiry_from(moment: datetime.datetime) -> datetime.datetime:
        return moment + datetime.timedelta(days=INVITATION_DAYS)


class ImportKind(models.TextChoices):
    STAFF_LIST = "staff_list", _("staff list (штатное расписание)")
    EMPLOYEES = "employees", _("employees")


class ImportStatus(models.TextChoices):
    PREVIEW = "preview", _("waiting for confirmation")
    APPLIED = "applied", _("imported")


class StaffImport(models.Model):
    """An uploaded staff file: kept until HR confirms its preview, then applied at once, in one transaction."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="staff_imports")
    kind = models.CharField(_("kind"), max_length=12, choices=ImportKind.choices)
    file_name = models.CharField(_("file"), max_length=255)
    content = models.BinaryField(_("content"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    # What the preview showed, so a confirmation applies exactly that or nothing.
    plan_digest = models.CharField(max_length=64)
    summary = models.JSONField(_("summary"), default=dict)
    status = models.CharField(_("status"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.PREVIEW)
    uploaded_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    applied_at = models.DateTimeField(_("imported"), null=True, blank=True)

    objects = OrganisationScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("staff import")
        verbose_name_plural = _("staff imports")
        ordering = ["-uploaded_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=[status.value for status in ImportStatus]), name="staff_import_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=[kind.value for kind in ImportKind]), name="staff_import_kind_valid"
            ),
        ]

    def __str__(self):
        return self.file_name
