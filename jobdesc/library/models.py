"""Section kinds and the library of template clauses an instruction is assembled from."""

from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Language(models.TextChoices):
    RU = "ru", _("Russian")
    ET = "et", _("Estonian")


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
        language = language or get_language() or "ru"
        return self.title_et if language.startswith("et") else self.title_ru


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
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ClauseQuerySet.as_manager()

    class Meta:
        verbose_name = _("clause")
        verbose_name_plural = _("clauses")
        ordering = ["section__order", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(language__in=["ru", "et"]), name="clause_language_valid"),
            models.CheckConstraint(condition=~Q(text=""), name="clause_text_not_empty"),
        ]
        indexes = [models.Index(fields=["section", "language", "is_active"])]

    def __str__(self):
        return self.text[:80]
