"""The referral queue in the back office: staff see their practice's queue and retry failures."""

import pytest
from django.urls import reverse

from clinic.services import practice_staff_group
from core.errors import InvalidInput
from tests.factories import DEMO_PASSWORD, ReferralFactory
from workup.referrals.services import referral_retry


@pytest.fixture
def failed_referral(gp_a):
    return ReferralFactory(failed=True, requested_by=gp_a, error="Delivery refused: 550 no such user")


def test_retrying_a_failed_delivery_sends_the_same_pdf_again(
    failed_referral, staff_a, monkeypatch, django_capture_on_commit_callbacks
):
    sent = []
    monkeypatch.setattr("workup.referrals.broker.enqueue_delivery", sent.append)

    with django_capture_on_commit_callbacks(execute=True):
        referral = referral_retry(user=staff_a.user, referral=failed_referral)

    assert (referral.status, referral.error, referral.pdf_file) == ("ready", "", failed_referral.pdf_file)
    assert referral.delivery_attempts == 0
    assert sent == [failed_referral.pk]


def test_only_failed_referrals_can_be_retried(gp_a, staff_a):
    sent = ReferralFactory(sent=True, requested_by=gp_a)

    with pytest.raises(InvalidInput):
        referral_retry(user=staff_a.user, referral=sent)

    sent.refresh_from_db()
    assert sent.status == "sent"


def test_retrying_a_referral_that_never_rendered_renders_it_again(
    gp_a, staff_a, monkeypatch, django_capture_on_commit_callbacks
):
    never_rendered = ReferralFactory(failed_to_render=True, requested_by=gp_a)
    sent = []
    monkeypatch.setattr("workup.referrals.broker.enqueue_render", sent.append)

    with django_capture_on_commit_callbacks(execute=True):
        referral = referral_retry(user=staff_a.user, referral=never_rendered)

    assert (referral.status, referral.attempts, referral.error) == ("queued", 0, "")
    assert sent == [never_rendered.pk]


def test_staff_see_the_failure_reason_in_the_queue(client, staff_a, failed_referral):
    staff_a.user.groups.add(practice_staff_group())
    client.login(username=staff_a.user.username, password=DEMO_PASSWORD)

    response = client.get(reverse("admin:workup_referral_change", args=[failed_referral.pk]))

    assert "550 no such user" in response.content.decode()


def test_staff_retry_failed_referrals_from_the_queue(
    client, staff_a, failed_referral, django_capture_on_commit_callbacks, monkeypatch
):
    monkeypatch.setattr("workup.referrals.broker.enqueue_delivery", lambda referral_id: True)
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
