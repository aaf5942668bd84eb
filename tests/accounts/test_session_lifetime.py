"""Sessions end after SESSION_IDLE_MINUTES without a request, and SESSION_MAX_HOURS after the login."""

from __future__ import annotations

import time

import pytest
from django.urls import reverse

from accounts.middleware import LOGGED_IN_AT, SEEN_AT
from workup import services


def set_session(client, **values) -> None:
    session = client.session
    for name, value in values.items():
        session[name] = value
    session.save()


@pytest.fixture
def draft(gp_a, patient_a):
    return services.encounter_create(clinician=gp_a, patient=patient_a, answers={})


@pytest.fixture
def signed_in(client, gp_a):
    client.force_login(gp_a.user)
    assert client.get(reverse("dashboard")).status_code == 200  # starts the clocks
    return client


def test_the_idle_timeout_defaults_to_30_minutes(settings):
    assert settings.SESSION_IDLE_MINUTES == 30


def test_a_session_idle_past_the_timeout_is_logged_out(signed_in, settings):
    set_session(signed_in, **{SEEN_AT: time.time() - settings.SESSION_IDLE_MINUTES * 60 - 5})

    response = signed_in.get(reverse("dashboard"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert signed_in.get(reverse("dashboard")).status_code == 302  # the session is gone, not just this page


def test_a_session_used_just_inside_the_timeout_goes_on(signed_in, settings):
    set_session(signed_in, **{SEEN_AT: time.time() - settings.SESSION_IDLE_MINUTES * 60 + 30})

    assert signed_in.get(reverse("dashboard")).status_code == 200


def test_the_idle_timeout_follows_the_setting(signed_in, settings):
    settings.SESSION_IDLE_MINUTES = 5
    set_session(signed_in, **{SEEN_AT: time.time() - 6 * 60})

    assert signed_in.get(reverse("dashboard")).status_code == 302


def test_an_active_session_ends_at_its_absolute_lifetime(signed_in, settings):
    set_session(signed_in, **{LOGGED_IN_AT: time.time() - settings.SESSION_MAX_HOURS * 3600 - 5})

    assert signed_in.get(reverse("dashboard")).status_code == 302


def test_the_session_cookie_never_outlives_the_absolute_lifetime(settings):
    assert settings.SESSION_COOKIE_AGE == settings.SESSION_MAX_HOURS * 3600


def test_a_page_script_gets_a_401_once_the_session_has_idled_out(signed_in, draft, settings):
    set_session(signed_in, **{SEEN_AT: time.time() - settings.SESSION_IDLE_MINUTES * 60 - 5})

    response = signed_in.post(
        reverse("encounter-preview", args=[draft.public_id]), "{}", content_type="application/json"
    )

    assert response.status_code == 401
