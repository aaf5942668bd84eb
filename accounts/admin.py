"""Back office: a superuser sees API tokens (never their keys) and can revoke one; tokens are issued
only by logging in through the token endpoint."""

from __future__ import annotations

from allauth.account.models import EmailAddress
from allauth.mfa.admin import AuthenticatorAdmin as AllauthAuthenticatorAdmin
from allauth.mfa.models import Authenticator
from django.contrib import admin

from accounts.models import ApiToken

# allauth's email addresses are not used: accounts log in by username.
if admin.site.is_registered(EmailAddress):
    admin.site.unregister(EmailAddress)
admin.site.unregister(Authenticator)


@admin.register(Authenticator)
class AuthenticatorAdmin(AllauthAuthenticatorAdmin):
    """A superuser may see a user's second factors and delete a lost one (the user then enrols again at
    the next login); nobody adds or edits one here, so no known secret can be planted."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("prefix", "user", "created_at", "expires_at", "last_used_at")
    search_fields = ("user__username",)
    readonly_fields = ("public_id", "user", "prefix", "created_at", "expires_at", "last_used_at")
    exclude = ("digest", "password_fingerprint")

    def has_add_permission(self, request) -> bool:
        return False
