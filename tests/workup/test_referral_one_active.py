"""At most one active referral per encounter and service: the constraint, the service, the retry, the page."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from tests.factories import ReferralFactory
from workup.models import Referral
from workup.referrals.models import ACTIVE_STATUSES
from workup.referrals.services import ReferralAlreadyActive, referral_request, referral_retry

Status = Referral.Status


@pytest.fixture
def signed_encounter(gp_a, patient_a):
    from workup import demo_cases, services

    encounter = services.encounter_create(
        clinician=gp_a, patient=patient_a, answers=demo_cases.L5_FOOT_DROP.answers
    )
    return services.encounter_sign(clinician=gp_a, encounter=encounter)


def test_active_statuses_are_those_on_the_way_to_or_at_the_service():
    assert {Status.QUEUED, Status.RENDERING, Status.READY, Status.SENT} == ACTIVE_STATUSES


@pytest.mark.parametrize("state", ["queued", "rendering", "ready", "sent"])
def test_the_database_refuses_a_second_active_referral_for_an_encounter_and_service(
    state, gp_a, signed_encounter, services
):
    ReferralFactory(**{state: True} if state != "queued" else {}, encounter=signed_encounter,
                    service=services["spinal_surgery"], requested_by=gp_a)  # fmt: skip

    with pytest.raises(IntegrityError), transaction.atomic():
        ReferralFactory(encounter=signed_encounter, service=services["spinal_surgery"], requested_by=gp_a)


def test_the_same_encounter_may_be_referred_to_another_service(gp_a, signed_encounter, services):
    ReferralFactory(encounter=signed_encounter, service=services["spinal_surgery"], requested_by=gp_a)

    other = referral_request(clinician=gp_a, encounter=signed_encounter, service=services["neurology"])

    assert other.status == Status.QUEUED


def test_a_second_request_is_refused_naming_the_active_referral(gp_a, signed_encounter, services):
    first = referral_request(clinician=gp_a, encounter=signed_encounter)

    with pytest.raises(ReferralAlreadyActive) as refused:
        referral_request(clinician=gp_a, encounter=signed_encounter)

    assert refused.value.referral == first
    assert refused.value.errors["referral"] == [str(first.public_id)]


def test_a_failed_referral_does_not_block_a_new_request(gp_a, signed_encounter, services):
    ReferralFactory(
        failed=True, encounter=signed_encounter, service=services["spinal_surgery"], requested_by=gp_a
    )

    new = referral_request(clinician=gp_a, encounter=signed_encounter)

    assert new.status == Status.QUEUED


def test_retrying_a_failed_referral_is_refused_while_a_newer_one_is_active(
    gp_a, staff_a, signed_encounter, services
):
    failed = ReferralFactory(
        failed=True, encounter=signed_encounter, service=services["spinal_surgery"], requested_by=gp_a
    )
    newer = referral_request(clinician=gp_a, encounter=signed_encounter)

    with pytest.raises(ReferralAlreadyActive) as refused:
        referral_retry(user=staff_a.user, referral=failed)

    assert refused.value.referral == newer
    failed.refresh_from_db()
    assert failed.status == Status.FAILED


def test_a_double_click_in_the_page_makes_one_referral_and_both_land_on_it(
    client, gp_a, signed_encounter, services
):
    client.force_login(gp_a.user)
    url = reverse("encounter-refer", kwargs={"public_id": signed_encounter.public_id})
    form = {"service": str(services["spinal_surgery"].public_id), "note": ""}

    first = client.post(url, form)
    second = client.post(url, form)

    referral = Referral.objects.get()
    assert first.status_code == second.status_code == 302
    assert (
        first["Location"]
        == second["Location"]
        == reverse("referral", kwargs={"public_id": referral.public_id})
    )
