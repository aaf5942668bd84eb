"""Fixtures of the web app tests: plain-HTTP settings, a live server, a real worker and Chromium."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.test.utils import override_settings

from tests.conftest import WorkerProcess
from tests.factories import ReferralFactory
from workup import services
from workup.demo_cases import CAUDA_EQUINA
from workup.models import Encounter, Referral

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-sync",
    "--disable-component-update",
    "--no-first-run",
]

# The test server speaks plain HTTP: no HTTPS redirect or secure-only cookies, and static files from the
# finders (no collectstatic manifest in a test run).
PLAIN_HTTP_SETTINGS = {
    "SECURE_SSL_REDIRECT": False,
    "SESSION_COOKIE_SECURE": False,
    "CSRF_COOKIE_SECURE": False,
    "SECURE_HSTS_SECONDS": 0,
}
STATICFILES_STORAGE = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}


@pytest.fixture(autouse=True)
def _plain_http(settings):
    for name, value in PLAIN_HTTP_SETTINGS.items():
        setattr(settings, name, value)
    settings.STORAGES = {**settings.STORAGES, "staticfiles": STATICFILES_STORAGE}


@pytest.fixture(scope="package")
def live_server(request):
    """pytest-django's live server, started with the plain-HTTP settings (its middleware reads them once)."""
    from django.conf import settings
    from pytest_django.live_server_helper import LiveServer

    storages = {**settings.STORAGES, "staticfiles": STATICFILES_STORAGE}
    with override_settings(**PLAIN_HTTP_SETTINGS, STORAGES=storages):
        server = LiveServer(os.getenv("DJANGO_LIVE_TEST_SERVER_ADDRESS") or "localhost")
        yield server
        server.stop()


@pytest.fixture
def web_worker(worker_environment, tmp_path):
    """A real Celery worker that delivers referral email to its own in-memory outbox."""
    environment = {**worker_environment, "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend"}
    worker = WorkerProcess(environment, tmp_path / "worker.log", name=f"web-{os.getpid()}")
    worker.start()
    yield worker
    worker.stop()


@pytest.fixture(scope="package")
def browser():
    """Chromium for this package's tests.

    Playwright's sync API keeps an event loop running in the test thread while it is alive, so Django would
    refuse the tests' own (synchronous, safe) ORM calls; allow them for exactly that time, never longer:
    other tests run `manage.py check --deploy`, which rejects the variable.
    """
    from playwright.sync_api import sync_playwright

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield chromium
            chromium.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.call_report = report
    return report


@pytest.fixture
def page(browser, live_server, request):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, accept_downloads=True)
    context.set_default_timeout(15_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.javascript_errors = errors
    yield page
    report = getattr(request.node, "call_report", None)
    if report is not None and report.failed:  # what the browser showed when it went wrong
        screenshot(page, f"FAILED-{request.node.name}", full_page=True)
    context.close()


def screenshot(page, name: str, *, full_page: bool = False) -> None:
    """Save a screenshot; call it only once an expectation has shown the page it should capture."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.wait_for_load_state()
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=full_page)


# --- Records the page tests open -----------------------------------------------------------


@pytest.fixture
def client_a(client, gp_a):
    client.force_login(gp_a.user)
    return client


@pytest.fixture
def draft(gp_a, patient_a) -> Encounter:
    return services.encounter_create(
        clinician=gp_a, patient=patient_a, answers={"history.regions": ["lumbar_spine"]}
    )


@pytest.fixture
def signed(gp_a, patient_a) -> Encounter:
    encounter = services.encounter_create(clinician=gp_a, patient=patient_a, answers=CAUDA_EQUINA.answers)
    return services.encounter_sign(clinician=gp_a, encounter=encounter)


@pytest.fixture
def referral(gp_a, signed, services) -> Referral:
    """A referral of the signed encounter whose PDF is ready, to the practice's emergency service."""
    return ReferralFactory(
        ready=True, requested_by=gp_a, encounter=signed, service=services["emergency_department"]
    )
