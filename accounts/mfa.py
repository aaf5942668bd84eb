"""Two-factor authentication for every account: django-allauth's MFA (TOTP, passkeys, recovery codes)."""

from __future__ import annotations

from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from allauth.mfa.utils import is_mfa_enabled
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction

SECOND_FACTORS = [Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]


def has_second_factor(user: AbstractBaseUser) -> bool:
    """Whether the user has enrolled an authenticator app or a passkey."""
    return is_mfa_enabled(user, SECOND_FACTORS)


def totp_code_is_valid(user: AbstractBaseUser, code: str) -> bool:
    """Whether code is the user's current TOTP code, not used before (allauth marks each code used)."""
    authenticator = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    return authenticator is not None and TOTP(authenticator).validate_code(code.strip())


@transaction.atomic
def totp_enrol(*, user: AbstractBaseUser, secret: str) -> None:
    """Enrol the user with this TOTP secret (replacing any), plus recovery codes; for demo and test data
    only: real accounts enrol themselves at first login and their secret never leaves their device."""
    Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).delete()
    TOTP.activate(user, secret)
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.RECOVERY_CODES).exists():
        RecoveryCodes.activate(user)
