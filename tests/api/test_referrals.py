"""Referrals: request (202, queued), read, download the PDF once ready; and the service directory."""

from __future__ import annotations

import logging
import uuid

import pytest

from core.models import AuditEvent
from tests.api.conftest import PDF_BYTES
from tests.factories import ReferralFactory, SpecialistServiceFactory
from tests.integration.referral_support import celery_broker, free_port
from workup.models import Referral

REFERRALS_URL = "/api/v1/referrals/"
SERVICES_URL = "/api/v1/services/"


def referral_url(referral, action: str = "") -> str:
    return f"/api/v1/referrals/{referral.public_id}/" + (f"{action}/" if action else "")


def test_requesting_a_referral_answers_202_queued(client_a, signed_encounter, services):
    response = client_a.post(
        REFERRALS_URL, {"encounter": str(signed_encounter.public_id), "note": "Thank you."}, format="json"
    )

    assert response.status_code == 202
    body = response.json()
    assert body["status"] == "queued"
    assert body["urgency"] == "urgent"
    assert body["encounter"] == str(signed_encounter.public_id)
    assert {"id", "status", "urgency", "pdf_sha256", "pages", "sent_at", "error"} <= set(body)


def test_a_referral_defaults_to_the_service_for_the_assessed_specialty(client_a, signed_encounter, services):
    response = client_a.post(REFERRALS_URL, {"encounter": str(signed_encounter.public_id)}, format="json")

    assert response.json()["service"] == str(services["spinal_surgery"].public_id)


def test_a_referral_may_name_a_service_from_the_directory(client_a, signed_encounter, services):
    chosen = services["neurology"]

    response = client_a.post(
        REFERRALS_URL,
        {"encounter": str(signed_encounter.public_id), "service": str(chosen.public_id)},
        format="json",
    )

    assert response.status_code == 202
    assert Referral.objects.get().service == chosen


def test_a_referral_naming_a_service_outside_the_directory_is_a_400(client_a, signed_encounter, services):
    outside = SpecialistServiceFactory()

    response = client_a.post(
        REFERRALS_URL,
        {"encounter": str(signed_encounter.public_id), "service": str(outside.public_id)},
        format="json",
    )

    assert response.status_code == 400
    assert list(response.json()) == ["service"]


def test_a_referral_for_an_unsigned_encounter_is_a_400(client_a, signable_encounter, services):
    response = client_a.post(REFERRALS_URL, {"encounter": str(signable_encounter.public_id)}, format="json")

    assert response.status_code == 400
    assert list(response.json()) == ["encounter"]
    assert not Referral.objects.exists()


def test_listing_referrals_is_paginated(client_a, queued_referral):
    body = client_a.get(REFERRALS_URL).json()

    assert set(body) == {"count", "next", "previous", "results"}
    assert [referral["id"] for referral in body["results"]] == [str(queued_referral.public_id)]


def test_getting_a_referral_shows_its_status(client_a, queued_referral):
    response = client_a.get(referral_url(queued_referral))

    assert response.status_code == 200
    assert response.json()["status"] == "queued"
    assert response.json()["pdf_url"] is None


def test_a_ready_referral_links_its_pdf(client_a, ready_referral):
    body = client_a.get(referral_url(ready_referral)).json()

    assert body["pdf_url"] == referral_url(ready_referral, "pdf")
    assert body["pages"] == 1


