"""App configuration for the grammar package (no models: it provides the inflect command)."""

from django.apps import AppConfig


class GrammarConfig(AppConfig):
    name = "jobdesc.grammar"
