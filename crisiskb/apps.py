from django.apps import AppConfig


class CrisisKBConfig(AppConfig):
    """The project package: shared template tags, Markdown rendering, error pages."""

    name = "crisiskb"
    verbose_name = "CrisisKB"
