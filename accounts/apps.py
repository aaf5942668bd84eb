from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Who may come in: API tokens, failed-login counts, session lifetime and the two-factor rule."""

    name = "accounts"
    default_auto_field = "django.db.models.BigAutoField"
