"""The organisation and its structure: departments, positions and the employees in them."""

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from jobdesc.grammar.inflect import inflect
from jobdesc.grammar.people import acquainted, initials_surname
from jobdesc.grammar.people import gender as guess_gender

inn_validator = RegexValidator(r"^(\d{10}|\d{12})$", _("An INN has 10 digits (organisation) or 12 (individual)."))
ogrn_validator = RegexValidator(r"^(\d{13}|\d{15})$", _("An OGRN has 13 digits (OGRNIP: 15)."))


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
    language = models.CharField(
        _("document language"), max_length=2, choices=[("ru", _("Russian")), ("et", _("Estonian"))], default="ru"
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


class Employee(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="employees")
    user = models.OneToOneField(
        "accounts.User",
        verbose_name=_("login"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="employee",
    )
    full_name = models.CharField(_("full name"), max_length=300, help_text=_("Surname, first name, patronymic."))
    position = models.ForeignKey(
        Position, verbose_name=_("position"), on_delete=models.PROTECT, null=True, blank=True, related_name="employees"
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
        ]

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
