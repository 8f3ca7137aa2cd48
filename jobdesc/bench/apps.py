"""App configuration of the benchmarks: it only contributes the `bench` management command."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BenchConfig(AppConfig):
    name = "jobdesc.bench"
    verbose_name = _("Benchmarks")
