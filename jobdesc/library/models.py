"""Section kinds and the library of template clauses an instruction is assembled from."""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from jobdesc.languages import Language
from jobdesc.orgs.models import Category


class SectionKindManager(models.Manager):
    def get_by_natural_key(self, code):
        return self.get(code=code)


class SectionKind(models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    order = models.PositiveSmallIntegerField(_("printing order"), unique=True)
    mandatory = models.BooleanField(_("mandatory"), default=False)
    title_ru = models.CharField(_("title in Russian"), max_length=200)
    title_et = models.CharField(_("title in Estonian"), max_length=200)

    objects = SectionKindManager()

    class Meta:
        verbose_name = _("section kind")
        verbose_name_plural = _("section kinds")
        ordering = ["order"]

    def __str__(self):
        return self.title()

    def natural_key(self):
        return (self.code,)

    def title(self, language: str | None = None) -> str:
        """The heading in the document's language (falls back to Russian)."""
        return getattr(self, self.title_field(language))

    @staticmethod
    def title_field(language: str | None = None) -> str:
        """The field of the heading in `language` (the active one by default), for a query to read it alone."""
        language = language or get_language() or "ru"
        return "title_et" if language.startswith("et") else "title_ru"


class TagManager(models.Manager):
    def get_by_natural_key(self, name):
        return self.get(name=name)


class Tag(models.Model):
    name = models.SlugField(_("name"), max_length=60, unique=True, allow_unicode=True)

    objects = TagManager()

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.name,)


class ClauseQuerySet(models.QuerySet):
    def visible_to(self, organisation):
        """The shared seeded library plus the organisation's own clauses."""
        return self.filter(Q(organisation__isnull=True) | Q(organisation=organisation))

    def active(self):
        return self.filter(is_active=True)

    def suiting(self, category: str):
        """Clauses that suit a position of `category` (a value of `orgs.models.Category`)."""
        return self.filter(**{CATEGORY_FIELDS[category]: True})

    def general(self):
        """Clauses that fit any post: no profession of their own."""
        return self.filter(profession="")


# One flag per category of the qualification directory (`orgs.models.Category`): which posts a clause suits.
CATEGORY_FIELDS = {
    "managers": "suits_managers",
    "specialists": "suits_specialists",
    "technical": "suits_technical",
    "workers": "suits_workers",
}


