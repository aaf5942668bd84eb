"""Property-based run of every operation in the OpenAPI document: no 5xx, and responses match the schema."""

from __future__ import annotations

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from accounts.tokens import api_token_issue
from workup import services as encounter_services
from workup.demo_cases import NECK_DRAFT

EXAMPLES_PER_OPERATION = 15


@pytest.fixture
def same_database_connection():
    """Keep the test's transaction open across requests, as Django's own test client does.

    The real WSGI handler closes "old" connections at each request's start and end, which
    would end the transaction every test runs (and is rolled back) in.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def path_ids(gp_a, patient_a, signed_encounter, ready_referral) -> dict[str, str]:
    """Real ids of practice A's records, so operations on one object reach their handlers, not a 404."""
    draft = encounter_services.encounter_create(clinician=gp_a, patient=patient_a, answers=NECK_DRAFT.answers)
    return {
        "/patients/{public_id}/": str(patient_a.public_id),
        "/encounters/{public_id}/addenda/": str(signed_encounter.public_id),
        "/encounters/{public_id}/": str(draft.public_id),
        "/referrals/{public_id}/": str(ready_referral.public_id),
        # Bodies that name a record: a real one, so creation reaches its service, not a lookup 400.
        "patient": str(patient_a.public_id),
        "encounter": str(signed_encounter.public_id),
    }


@pytest.fixture
def application(same_database_connection):
    # A fresh handler: middleware reads settings (the tests' plain-HTTP overrides) when it is built.
    return get_wsgi_application()


@pytest.fixture
def token_a(gp_a) -> str:
    return api_token_issue(user=gp_a.user)[1]


# Loaded at collection, over HTTPS as deployed (the settings' HTTPS redirect is still on then):
# schemathesis 4.32's lazy pytest.from_fixture does not run under pytest 9.
schema = schemathesis.openapi.from_wsgi(
    "/api/v1/schema/?format=json", get_wsgi_application(), base_url="https://localhost"
)


@pytest.mark.integration
@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    derandomize=True,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)
def test_every_operation_answers_without_server_errors_and_as_documented(
    case, db, application, token_a, path_ids
):
    if "public_id" in (case.path_parameters or {}):
        template = case.path.removeprefix("/api/v1")
        for prefix, public_id in path_ids.items():
            if template.startswith(prefix):
                case.path_parameters["public_id"] = public_id
                break
    if case.method == "POST" and isinstance(case.body, dict):
        for field in ("patient", "encounter"):
            if isinstance(case.body.get(field), str):
                case.body[field] = path_ids[field]

    case.call_and_validate(
        app=application,
        headers={"Authorization": f"Token {token_a}"},
        checks=[not_a_server_error, response_schema_conformance],
    )
