from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "luppa.directory"
    label = "directory"
