"""The referral status-transition table: every legal move is allowed, every other one raises."""

from __future__ import annotations

import itertools

import pytest

from tests.factories import ReferralFactory
from workup.referrals.models import TRANSITIONS, IllegalTransition, Referral, check_transition

Status = Referral.Status

# Written out here, not read from the table, so that a changed table fails a test.
LEGAL = {
    (Status.QUEUED, Status.RENDERING),
    (Status.QUEUED, Status.FAILED),
    (Status.RENDERING, Status.RENDERING),
    (Status.RENDERING, Status.READY),
    (Status.RENDERING, Status.QUEUED),
    (Status.RENDERING, Status.FAILED),
    (Status.READY, Status.SENT),
    (Status.READY, Status.FAILED),
    (Status.READY, Status.QUEUED),
    (Status.FAILED, Status.READY),
    (Status.FAILED, Status.QUEUED),
}
EVERY_MOVE = set(itertools.product(Status.values, repeat=2))
ILLEGAL = EVERY_MOVE - LEGAL
FACTORY_STATE = {
    Status.QUEUED: {},
    Status.RENDERING: {"rendering": True},
    Status.READY: {"ready": True},
    Status.SENT: {"sent": True},
    Status.FAILED: {"failed": True},
}


def test_the_table_has_a_row_for_every_status():
    assert set(TRANSITIONS) == set(Status.values)


@pytest.mark.parametrize(("source", "target"), sorted(LEGAL))
def test_a_legal_move_is_allowed(source, target):
    check_transition(source, target)


@pytest.mark.parametrize(("source", "target"), sorted(ILLEGAL))
def test_an_illegal_move_raises(source, target):
    with pytest.raises(IllegalTransition, match=f"from '{source}' to '{target}'"):
        check_transition(source, target)


def test_a_sent_referral_can_go_nowhere():
    assert {target for source, target in LEGAL if source == Status.SENT} == set()


@pytest.mark.django_db
@pytest.mark.parametrize(("source", "target"), sorted(LEGAL))
def test_a_row_moves_along_a_legal_move(source, target):
    referral = ReferralFactory(**FACTORY_STATE[source])

    moved = Referral.objects.filter(pk=referral.pk).move(source=source, target=target)

    assert moved == 1
    assert Referral.objects.get(pk=referral.pk).status == target


@pytest.mark.django_db
@pytest.mark.parametrize(("source", "target"), sorted(ILLEGAL))
def test_a_row_refuses_an_illegal_move_and_stays_put(source, target):
    referral = ReferralFactory(**FACTORY_STATE[source])

    with pytest.raises(IllegalTransition):
        referral.move_to(target)
    with pytest.raises(IllegalTransition):
        Referral.objects.filter(pk=referral.pk).move(source=source, target=target)

    assert Referral.objects.get(pk=referral.pk).status == source


@pytest.mark.django_db
def test_a_conditional_move_skips_a_row_in_another_status():
    sent = ReferralFactory(sent=True)

    moved = Referral.objects.filter(pk=sent.pk).move(source=Status.READY, target=Status.FAILED)

    assert moved == 0
    assert Referral.objects.get(pk=sent.pk).status == Status.SENT


@pytest.mark.django_db
def test_move_to_sets_the_fields_it_is_given_and_names_them_for_saving():
    referral = ReferralFactory(failed=True)

    fields = referral.move_to(Status.READY, error="", delivery_attempts=0)

    assert fields == ["status", "error", "delivery_attempts", "updated_at"]
    assert (referral.status, referral.error, referral.delivery_attempts) == (Status.READY, "", 0)
