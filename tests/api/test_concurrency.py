"""Optimistic concurrency under real concurrency: two saves of one version, one wins (spec §5)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from tests.api.conftest import client_for
from workup import services as encounter_services
from workup.demo_cases import NECK_DRAFT
from workup.models import Encounter


def patch_in_thread(
    client, url: str, body: dict, barrier: threading.Barrier, results: list
) -> threading.Thread:
    def run() -> None:
        try:
            barrier.wait(timeout=10)
            results.append((body, client.patch(url, body, format="json")))
        finally:
            connection.close()  # each thread has its own database connection

    thread = threading.Thread(target=run)
    thread.start()
    return thread


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_patches_of_one_version_save_exactly_one(gp_a, colleague_a, patient_a):
    encounter = encounter_services.encounter_create(
        clinician=gp_a, patient=patient_a, answers=NECK_DRAFT.answers
    )
    url = f"/api/v1/encounters/{encounter.public_id}/"
    barrier, results = threading.Barrier(2), []

    threads = [
        patch_in_thread(
            client_for(gp_a), url, {"version": 1, "answers": {"history.pain_score": 3}}, barrier, results
        ),
        patch_in_thread(
            client_for(colleague_a),
            url,
            {"version": 1, "answers": {"history.pain_score": 8}},
            barrier,
            results,
        ),
    ]
    for thread in threads:
        thread.join(timeout=30)

    statuses = sorted(response.status_code for _, response in results)
    assert statuses == [200, 409]
    winner_body = next(body for body, response in results if response.status_code == 200)
    loser = next(response for _, response in results if response.status_code == 409)
    assert loser.json()["current_version"] == 2
    encounter = Encounter.objects.get(pk=encounter.pk)
    assert encounter.version == 2
    assert encounter.answers["history.pain_score"] == winner_body["answers"]["history.pain_score"]
