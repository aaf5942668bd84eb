"""One referral per encounter and service: the Idempotency-Key header, and a second request's 409."""

from __future__ import annotations

import uuid
from datetime import timedelta

from django.utils import timezone

from tests.factories import ReferralFactory
from workup.idempotency import IdempotencyKey, forget_expired_keys
from workup.models import Referral

REFERRALS_URL = "/api/v1/referrals/"


def request_referral(client, encounter, *, key: str | None = None, note: str = ""):
    headers = {"Idempotency-Key": key} if key is not None else {}
    return client.post(
        REFERRALS_URL, {"encounter": str(encounter.public_id), "note": note}, format="json", headers=headers
    )


def test_a_retry_with_the_same_idempotency_key_gets_the_first_answer(client_a, signed_encounter, services):
    key = str(uuid.uuid4())
    first = request_referral(client_a, signed_encounter, key=key)
    Referral.objects.update(status="rendering")  # the referral moves on; the answer does not

    retry = request_referral(client_a, signed_encounter, key=key)

    assert first.status_code == retry.status_code == 202
    assert retry.json() == first.json()
    assert retry.json()["status"] == "queued"
    assert retry.headers["Idempotent-Replayed"] == "true"
    assert Referral.objects.count() == 1


def test_the_same_key_with_a_different_body_is_a_422_naming_the_header(client_a, signed_encounter, services):
    key = str(uuid.uuid4())
    request_referral(client_a, signed_encounter, key=key, note="First.")

    response = request_referral(client_a, signed_encounter, key=key, note="Something else.")

    assert response.status_code == 422
    assert "Idempotency-Key" in response.json()
    assert Referral.objects.count() == 1


def test_a_malformed_key_is_a_422_naming_the_header(client_a, signed_encounter, services):
    response = request_referral(client_a, signed_encounter, key="has spaces in it")

    assert response.status_code == 422
    assert "Idempotency-Key" in response.json()
    assert not Referral.objects.exists()


def test_a_key_is_the_users_own(client_a, client_colleague_a, signed_encounter, services):
    key = str(uuid.uuid4())
    request_referral(client_a, signed_encounter, key=key)

    colleague = request_referral(client_colleague_a, signed_encounter, key=key)

    # Not the first user's answer replayed: the colleague's own request, refused as a duplicate.
    assert colleague.status_code == 409
    assert "Idempotent-Replayed" not in colleague.headers


def test_a_refused_request_keeps_no_key_so_its_retry_runs_again(client_a, signable_encounter, services):
    from workup import services as encounter_services

    key = str(uuid.uuid4())
    refused = request_referral(client_a, signable_encounter, key=key)  # not signed yet: a 400
    encounter_services.encounter_sign(clinician=signable_encounter.clinician, encounter=signable_encounter)

    retry = request_referral(client_a, signable_encounter, key=key)

    assert (refused.status_code, retry.status_code) == (400, 202)
    assert Referral.objects.count() == 1


def test_an_expired_key_is_forgotten(client_a, signed_encounter, services):
    request_referral(client_a, signed_encounter, key="old-key")
    IdempotencyKey.objects.update(expires_at=timezone.now() - timedelta(seconds=1))

    assert forget_expired_keys() == 1
    assert not IdempotencyKey.objects.exists()


def test_a_second_request_without_a_key_is_a_409_naming_the_active_referral(
    client_a, signed_encounter, services
):
    first = request_referral(client_a, signed_encounter)

    second = request_referral(client_a, signed_encounter)

    assert second.status_code == 409
    assert second.json()["referral"] == [first.json()["id"]]
    assert "encounter" in second.json()
    assert Referral.objects.count() == 1


def test_a_failed_referral_does_not_block_a_new_request(client_a, gp_a, signed_encounter, services):
    ReferralFactory(
        failed=True, encounter=signed_encounter, service=services["spinal_surgery"], requested_by=gp_a
    )

    response = request_referral(client_a, signed_encounter)

    assert response.status_code == 202
    assert Referral.objects.filter(status="queued").count() == 1