def test_downloading_a_ready_referral_returns_the_pdf(client_a, ready_referral):
    response = client_a.get(referral_url(ready_referral, "pdf"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert response["Cache-Control"] == "no-store"
    assert (
        response["Content-Disposition"] == f'attachment; filename="referral-{ready_referral.public_id}.pdf"'
    )


def test_a_client_accepting_only_pdf_gets_the_pdf(client_a, ready_referral):
    response = client_a.get(referral_url(ready_referral, "pdf"), HTTP_ACCEPT="application/pdf")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"


def test_a_sent_referral_can_still_be_downloaded(client_a, gp_a, signed_encounter):
    sent = ReferralFactory(sent=True, encounter=signed_encounter, requested_by=gp_a)

    response = client_a.get(referral_url(sent, "pdf"))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES


def test_downloading_before_the_pdf_is_ready_is_a_409(client_a, queued_referral):
    response = client_a.get(referral_url(queued_referral, "pdf"))

    assert response.status_code == 409
    assert "status" in response.json()


def test_a_client_accepting_only_pdf_gets_the_409_as_json(client_a, queued_referral):
    response = client_a.get(referral_url(queued_referral, "pdf"), HTTP_ACCEPT="application/pdf")

    assert response.status_code == 409
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"status": ["The PDF is not ready yet (status: queued)."]}


def test_downloading_a_pdf_appends_an_audit_event(client_a, gp_a, ready_referral):
    before = AuditEvent.objects.filter(action="download").count()

    client_a.get(referral_url(ready_referral, "pdf"))

    assert AuditEvent.objects.filter(action="download").count() == before + 1
    event = AuditEvent.objects.filter(action="download").order_by("-id").first()
    assert (event.actor, event.object_id, event.channel) == (gp_a.user, str(ready_referral.public_id), "api")


def test_viewing_a_referral_appends_an_audit_event(client_a, gp_a, queued_referral):
    client_a.get(referral_url(queued_referral))

    assert AuditEvent.objects.filter(
        action="view", object_id=str(queued_referral.public_id), actor=gp_a.user
    ).exists()


def test_an_unknown_referral_is_a_404(client_a, db):
    assert client_a.get(f"/api/v1/referrals/{uuid.uuid4()}/").status_code == 404


# --- The service directory ------------------------------------------------------------------------


def test_services_lists_the_practice_directory(client_a, services):
    SpecialistServiceFactory(name="Not in A's directory")

    body = client_a.get(SERVICES_URL).json()

    assert body["count"] == len(services)
    assert set(body["results"][0]) == {"id", "name", "specialty", "email", "phone", "address"}
    assert "Not in A's directory" not in {service["name"] for service in body["results"]}


@pytest.fixture
def render_queue():
    """The broker's default queue, emptied first: what a worker would receive next."""
    from config.celery import app

    app.control.purge()
    with app.connection_for_read() as connection:
        queue = connection.SimpleQueue("celery")
        yield queue
        queue.close()
    app.control.purge()


def test_a_requested_referral_is_sent_for_rendering_after_commit_by_id_only(
    client_a, signed_encounter, services, django_capture_on_commit_callbacks, render_queue
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_a.post(REFERRALS_URL, {"encounter": str(signed_encounter.public_id)}, format="json")
        with pytest.raises(render_queue.Empty):  # nothing before the commit
            render_queue.get_nowait()

    referral = Referral.objects.get(public_id=response.json()["id"])
    message = render_queue.get(timeout=5)
    args, kwargs, _ = message.decode()
    message.ack()
    assert (message.headers["task"], args, kwargs) == ("workup.render_referral", [referral.pk], {})
    assert message.headers["ignore_result"] is True
    with pytest.raises(render_queue.Empty):  # and only one message
        render_queue.get_nowait()


def test_a_referral_is_accepted_while_the_broker_is_down(
    client_a, signed_encounter, services, django_capture_on_commit_callbacks, caplog
):
    caplog.set_level(logging.WARNING, logger="workup.referrals")
    nothing_listens = f"redis://127.0.0.1:{free_port()}/0"
    with celery_broker(nothing_listens), django_capture_on_commit_callbacks(execute=True):
        response = client_a.post(REFERRALS_URL, {"encounter": str(signed_encounter.public_id)}, format="json")

    assert response.status_code == 202
    assert Referral.objects.get(public_id=response.json()["id"]).status == "queued"
    assert "could not enqueue workup.render_referral" in caplog.text
