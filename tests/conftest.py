"""Shared fixtures: private storage per test session, and the real Celery worker."""

from __future__ import annotations

import ctypes
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent
CELERY = str(Path(sys.executable).parent / "celery")


@pytest.fixture(scope="session")
def private_storage_root(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("private-storage")


@pytest.fixture(autouse=True)
def _plain_http(settings):
    """Tests talk plain HTTP to the test client and live server; HTTPS is a deployment concern."""
    settings.SECURE_SSL_REDIRECT = False
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False


@pytest.fixture(autouse=True)
def _private_storage(settings, private_storage_root):
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {**settings.STORAGES["private"]["OPTIONS"], "location": str(private_storage_root)},
        },
        # No collectstatic before tests: serve from the finders, unhashed.
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


def database_url(settings_dict: dict) -> str:
    user = settings_dict.get("USER") or "postgres"
    host = settings_dict.get("HOST") or "127.0.0.1"
    port = settings_dict.get("PORT") or 5432
    return f"postgres://{user}@{host}:{port}/{settings_dict['NAME']}"


def _die_with_test_run() -> None:
    """In the worker child: SIGTERM it if the test run dies (even by SIGKILL), so no stray worker is left
    consuming the next run's messages from the same Redis database."""
    ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


class WorkerProcess:
    """A real `celery worker` child process against the test database and Redis."""

    def __init__(self, environment: dict[str, str], log_path: Path, name: str, app: str = "config") -> None:
        self.environment = environment
        self.log_path = log_path
        self.name = name
        self.app = app  # the Celery app module; tests may run a variant (see slow_render_worker)
        self.process: subprocess.Popen | None = None

    def start(self, concurrency: int = 1) -> None:
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            [
                CELERY,
                "-A",
                self.app,
                "worker",
                "--loglevel=INFO",
                f"--concurrency={concurrency}",
                "--pool=prefork",
                "--without-gossip",
                "--without-mingle",
                f"--hostname={self.name}@%h",
            ],
            cwd=ROOT,
            env=self.environment,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            preexec_fn=_die_with_test_run,
        )
        self.wait_until_ready()

    def wait_until_ready(self, seconds: float = 60) -> None:
        from config.celery import app

        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"worker exited early; log:\n{self.log_path.read_text()[-4000:]}")
            replies = app.control.ping(timeout=0.5) or []
            if any(self.name in next(iter(reply)) for reply in replies):
                return
        raise RuntimeError(f"worker not ready in {seconds}s; log:\n{self.log_path.read_text()[-4000:]}")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def kill(self) -> None:
        """SIGKILL the whole worker process group: parent and pool children."""
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, 9)
            self.process.wait()


@pytest.fixture
def worker_environment(transactional_db, private_storage_root) -> dict[str, str]:
    from config.celery import app

    app.control.purge()
    return {
        **os.environ,
        "DATABASE_URL": database_url(settings.DATABASES["default"]),
        "PRIVATE_STORAGE_ROOT": str(private_storage_root),
        "CELERY_TASK_ALWAYS_EAGER": "0",
        "ENV_FILE": "/nonexistent",
    }


@pytest.fixture
def celery_worker_process(worker_environment, tmp_path):
    """A running worker for one test; stopped (or already killed) afterwards."""
    worker = WorkerProcess(worker_environment, tmp_path / "worker.log", name=f"test-{os.getpid()}")
    worker.start()
    yield worker
    worker.stop()


@pytest.fixture
def smtp_sink():
    """A real SMTP server on 127.0.0.1 (see referral_support.SmtpSink), stopped afterwards."""
    from tests.integration.referral_support import SmtpSink

    sink = SmtpSink().start()
    yield sink
    sink.stop()


# --- The shared cast (style.md): GP A, colleague of A, GP B, admin staff of A, superuser ---


@pytest.fixture
def practice_a(db):
    from tests.factories import PracticeFactory

    return PracticeFactory(name="Riverside Test Surgery")


@pytest.fixture
def practice_b(db):
    from tests.factories import PracticeFactory

    return PracticeFactory(name="Hilltop Test Centre")


@pytest.fixture
def gp_a(practice_a):
    from tests.factories import ClinicianFactory

    return ClinicianFactory(practice=practice_a, user__username="gp.a")


@pytest.fixture
def colleague_a(practice_a):
    from tests.factories import ClinicianFactory

    return ClinicianFactory(practice=practice_a, user__username="gp2.a")


@pytest.fixture
def gp_b(practice_b):
    from tests.factories import ClinicianFactory

    return ClinicianFactory(practice=practice_b, user__username="gp.b")


def admin_staff_of(practice, username: str):
    from clinic.models import Clinician
    from tests.factories import ClinicianFactory

    return ClinicianFactory(
        practice=practice,
        user__username=username,
        user__is_staff=True,
        role=Clinician.Role.ADMIN_STAFF,
        registration_number="",
    )


@pytest.fixture
def staff_a(practice_a):
    return admin_staff_of(practice_a, "staff.a")


@pytest.fixture
def staff_b(practice_b):
    """Admin staff of practice B, who must see nothing of A's in the back office."""
    return admin_staff_of(practice_b, "staff.b")


@pytest.fixture
def superuser(db):
    from django.contrib.auth import get_user_model

    from accounts.mfa import totp_enrol
    from tests.factories import TEST_TOTP_SECRET

    user = get_user_model().objects.create_superuser("root", "root@example.org", "a-long-test-password-41")
    totp_enrol(user=user, secret=TEST_TOTP_SECRET)
    return user


@pytest.fixture
def patient_a(gp_a):
    from tests.factories import PatientFactory

    return PatientFactory(practice=gp_a.practice, given_name="Ada", family_name="Lovelace")


@pytest.fixture
def services(practice_a, practice_b):
    """One service per specialty, in both practices' directories."""
    from clinic.models import Specialty
    from tests.factories import SpecialistServiceFactory

    return {
        specialty: SpecialistServiceFactory(
            specialty=specialty, name=f"{specialty} service", practices=[practice_a, practice_b]
        )
        for specialty in Specialty.values
    }
