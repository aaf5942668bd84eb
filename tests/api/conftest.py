"""API test helpers: authenticated clients for the shared cast, and records in known states."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from accounts.tokens import api_token_issue
from tests.factories import STAND_IN_PDF, ReferralFactory
from workup import services as encounter_services
from workup.demo_cases import L5_FOOT_DROP, NECK_DRAFT

PDF_BYTES = STAND_IN_PDF


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
    _, key = api_token_issue(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
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
    return ReferralFactory(encounter=signed_encounter, service=services["spinal_surgery"], requested_by=gp_a)


@pytest.fixture
def ready_referral(gp_a, signed_encounter, services):
    """A referral whose PDF (PDF_BYTES) is rendered and stored in the private storage."""
    return ReferralFactory(
        ready=True, encounter=signed_encounter, service=services["spinal_surgery"], requested_by=gp_a
    )
