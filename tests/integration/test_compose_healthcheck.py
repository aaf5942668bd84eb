"""The web container's healthcheck passes with production settings: DEBUG off and HTTPS on."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from django.conf import settings as django_settings

from tests.conftest import database_url
from tests.integration.referral_support import free_port

pytestmark = pytest.mark.integration
ROOT = Path(__file__).resolve().parents[2]
GUNICORN = str(Path(sys.executable).parent / "gunicorn")
HOST = "workup.example.org"


@pytest.fixture
def production_server(transactional_db, tmp_path):
    """gunicorn as compose runs it: DEBUG off, HTTPS on, one allowed host."""
    port = free_port()
    environment = {
        **os.environ,
        "DATABASE_URL": database_url(django_settings.DATABASES["default"]),
        "DEBUG": "0",
        "SECURE_HTTPS": "1",
        "SECRET_KEY": "x" * 50,
        "ALLOWED_HOSTS": f".{HOST}",
        "ENV_FILE": "/nonexistent",
    }
    log = (tmp_path / "gunicorn.log").open("ab")
    process = subprocess.Popen(
        [GUNICORN, "config.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        cwd=ROOT,
        env=environment,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            requests.get(f"http://127.0.0.1:{port}/", timeout=1, allow_redirects=False)
            break
        except requests.RequestException:
            time.sleep(0.2)
    try:
        yield port, environment
    finally:
        process.terminate()
        process.wait(timeout=20)


def run_healthcheck(port: int, environment: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "scripts/healthcheck.py"],
        cwd=ROOT,
        env={**environment, "HEALTHCHECK_URL": f"http://127.0.0.1:{port}/healthz/"},
        capture_output=True,
        text=True,
        timeout=30,
    )


def test_the_healthcheck_passes_with_https_on(production_server):
    port, environment = production_server

    result = run_healthcheck(port, environment)

    assert result.returncode == 0, result.stderr


def test_every_other_page_still_redirects_plain_http_to_https(production_server):
    port, _ = production_server

    response = requests.get(
        f"http://127.0.0.1:{port}/login/", headers={"Host": HOST}, timeout=5, allow_redirects=False
    )

    assert response.status_code == 301
    assert response.headers["Location"].startswith("https://")


def test_the_healthcheck_fails_when_the_server_does_not_answer():
    result = run_healthcheck(free_port(), {**os.environ, "ALLOWED_HOSTS": HOST})

    assert result.returncode == 1
    assert "unhealthy" in result.stderr
