"""The languages a document is written in: the clause library, the printed wording and the inflection know these.

They are not the interface's languages (`settings.LANGUAGES`, the translations of the pages and e-mails):
an Estonian instruction is written by HR working in a Russian or English interface, and English is
an interface language only, with no clauses or document wording behind it.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Language(models.TextChoices):
    RU = "ru", _("Russian")
    ET = "et", _("Estonian")
