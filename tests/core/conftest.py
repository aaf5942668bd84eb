"""Records in known states for the audit tests, and clients that name their user agent."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db.models import Max
from django.test import Client
from rest_framework.test import APIClient

from clinic.services import practice_staff_group
from core.models import AuditEvent
from tests.factories import PatientFactory
from workup import services as encounter_services
from workup.demo_cases import L5_FOOT_DROP, NECK_DRAFT
from workup.models import Referral

USER_AGENT = "Workup audit test/1.0"
ADDRESS = "127.0.0.1"  # the test client's REMOTE_ADDR


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def draft(gp_a, patient_a):
    return encounter_services.encounter_create(clinician=gp_a, patient=patient_a, answers=NECK_DRAFT.answers)


@pytest.fixture
def signed(gp_a, patient_a):
    encounter = encounter_services.encounter_create(
        clinician=gp_a, patient=patient_a, answers=L5_FOOT_DROP.answers
    )
    return encounter_services.encounter_sign(clinician=gp_a, encounter=encounter)


@pytest.fixture
def referral(gp_a, signed, services):
    """A referral of practice A whose PDF is stored."""
    referral = Referral.objects.create(
        encounter=signed, service=services["spinal_surgery"], requested_by=gp_a, urgency="urgent"
    )
    name = storages["private"].save(f"referrals/{referral.public_id}.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))
    Referral.objects.filter(pk=referral.pk).update(status=Referral.Status.READY, pdf_file=name, pages=1)
    referral.refresh_from_db()
    return referral


@pytest.fixture
def other_patient_a(gp_a):
    return PatientFactory(practice=gp_a.practice, given_name="Mary", family_name="Somerville")


@pytest.fixture
def web_a(gp_a) -> Client:
    client = Client(headers={"user-agent": USER_AGENT})
    client.force_login(gp_a.user)
    return client


@pytest.fixture
def api_a(gp_a) -> APIClient:
    client = APIClient(headers={"user-agent": USER_AGENT})
    client.force_authenticate(gp_a.user)
    return client


@pytest.fixture
def admin_staff_a(staff_a) -> Client:
    staff_a.user.groups.add(practice_staff_group())
    client = Client(headers={"user-agent": USER_AGENT})
    client.force_login(staff_a.user)
    return client


@pytest.fixture
def since():
    """The trail so far: tests compare only the events their request appended."""
    return AuditEvent.objects.aggregate(last=Max("pk"))["last"] or 0


def appended(since: int) -> list[tuple]:
    """(actor, action, patient, object type, object id, channel, address, user agent) of new events."""
    return sorted(
        AuditEvent.objects.filter(pk__gt=since).values_list(
            "actor__username",
            "action",
            "patient_id",
            "object_type",
            "object_id",
            "channel",
            "remote_address",
            "user_agent",
        )
    )


def event(user, action: str, obj, channel: str) -> tuple:
    """The event expected when `user` reads `obj` through `channel` with the test clients."""
    patient = getattr(obj, "audit_patient", None)
    return (
        user.username,
        action,
        patient.pk if patient else None,
        obj._meta.model_name,
        str(obj.public_id),
        channel,
        ADDRESS,
        USER_AGENT,
    )
