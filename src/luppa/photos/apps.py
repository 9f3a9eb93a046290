from django.apps import AppConfig


class PhotosConfig(AppConfig):
    name = "luppa.photos"
    label = "photos"
