from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "luppa.accounts"
    label = "accounts"