class Clause(models.Model):
    organisation = models.ForeignKey(
        "orgs.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="clauses",
        help_text=_("Empty for the shared library seeded from the source documents."),
    )
    section = models.ForeignKey(
        SectionKind, verbose_name=_("section"), on_delete=models.PROTECT, related_name="clauses"
    )
    language = models.CharField(_("language"), max_length=2, choices=Language.choices, default=Language.RU)
    text = models.TextField(
        _("template text"),
        help_text=_("Placeholders such as {position}, {position:gent} or {manager:datv} are filled in the document."),
    )
    tags = models.ManyToManyField(Tag, verbose_name=_("tags"), blank=True, related_name="clauses")
    source = models.CharField(_("source"), max_length=200, blank=True, help_text=_("The document it came from."))
    is_active = models.BooleanField(_("active"), default=True, help_text=_("A retired clause stays where it is used."))
    suits_managers = models.BooleanField(_("suits managers"), default=True)
    suits_specialists = models.BooleanField(_("suits specialists"), default=True)
    suits_technical = models.BooleanField(_("suits technical staff"), default=True)
    suits_workers = models.BooleanField(_("suits workers"), default=True)
    profession = models.CharField(
        _("profession"),
        max_length=300,
        blank=True,
        help_text=_(
            "The position the clause was written for, in the nominative (several separated by «;»); "
            "empty: the clause fits any post."
        ),
    )
    standard = models.BooleanField(
        _("standard"),
        default=False,
        help_text=_("Part of the standard set of its categories: suggested for every new instruction of them."),
    )
    lead_in = models.ForeignKey(
        "self",
        verbose_name=_("lead-in"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="listed_items",
        help_text=_("The clause ending with a colon that this one is listed under."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # The text's words for PostgreSQL's full-text search, kept by a trigger on every write of the text
    # (migration 0007), whatever writes it: the ORM, `loaddata`, a bulk insert or SQL. Always empty on SQLite.
    search_vector = SearchVectorField(_("search vector"), null=True, editable=False, serialize=False)

    objects = ClauseQuerySet.as_manager()

    class Meta:
        verbose_name = _("clause")
        verbose_name_plural = _("clauses")
        ordering = ["section__order", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(language__in=Language.values), name="clause_language_valid"),
            models.CheckConstraint(condition=~Q(text=""), name="clause_text_not_empty"),
            models.CheckConstraint(
                condition=Q(suits_managers=True)
                | Q(suits_specialists=True)
                | Q(suits_technical=True)
                | Q(suits_workers=True),
                name="clause_suits_some_category",
            ),
            models.CheckConstraint(condition=~Q(lead_in=models.F("id")), name="clause_not_own_lead_in"),
        ]
        indexes = [
            models.Index(fields=["section", "language", "is_active"]),
            # The source filter's choices (`search.sources`) on every list page: the few clauses that name
            # a document, not a scan of an organisation's own clauses, which name none.
            models.Index(fields=["source"], condition=~Q(source=""), name="clause_named_source"),
        ]

    def __str__(self):
        return self.text[:80]

    @property
    def categories(self) -> list[str]:
        """The categories the clause suits, in the directory's order."""
        return [category for category, field in CATEGORY_FIELDS.items() if getattr(self, field)]

    @categories.setter
    def categories(self, categories):
        for category, field in CATEGORY_FIELDS.items():
            setattr(self, field, category in categories)

    def suits(self, category: str) -> bool:
        return bool(getattr(self, CATEGORY_FIELDS[category]))

    @property
    def professions(self) -> list[str]:
        return [name.strip() for name in self.profession.split(";") if name.strip()]

    @property
    def is_general(self) -> bool:
        return not self.profession.strip()

    def category_labels(self) -> list[str]:

        return [str(Category(category).label) for category in self.categories]


class ClauseVector(models.Model):
    """A clause's meaning as the similarity model sees it, stored so it is computed once (`similarity.py`)."""

    clause = models.OneToOneField(Clause, on_delete=models.CASCADE, primary_key=True, related_name="vector")
    model = models.CharField(_("model"), max_length=60, help_text=_("The model and version that computed it."))
    digest = models.CharField(_("text digest"), max_length=32, help_text=_("Of the text the vector was computed from."))
    data = models.BinaryField(_("vector"))

    class Meta:
        verbose_name = _("clause vector")
        verbose_name_plural = _("clause vectors")

    def __str__(self):
        return f"{self.clause_id} ({self.model})"


class LibraryWrites(models.Model):
    """How often the clauses of one scope, or their stored vectors, have been written: the scope's stamp.

    A scope is an organisation's own clauses (its primary key) or the shared library (0). Triggers on
    `library_clause` and `library_clausevector` (migration 0009) count every insert, update and delete,
    whatever makes it: the ORM, `QuerySet.update`, a bulk insert, `loaddata` or SQL. A process that keeps
    a scope's vectors in memory (`similarity.stored_vectors`) tells with one read of two rows whether
    they are still those of the database. The token is drawn when a row is first written, so a table
    emptied and written again (a test database flushed) never repeats a stamp.
    """

    scope = models.BigIntegerField(_("scope"), primary_key=True)
    writes = models.BigIntegerField(_("writes"), default=0)
    token = models.CharField(_("token"), max_length=32)

    class Meta:
        verbose_name = _("library writes")
        verbose_name_plural = _("library writes")

    def __str__(self):
        return f"{self.scope}: {self.writes}"


class ClauseRevision(models.Model):
    """One edit of an organisation's clause: the wording before and after, who made it and whether it changes meaning.

    `origin` is the clause the edit started from: the clause itself, or the shared clause of which
    this edit made the organisation's own copy. Instructions carrying either are offered the change.
    """

    clause = models.ForeignKey(Clause, on_delete=models.CASCADE, related_name="revisions")
    origin = models.ForeignKey(Clause, on_delete=models.CASCADE, related_name="derived_revisions")
    number = models.PositiveIntegerField(_("revision"))
    old_text = models.TextField(_("wording before"))
    new_text = models.TextField(_("wording after"))
    typo_fix = models.BooleanField(
        _("typo fix"),
        default=False,
        help_text=_("The edit corrects a typo and changes no meaning: drafts take it at once."),
    )
    edited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    edited_at = models.DateTimeField(_("edited"), auto_now_add=True)

    class Meta:
        verbose_name = _("clause revision")
        verbose_name_plural = _("clause revisions")
        ordering = ["clause", "-number"]
        constraints = [models.UniqueConstraint(fields=["clause", "number"], name="clause_revision_unique_number")]

    def __str__(self):
        return f"{self.clause_id}.{self.number}"


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("waiting for the worker")
    READING = "reading", _("reading the files")
    READ = "read", _("read: matches to confirm")
    FAILED = "failed", _("could not be read")
    IMPORTED = "imported", _("drafts created")


class ImportBatchQuerySet(models.QuerySet):
    def for_organisation(self, organisation):
        return self.filter(organisation=organisation)


class ImportBatch(models.Model):
    """Instructions uploaded at once (a zip or several files): read on the worker, reported file by file, and
    turned into drafts only when HR confirms the positions they are matched to.

    `content` holds the upload (several files are stored as one zip) until it is read; `results` holds the
    per-file report and what each file would become (`import_batches.py` writes both).
    """

    organisation = models.ForeignKey("orgs.Organisation", on_delete=models.CASCADE, related_name="import_batches")
    name = models.CharField(_("upload"), max_length=255)
    content = models.BinaryField(_("content"), default=b"")
    status = models.CharField(_("status"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.QUEUED)
    files_done = models.PositiveIntegerField(_("files read"), default=0)
    files_total = models.PositiveIntegerField(_("files"), default=0)
    current_file = models.CharField(_("reading"), max_length=255, blank=True)
    results = models.JSONField(_("report"), default=list, blank=True)
    error = models.TextField(_("error"), blank=True)
    uploaded_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    imported_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+", null=True, blank=True)
    imported_at = models.DateTimeField(_("imported"), null=True, blank=True)

    objects = ImportBatchQuerySet.as_manager()

    class Meta:
        verbose_name = _("instruction import")
        verbose_name_plural = _("instruction imports")
        ordering = ["-uploaded_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=[status.value for status in ImportStatus]), name="import_batch_status_valid"
            ),
            models.CheckConstraint(condition=Q(files_done__lte=models.F("files_total")), name="import_batch_progress"),
        ]

    def __str__(self):
        return self.name

    @property
    def percent(self) -> int:
        return round(100 * self.files_done / self.files_total) if self.files_total else 0

    @property
    def in_progress(self) -> bool:
        return self.status in (ImportStatus.QUEUED, ImportStatus.READING)
