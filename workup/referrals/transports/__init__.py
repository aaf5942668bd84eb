"""Delivery channels for a rendered referral, one class each (as healthchecks' transports are).

A transport sends one referral's PDF and says how a failure should be taken: TransientDeliveryError
(try again later), UncertainDeliveryError (try again later, but the service may already have it) or
PermanentDeliveryError (a person must look). A new channel is a new Transport
subclass and an entry in transport_for, never a branch in the pipeline.
"""

from __future__ import annotations

import abc
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from workup.referrals.models import Referral


class DeliveryError(Exception):
    """A delivery did not happen; the message is readable by the back office and quotes no patient data."""


class TransientDeliveryError(DeliveryError):
    """The receiving side could not take the referral now; try again later."""


class UncertainDeliveryError(TransientDeliveryError):
    """The message was handed over and then the answer was lost: the service may have it."""


class PermanentDeliveryError(DeliveryError):
    """The receiving side refused the referral; retrying will not help."""


class Transport(abc.ABC):
    """Sends a referral's PDF over one channel; a new channel is a subclass (EmailTransport today)."""

    name = ""

    @abc.abstractmethod
    def send(self, referral: Referral, pdf: bytes) -> None:
        """Deliver pdf for referral, or raise TransientDeliveryError / PermanentDeliveryError."""


def transport_for(referral: Referral) -> Transport:
    """The channel a referral goes by: email to the service's address (the only channel in v1)."""
    from workup.referrals.transports.email import EmailTransport

    return EmailTransport()
