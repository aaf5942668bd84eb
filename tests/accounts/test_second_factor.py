"""Two-factor authentication for every account: enrolment at first login, before any patient data."""

from __future__ import annotations

import pyotp
import pytest
from allauth.mfa.models import Authenticator
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.mfa import has_second_factor
from tests.factories import DEMO_PASSWORD, ClinicianFactory, PatientFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def new_gp(practice_a):
    """A GP whose account was just made: a password, no second factor yet."""
    return ClinicianFactory(practice=practice_a, user__username="new.gp", user__second_factor=False)


def logged_in(username: str) -> Client:
    browser = Client()
    response = browser.post(reverse("login"), {"username": username, "password": DEMO_PASSWORD})
    assert response.status_code == 302
    return browser


def test_a_user_without_a_second_factor_is_sent_to_enrol_at_first_login(new_gp):
    browser = logged_in("new.gp")

    response = browser.get(reverse("dashboard"))

    assert response.status_code == 302
    assert response.url == reverse("mfa_index")


def test_before_enrolling_no_patient_page_is_reachable(new_gp):
    patient = PatientFactory(practice=new_gp.practice)
    browser = logged_in("new.gp")

    for url in (reverse("patients"), reverse("patient", args=[patient.public_id]), reverse("patient-create")):
        assert browser.get(url).url == reverse("mfa_index"), url


def test_before_enrolling_the_api_refuses_the_session(new_gp):
    api = APIClient()
    api.cookies = logged_in("new.gp").cookies

    response = api.get("/api/v1/patients/")

    assert response.status_code == 403
    assert "two-factor" in response.json()["detail"]


def test_before_enrolling_staff_cannot_open_the_admin(practice_a):
    ClinicianFactory(
        practice=practice_a, user__username="new.staff", user__is_staff=True, user__second_factor=False
    )
    browser = logged_in("new.staff")

    assert browser.get(reverse("admin:index")).url == reverse("mfa_index")


def test_a_superuser_must_enrol_too(db):
    from django.contrib.auth import get_user_model

    get_user_model().objects.create_superuser("root2", "root2@example.org", DEMO_PASSWORD)
    browser = logged_in("root2")

    assert browser.get(reverse("admin:index")).url == reverse("mfa_index")


def test_enrolling_an_authenticator_app_opens_the_pages(new_gp):
    browser = logged_in("new.gp")
    form = browser.get(reverse("mfa_activate_totp"))
    secret = browser.session["mfa.totp.secret"]

    response = browser.post(reverse("mfa_activate_totp"), {"code": pyotp.TOTP(secret).now()})

    assert form.status_code == 200
    assert response.status_code == 302
    assert has_second_factor(new_gp.user)
    assert browser.get(reverse("dashboard")).status_code == 200


def test_enrolment_gives_recovery_codes_that_log_in_once(new_gp):
    browser = logged_in("new.gp")
    browser.get(reverse("mfa_activate_totp"))
    browser.post(reverse("mfa_activate_totp"), {"code": pyotp.TOTP(browser.session["mfa.totp.secret"]).now()})
    codes = Authenticator.objects.get(user=new_gp.user, type=Authenticator.Type.RECOVERY_CODES).wrap()
    recovery_code = codes.get_unused_codes()[0]

    first, second = Client(), Client()
    for attempt in (first, second):
        attempt.post(reverse("login"), {"username": "new.gp", "password": DEMO_PASSWORD})
        attempt.post(reverse("mfa_authenticate"), {"code": recovery_code})

    assert first.get(reverse("dashboard")).status_code == 200
    assert second.get(reverse("dashboard")).status_code == 302


def test_the_enrolment_page_is_inside_workups_own_page(new_gp):
    browser = logged_in("new.gp")

    page = browser.get(reverse("mfa_activate_totp")).content.decode()

    assert "Skip to main content" in page  # Workup's base template, not allauth's bare one
    assert 'src="data:image/svg+xml' in page  # the QR code to scan, allowed by the CSP (img-src data:)


def test_once_enrolled_changing_the_second_factor_asks_for_the_password_again(client, gp_a):
    client.force_login(gp_a.user)

    response = client.get(reverse("mfa_deactivate_totp"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_reauthenticate"))


def test_wrong_passwords_on_the_reauthentication_page_count_towards_the_lockout(client, gp_a, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"login": "2/min"}}
    client.force_login(gp_a.user)
    for _ in range(2):
        client.post(reverse("account_reauthenticate"), {"password": "wrong"})

    response = client.post(reverse("account_reauthenticate"), {"password": DEMO_PASSWORD})

    assert "Too many failed attempts" in response.content.decode()
