"""The referral queue in the back office: staff see their practice's queue and retry failures."""

import pytest
from django.urls import reverse

from clinic.services import practice_staff_group
from core.errors import InvalidInput
from tests.factories import DEMO_PASSWORD
from workup.demo_cases import L5_FOOT_DROP
from workup.models import Referral
from workup.referrals import referral_retry
from workup.services import encounter_create, encounter_sign


@pytest.fixture
def failed_referral(gp_a, patient_a, services):
    encounter = encounter_sign(
        clinician=gp_a,
        encounter=encounter_create(clinician=gp_a, patient=patient_a, answers=L5_FOOT_DROP.answers),
    )
    return Referral.objects.create(
        encounter=encounter,
        service=services["spinal_surgery"],
        requested_by=gp_a,
        urgency="urgent",
        status=Referral.Status.FAILED,
        error="Delivery refused: 550 no such user",
        pdf_file="referrals/x.pdf",
        attempts=1,
    )


def test_retrying_a_failed_delivery_sends_the_same_pdf_again(
    failed_referral, staff_a, monkeypatch, django_capture_on_commit_callbacks
):
    sent = []
    monkeypatch.setattr("workup.referral_pipeline.enqueue_delivery", sent.append)

    with django_capture_on_commit_callbacks(execute=True):
        referral = referral_retry(user=staff_a.user, referral=failed_referral)

    assert (referral.status, referral.error, referral.pdf_file) == ("ready", "", "referrals/x.pdf")
    assert sent == [failed_referral.pk]


def test_only_failed_referrals_can_be_retried(failed_referral, staff_a):
    Referral.objects.filter(pk=failed_referral.pk).update(status="sent")
    failed_referral.refresh_from_db()

    with pytest.raises(InvalidInput):
        referral_retry(user=staff_a.user, referral=failed_referral)


def test_staff_see_the_failure_reason_in_the_queue(client, staff_a, failed_referral):
    staff_a.user.groups.add(practice_staff_group())
    client.login(username=staff_a.user.username, password=DEMO_PASSWORD)

    response = client.get(reverse("admin:workup_referral_change", args=[failed_referral.pk]))

    assert "550 no such user" in response.content.decode()


def test_staff_retry_failed_referrals_from_the_queue(
    client, staff_a, failed_referral, django_capture_on_commit_callbacks, monkeypatch
):
    monkeypatch.setattr("workup.referral_pipeline.enqueue_delivery", lambda referral_id: True)
    staff_a.user.groups.add(practice_staff_group())
    client.login(username=staff_a.user.username, password=DEMO_PASSWORD)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("admin:workup_referral_changelist"),
            {"action": "retry_failed", "_selected_action": [failed_referral.pk]},
        )

    failed_referral.refresh_from_db()
    assert failed_referral.status == "ready"


def test_other_practices_staff_do_not_see_the_referral(client, failed_referral, practice_b):
    from tests.factories import ClinicianFactory

    staff_b = ClinicianFactory(
        practice=practice_b, role="admin_staff", registration_number="", user__is_staff=True
    )
    staff_b.user.groups.add(practice_staff_group())
    client.login(username=staff_b.user.username, password=DEMO_PASSWORD)

    response = client.get(reverse("admin:workup_referral_changelist"))

    assert str(failed_referral.public_id) not in response.content.decode()
