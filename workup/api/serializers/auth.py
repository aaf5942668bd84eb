"""POST /api/v1/auth/token/: credentials in, a token out."""

from __future__ import annotations

from rest_framework import serializers


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField()
    password = serializers.CharField(style={"input_type": "password"})
    # Every account has a second factor (accounts.middleware.MfaRequiredMiddleware), so every token
    # request carries the current code of the authenticator app enrolled in the web pages.
    otp = serializers.RegexField(
        r"^[0-9]{6}$",
        help_text="The current 6-digit code of your authenticator app (TOTP).",
        error_messages={"invalid": "Enter the 6-digit code your authenticator app shows now."},
    )


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField()


class ApiTokenListItemSerializer(serializers.Serializer):
    id = serializers.UUIDField(source="public_id", help_text="Use it to revoke the token.")
    prefix = serializers.CharField(help_text="The token's first 8 characters.")
    created_at = serializers.DateTimeField()
    expires_at = serializers.DateTimeField()
    last_used_at = serializers.DateTimeField(allow_null=True)
    current = serializers.SerializerMethodField(help_text="Whether this request was made with this token.")

    def get_current(self, token) -> bool:
        return token == self.context.get("current")
