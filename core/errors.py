"""Domain errors raised by services; every door turns them into its own answer."""

from __future__ import annotations


class ServiceError(Exception):
    """A write was refused; `errors` maps a field or item code to messages."""

    def __init__(self, errors: dict[str, list[str]] | str) -> None:
        self.errors = errors if isinstance(errors, dict) else {"non_field_errors": [errors]}
        super().__init__(self.errors)

    @property
    def summary(self) -> str:
        """All messages on one line, for doors that show plain text (admin, commands)."""
        return "; ".join(f"{key}: {' '.join(messages)}" for key, messages in self.errors.items())


class InvalidInput(ServiceError):
    """Bad data: answers, override, text, choices (a 400)."""


class SignOffRefused(ServiceError):
    """Signing is refused until the named items are completed (a 400)."""


class VersionConflict(ServiceError):
    """The write was based on a stale version (a 409)."""

    def __init__(self, current_version: int) -> None:
        self.current_version = current_version
        super().__init__(
            {"version": [f"This encounter has changed since you loaded it (now version {current_version})."]}
        )


class EncounterSigned(ServiceError):
    """A signed encounter cannot change; add an addendum instead (a 409)."""

    def __init__(self) -> None:
        super().__init__({"status": ["This encounter is signed and cannot change; add an addendum instead."]})


class ConflictError(ServiceError):
    """The request conflicts with the object's current state (a 409)."""


class NotPermitted(ServiceError):
    """The clinician's role does not allow this write (a 403)."""
