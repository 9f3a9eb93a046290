from django.apps import AppConfig


class ReviewConfig(AppConfig):
    name = "luppa.review"
    label = "review"
