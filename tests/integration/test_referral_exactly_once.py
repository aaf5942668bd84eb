"""One referral and one email for many requests; at most two copies when SMTP answers go missing.

Against a live server (its own thread per request), a real Celery worker process, PostgreSQL and a
real SMTP sink (aiosmtpd). The figures are printed (run with -s to see them).
"""

from __future__ import annotations

import threading
import uuid

import pytest
import requests

from accounts.tokens import api_token_issue
from tests.conftest import WorkerProcess
from tests.integration.referral_support import signed_referral, wait_for
from workup import demo_cases
from workup import services as encounter_services
from workup.models import Referral
from workup.referrals import pipeline

pytestmark = pytest.mark.integration
Status = Referral.Status
CONCURRENT_REQUESTS = 20


@pytest.fixture
def environment(worker_environment, smtp_sink) -> dict[str, str]:
    return {**worker_environment, **smtp_sink.worker_environment()}


@pytest.fixture
def worker(environment, tmp_path):
    process = WorkerProcess(environment, tmp_path / "worker.log", name=f"once-{uuid.uuid4().hex[:8]}")
    process.start(concurrency=2)
    yield process
    process.stop()


@pytest.fixture
def signed_encounter(gp_a, patient_a, services):
    encounter = encounter_services.encounter_create(
        clinician=gp_a, patient=patient_a, answers=demo_cases.L5_FOOT_DROP.answers
    )
    return encounter_services.encounter_sign(clinician=gp_a, encounter=encounter)


