"""The admin's permission ladder: anonymous, a GP, staff of A, staff of B and a superuser, at every
changelist, add, change, history and delete URL of every registered model.

Each outcome is written out: "login" is a redirect to the admin login page, a number the exact status.
Another practice's row is a 404 (never a page that confirms it exists); a missing permission a 403.
"""

from __future__ import annotations

import pytest
from allauth.mfa.models import Authenticator
from django.contrib import admin
from django.urls import reverse

from accounts.tokens import api_token_issue
from clinic.services import practice_staff_group
from core.models import AuditEvent
from tests.factories import SpecialistServiceFactory
from workup import services as encounter_services
from workup.demo_cases import L5_FOOT_DROP
from workup.models import Referral

VIEWS = ("changelist", "add", "change", "history", "delete")
LOGIN = "login"

# model → outcome of (changelist, add, change, history, delete) for staff of A on A's rows.
STAFF_OF_A = {
    "clinic.practice": (200, 403, 200, 200, 403),
    "clinic.clinician": (200, 403, 200, 200, 403),
    "clinic.patient": (200, 200, 200, 200, 403),
    "clinic.specialistservice": (200, 403, 200, 200, 403),
    "workup.encounter": (200, 403, 200, 200, 403),
    "workup.referral": (200, 403, 200, 200, 403),
    "core.auditevent": (200, 403, 200, 200, 403),
    "auth.user": (403, 403, 403, 403, 403),
    "auth.group": (403, 403, 403, 403, 403),
    "accounts.apitoken": (403, 403, 403, 403, 403),
    "mfa.authenticator": (403, 403, 403, 403, 403),
}
# Staff of B on A's rows: their own lists and add pages, but A's rows are not found.
STAFF_OF_B = {
    "clinic.practice": (200, 403, 404, 404, 404),
    "clinic.clinician": (200, 403, 404, 404, 404),
    "clinic.patient": (200, 200, 404, 404, 404),
    "clinic.specialistservice": (200, 403, 404, 404, 404),
    "workup.encounter": (200, 403, 404, 404, 404),
    "workup.referral": (200, 403, 404, 404, 404),
    "core.auditevent": (200, 403, 404, 404, 404),
    "auth.user": (403, 403, 403, 403, 403),
    "auth.group": (403, 403, 403, 403, 403),
    "accounts.apitoken": (403, 403, 403, 403, 403),
    "mfa.authenticator": (403, 403, 403, 403, 403),
}
# A superuser without a practice: everything but clinical writes, which need a practice member
# (patients) or never happen here at all (encounters, referrals, the audit trail; patient deletes).
SUPERUSER = {
    "clinic.practice": (200, 200, 200, 200, 200),
    "clinic.clinician": (200, 200, 200, 200, 200),
    "clinic.patient": (200, 403, 200, 200, 403),
    "clinic.specialistservice": (200, 200, 200, 200, 200),
    "workup.encounter": (200, 403, 200, 200, 403),
    "workup.referral": (200, 403, 200, 200, 403),
    "core.auditevent": (200, 403, 200, 200, 403),
    "auth.user": (200, 200, 200, 200, 200),
    "auth.group": (200, 200, 200, 200, 200),
    # Tokens are issued only by logging in, second factors only enrolled by their owner: seen, revoked.
    "accounts.apitoken": (200, 403, 200, 200, 200),
    "mfa.authenticator": (200, 403, 200, 200, 200),
}
NOT_STAFF = {model: (LOGIN,) * len(VIEWS) for model in STAFF_OF_A}
LADDER = {
    "anonymous": NOT_STAFF,
    "gp of A": NOT_STAFF,
    "staff of A": STAFF_OF_A,
    "staff of B": STAFF_OF_B,
    "superuser": SUPERUSER,
}
CASES = [
    (role, model, view, LADDER[role][model][index])
    for role in LADDER
    for model in STAFF_OF_A
    for index, view in enumerate(VIEWS)
]


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Five users per case, hundreds of cases: the default hasher would dominate the time."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def rows_of_a(practice_a, gp_a, patient_a, services) -> dict:
    """One row of practice A for every registered model (a service only in A's directory)."""
    encounter = encounter_services.encounter_sign(
        clinician=gp_a,
        encounter=encounter_services.encounter_create(
            clinician=gp_a, patient=patient_a, answers=L5_FOOT_DROP.answers
        ),
    )
    referral = Referral.objects.create(
        encounter=encounter, service=services["spinal_surgery"], requested_by=gp_a, urgency="urgent"
    )
    token, _ = api_token_issue(user=gp_a.user)
    return {
        "clinic.practice": (practice_a, practice_a.pk),
        "clinic.clinician": (gp_a, gp_a.pk),
        "clinic.patient": (patient_a, patient_a.pk),
        "clinic.specialistservice": (SpecialistServiceFactory(practices=[practice_a]), None),
        "workup.encounter": (encounter, encounter.pk),
        "workup.referral": (referral, referral.pk),
        "core.auditevent": (AuditEvent.objects.filter(practice=practice_a).earliest("at"), None),
        "auth.user": (gp_a.user, gp_a.user.pk),
        "auth.group": (practice_staff_group(), None),
        "accounts.apitoken": (token, None),
        "mfa.authenticator": (Authenticator.objects.filter(user=gp_a.user).first(), None),
    }


