"""Two-factor authentication in a real browser (Chromium via Playwright): enrol an authenticator app at
first login and log in with its code; register a passkey on a virtual authenticator and log in with it."""

from __future__ import annotations

import time

import pyotp
import pytest
from playwright.sync_api import Page, expect

from tests.factories import DEMO_PASSWORD, ClinicianFactory
from tests.web.conftest import screenshot

pytestmark = pytest.mark.integration


@pytest.fixture
def new_gp(practice_a):
    """A GP whose account the back office just made: a password and no second factor yet."""
    return ClinicianFactory(practice=practice_a, user__username="new.gp", user__second_factor=False)


def script_errors(page: Page) -> list[str]:
    """Script errors and Content-Security-Policy refusals (a 404 for a favicon is not one)."""
    return [message for message in page.javascript_errors if "Failed to load resource" not in message]


def enter_password(page: Page, live_server, username: str) -> None:
    page.goto(live_server.url + "/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log in").click()


def log_out(page: Page) -> None:
    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("heading", name="Log in")).to_be_visible()


def test_a_new_gp_enrols_an_authenticator_app_at_first_login_then_logs_in_with_its_code(
    page, live_server, new_gp
):
    enter_password(page, live_server, "new.gp")
    # Sent to enrol before anything else; the dashboard is out of reach until then.
    expect(page.get_by_role("heading", name="Two-Factor Authentication")).to_be_visible()
    page.goto(live_server.url + "/patients/")
    expect(page.get_by_role("heading", name="Two-Factor Authentication")).to_be_visible()

    page.goto(live_server.url + "/accounts/2fa/totp/activate/")
    secret = page.locator("#authenticator_secret").input_value()
    screenshot(page, "mfa-totp-enrolment")
    page.get_by_label("Authenticator code").fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name="Activate").click()
    expect(page.get_by_text("Authenticator app activated.")).to_be_visible()
    page.goto(live_server.url + "/")
    expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()
    log_out(page)

    enter_password(page, live_server, "new.gp")
    expect(page.get_by_role("heading", name="Two-Factor Authentication")).to_be_visible()
    expect(page.get_by_role("navigation", name="Main")).to_have_count(0)  # not logged in yet
    # The next step's code: the one just used at enrolment may not be used twice.
    page.locator("input[name=code]").fill(pyotp.TOTP(secret).at(time.time() + 30))
    page.get_by_role("button", name="Sign In").click()

    expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()
    assert script_errors(page) == []


def test_a_gp_registers_a_passkey_on_a_virtual_authenticator_and_logs_in_with_it(page, live_server, new_gp):
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    authenticator = cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )
    enter_password(page, live_server, "new.gp")
    expect(page.get_by_role("heading", name="Two-Factor Authentication")).to_be_visible()

    page.goto(live_server.url + "/accounts/2fa/webauthn/add/")
    page.get_by_label("Name").fill("Surgery laptop")
    page.get_by_role("button", name="Add").click()
    # Registered: allauth shows the recovery codes made with the first second factor.
    expect(page.get_by_role("heading", name="Recovery Codes")).to_be_visible()
    credentials = cdp.send("WebAuthn.getCredentials", {"authenticatorId": authenticator["authenticatorId"]})
    assert len(credentials["credentials"]) == 1
    page.goto(live_server.url + "/")
    expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()
    log_out(page)

    enter_password(page, live_server, "new.gp")
    page.get_by_role("button", name="Use a security key").click()

    expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()
    assert script_errors(page) == []
