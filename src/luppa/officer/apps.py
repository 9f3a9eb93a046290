from django.apps import AppConfig


class OfficerConfig(AppConfig):
    """The officer side. The package was `luppa.review`; its Django label stays "review" so
    that the tables (review_*) and the migration history of existing databases stay as they
    are: renaming a label needs hand-made state surgery in every app that points at it."""

    name = "luppa.officer"
    label = "review"