@pytest.fixture
def as_role(client, request, gp_a, staff_a, superuser):
    def login(role: str):
        if role == "anonymous":
            return client
        if role == "staff of B":
            user = request.getfixturevalue("staff_b").user
        else:
            user = {"gp of A": gp_a.user, "staff of A": staff_a.user, "superuser": superuser}[role]
        if role.startswith("staff"):
            user.groups.add(practice_staff_group())
        client.force_login(user)
        return client

    return login


def admin_url(model: str, view: str, rows: dict) -> str:
    app_label, model_name = model.split(".")
    name = f"admin:{app_label}_{model_name}_{view}"
    if view in ("changelist", "add"):
        return reverse(name)
    row, key = rows[model]
    return reverse(name, args=[key if key is not None else row.pk])


def test_the_ladder_covers_every_registered_model():
    registered = {model._meta.label_lower for model in admin.site._registry}

    assert registered == set(STAFF_OF_A)


@pytest.mark.parametrize(("role", "model", "view", "expected"), CASES)
def test_the_admin_answers_each_role_as_designed(as_role, rows_of_a, role, model, view, expected):
    client = as_role(role)
    url = admin_url(model, view, rows_of_a)

    response = client.get(url)

    if expected == LOGIN:
        assert response.status_code == 302
        assert response["Location"] == f"{reverse('admin:login')}?next={url}"
    else:
        assert response.status_code == expected


SCOPED = [model for model, outcomes in STAFF_OF_B.items() if outcomes[0] == 200]


@pytest.mark.parametrize("model", SCOPED)
def test_staff_of_b_never_see_a_row_of_a_in_a_list(as_role, rows_of_a, model):
    client = as_role("staff of B")

    html = client.get(admin_url(model, "changelist", rows_of_a)).content.decode()

    assert admin_url(model, "change", rows_of_a) not in html


@pytest.mark.parametrize("model", SCOPED)
def test_staff_of_a_see_the_row_of_a_in_the_list(as_role, rows_of_a, model):
    client = as_role("staff of A")

    html = client.get(admin_url(model, "changelist", rows_of_a)).content.decode()

    assert admin_url(model, "change", rows_of_a) in html


def test_staff_of_b_are_not_told_which_practices_use_a_shared_service(as_role, services, practice_a):
    client = as_role("staff of B")
    shared = services["spinal_surgery"]

    html = client.get(reverse("admin:clinic_specialistservice_change", args=[shared.pk])).content.decode()

    assert practice_a.name not in html
