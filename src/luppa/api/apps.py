from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "luppa.api"
    label = "api"
    # The bearer key scheme registers with drf-spectacular when api.urls imports api.schema:
    # a schema is only ever generated from the URLs, and processes that serve no requests
    # (the worker, most commands) need not import drf-spectacular at all.
