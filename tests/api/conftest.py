"""API test helpers: authenticated clients for the shared cast, and records in known states."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from workup import services as encounter_services
from workup.demo_cases import L5_FOOT_DROP, NECK_DRAFT
from workup.models import Referral

PDF_BYTES = b"%PDF-1.4\n% a stand-in for a rendered referral\n%%EOF\n"


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """The cast's passwords are hashed per test; a slow hasher would dominate these tests' time."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _empty_cache():
    """The throttle counts live in the cache (Redis): every test starts with none."""
    cache.clear()
    yield
    cache.clear()


def client_for_user(user) -> APIClient:
    """An API client authenticated by the user's token."""
    client = APIClient()
    token, _ = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def client_for(clinician) -> APIClient:
    return client_for_user(clinician.user)


@pytest.fixture
def anonymous() -> APIClient:
    return APIClient()


@pytest.fixture
def client_a(gp_a) -> APIClient:
    return client_for(gp_a)


@pytest.fixture
def client_colleague_a(colleague_a) -> APIClient:
    return client_for(colleague_a)


@pytest.fixture
def client_b(gp_b) -> APIClient:
    return client_for(gp_b)


@pytest.fixture
def client_staff_a(staff_a) -> APIClient:
    return client_for(staff_a)


@pytest.fixture
def draft_encounter(gp_a, patient_a):
    """An unsigned encounter of practice A with a partial history."""
    return encounter_services.encounter_create(clinician=gp_a, patient=patient_a, answers=NECK_DRAFT.answers)


@pytest.fixture
def signable_encounter(gp_a, patient_a):
    """An unsigned encounter of practice A whose answers are complete (urgent: spinal surgery)."""
    return encounter_services.encounter_create(
        clinician=gp_a, patient=patient_a, answers=L5_FOOT_DROP.answers
    )


@pytest.fixture
def signed_encounter(gp_a, signable_encounter):
    return encounter_services.encounter_sign(clinician=gp_a, encounter=signable_encounter)


@pytest.fixture
def queued_referral(gp_a, signed_encounter, services):
    return Referral.objects.create(
        encounter=signed_encounter,
        service=services["spinal_surgery"],
        requested_by=gp_a,
        urgency=signed_encounter.effective_urgency,
    )


@pytest.fixture
def ready_referral(queued_referral):
    """A referral whose PDF is rendered and stored in the private storage."""
    name = storages["private"].save(f"referrals/{queued_referral.public_id}.pdf", ContentFile(PDF_BYTES))
    queued_referral.status = Referral.Status.READY
    queued_referral.pdf_file = name
    queued_referral.pages = 1
    queued_referral.pdf_sha256 = "0" * 64
    queued_referral.save()
    return queued_referral
