from django.apps import AppConfig


class BulletinsConfig(AppConfig):
    name = "luppa.bulletins"
    label = "bulletins"