def post_concurrently(url: str, token: str, body: dict, headers_for) -> list[requests.Response]:
    """CONCURRENT_REQUESTS POSTs released together from their own threads (each its own connection)."""
    start = threading.Barrier(CONCURRENT_REQUESTS)
    responses: list[requests.Response | None] = [None] * CONCURRENT_REQUESTS

    def post(index: int) -> None:
        start.wait()
        responses[index] = requests.post(
            url,
            json=body,
            headers={"Authorization": f"Token {token}", **headers_for(index)},
            timeout=60,
        )

    threads = [threading.Thread(target=post, args=(index,)) for index in range(CONCURRENT_REQUESTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return responses


def settled(referral_ids) -> bool:
    statuses = set(Referral.objects.filter(pk__in=referral_ids).values_list("status", flat=True))
    return statuses <= {Status.SENT, Status.FAILED}


def test_twenty_concurrent_posts_with_one_idempotency_key_make_one_referral_and_one_email(
    live_server, worker, smtp_sink, gp_a, signed_encounter
):
    token = api_token_issue(user=gp_a.user)[1]
    key = str(uuid.uuid4())

    responses = post_concurrently(
        f"{live_server.url}/api/v1/referrals/",
        token,
        {"encounter": str(signed_encounter.public_id)},
        lambda index: {"Idempotency-Key": key},
    )

    referral_ids = list(Referral.objects.values_list("pk", flat=True))
    wait_for(lambda: settled(referral_ids), seconds=90, what="the referral to be sent")
    wait_for(lambda: smtp_sink.accepted, seconds=10, what="the email")
    print(
        f"\n{CONCURRENT_REQUESTS} concurrent POSTs, one Idempotency-Key → {len(referral_ids)} referral(s), "
        f"{len(smtp_sink.accepted)} email(s); answers {sorted({r.status_code for r in responses})}"
    )
    assert len(referral_ids) == 1
    assert Referral.objects.get().status == Status.SENT
    assert len(smtp_sink.accepted) == 1
    assert {response.status_code for response in responses} == {202}
    assert len({response.text for response in responses}) == 1  # the first answer, every time


def test_twenty_concurrent_posts_without_a_key_make_one_referral_and_one_email(
    live_server, worker, smtp_sink, gp_a, signed_encounter
):
    token = api_token_issue(user=gp_a.user)[1]

    responses = post_concurrently(
        f"{live_server.url}/api/v1/referrals/",
        token,
        {"encounter": str(signed_encounter.public_id)},
        lambda index: {},
    )

    referral_ids = list(Referral.objects.values_list("pk", flat=True))
    wait_for(lambda: settled(referral_ids), seconds=90, what="the referral to be sent")
    wait_for(lambda: smtp_sink.accepted, seconds=10, what="the email")
    codes = sorted(response.status_code for response in responses)
    print(
        f"\n{CONCURRENT_REQUESTS} concurrent POSTs, no key → {len(referral_ids)} referral(s), "
        f"{len(smtp_sink.accepted)} email(s); {codes.count(202)}×202, {codes.count(409)}×409"
    )
    assert len(referral_ids) == 1
    assert len(smtp_sink.accepted) == 1
    assert codes == [202] + [409] * (CONCURRENT_REQUESTS - 1)
    referral = Referral.objects.get()
    refusals = [response.json() for response in responses if response.status_code == 409]
    assert all(refusal["referral"] == [str(referral.public_id)] for refusal in refusals)


# --- Email delivered once, or at most twice when answers go missing ----------------------------


def copies_per_referral(smtp_sink, referrals) -> dict[str, int]:
    copies = smtp_sink.copies_by_message_id()
    return {
        str(referral.public_id): copies.get(f"<referral-{referral.public_id}@workup>", 0)
        for referral in referrals
    }


def test_a_mail_server_that_stalls_after_accepting_gets_at_most_two_copies_then_the_referral_fails(
    environment, smtp_sink, tmp_path, gp_a, patient_a, services, settings
):
    referrals_made = 3
    smtp_sink.stall(seconds=4, times=referrals_made * 10)  # every DATA: kept, then no answer for 4 s
    worker = WorkerProcess(
        {**environment, "EMAIL_TIMEOUT": "1"}, tmp_path / "worker.log", name="stalled-smtp"
    )
    worker.start()
    try:
        referrals = [
            signed_referral(clinician=gp_a, patient=patient_a, answers=demo_cases.L5_FOOT_DROP.answers)
            for _ in range(referrals_made)
        ]
        wait_for(lambda: settled([r.pk for r in referrals]), seconds=120, what="the referrals to settle")
    finally:
        worker.stop()

    copies = copies_per_referral(smtp_sink, referrals)
    print(f"\nSMTP stalls past EMAIL_TIMEOUT after accepting: copies per referral {sorted(copies.values())}")
    for referral in referrals:
        referral.refresh_from_db()
        assert referral.status == Status.FAILED
        assert referral.uncertain_deliveries == 2
        assert referral.error.startswith("Maybe delivered: 2 sends")
    assert sorted(copies.values()) == [2] * referrals_made  # each copy under the referral's one Message-ID
    assert len(smtp_sink.accepted) == 2 * referrals_made


def test_a_worker_killed_after_the_server_accepted_leads_to_one_more_copy_with_the_same_message_id(
    environment, smtp_sink, tmp_path, gp_a, patient_a, services, settings, forget_unacknowledged_messages
):
    short = {"REFERRAL_READY_STALE_SECONDS": "2", "REFERRAL_SEND_STALE_SECONDS": "2"}
    settings.REFERRAL_READY_STALE_SECONDS = 2
    smtp_sink.stall(seconds=60)  # the first DATA: kept, then silence while the worker is killed
    doomed = WorkerProcess({**environment, **short}, tmp_path / "doomed.log", name="killed-mid-send")
    doomed.start()
    referral = signed_referral(clinician=gp_a, patient=patient_a, answers=demo_cases.L5_FOOT_DROP.answers)
    wait_for(lambda: smtp_sink.accepted, seconds=60, what="the server to accept the message")
    doomed.kill()
    in_flight = Referral.objects.get(pk=referral.pk)
    assert (in_flight.status, in_flight.delivery_started_at is not None) == (Status.READY, True)

    replacement = WorkerProcess({**environment, **short}, tmp_path / "replacement.log", name="after-kill")
    replacement.start()
    try:

        def delivered() -> bool:
            pipeline.sweep()
            return settled([referral.pk])

        wait_for(delivered, seconds=60, every=1, what="the sweeper to get the referral delivered")
    finally:
        replacement.stop()

    referral.refresh_from_db()
    copies = copies_per_referral(smtp_sink, [referral])
    print(f"\nWorker SIGKILLed after the server accepted: copies per referral {list(copies.values())}")
    assert referral.status == Status.SENT
    assert referral.uncertain_deliveries == 1
    assert "may also have reached the service" in referral.error
    assert list(copies.values()) == [2]
    assert len(smtp_sink.accepted) == 2
