"""Bounded waits: a hung Redis costs a request under a second; dropped database connections cost no 500.

The figures are printed (run with -s to see them).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import psycopg
import pytest
import requests
from django.conf import settings as django_settings
from django.core.cache import cache
from django.db import connection
from rest_framework.test import APIClient

from accounts.tokens import api_token_issue
from tests.conftest import ROOT, WorkerProcess, database_url
from tests.integration.referral_support import RedisServer, celery_broker, free_port, wait_for
from workup import demo_cases
from workup import services as encounter_services
from workup.models import Referral
from workup.referrals import pipeline

pytestmark = pytest.mark.integration
Status = Referral.Status
GUNICORN = str(Path(sys.executable).parent / "gunicorn")


class HungRedis:
    """A TCP server that accepts every connection and never answers a byte."""

    def __init__(self) -> None:
        self.port = free_port()
        self._listener = socket.create_server(("127.0.0.1", self.port))
        self._accepted: list[socket.socket] = []
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def _accept(self) -> None:
        while True:
            try:
                connection, _ = self._listener.accept()
            except OSError:
                return
            self._accepted.append(connection)

    @property
    def connections_accepted(self) -> int:
        return len(self._accepted)

    def stop(self) -> None:
        self._listener.close()
        for accepted in self._accepted:
            accepted.close()


@pytest.fixture
def hung_redis():
    server = HungRedis()
    yield server
    server.stop()


def test_the_cache_answers_a_miss_within_its_timeout_while_redis_hangs(hung_redis, settings):
    settings.CACHES = {"default": {**settings.CACHES["default"], "LOCATION": hung_redis.url}}

    started = time.monotonic()
    value = cache.get("anything", "missed")
    seconds = time.monotonic() - started

    print(f"\nhung Redis: cache.get answered in {seconds:.2f} s")
    assert value == "missed"
    assert hung_redis.connections_accepted >= 1
    assert seconds < 3  # a generous bound: REDIS_TIMEOUT_SECONDS is 0.5


def test_a_referral_requested_while_redis_hangs_answers_202_quickly_and_is_delivered_once_it_is_back(
    worker_environment, smtp_sink, hung_redis, tmp_path, settings, gp_a, patient_a, services
):
    settings.REFERRAL_QUEUED_STALE_SECONDS = 1
    settings.CACHES = {"default": {**settings.CACHES["default"], "LOCATION": hung_redis.url}}
    encounter = encounter_services.encounter_create(
        clinician=gp_a, patient=patient_a, answers=demo_cases.L5_FOOT_DROP.answers
    )
    encounter = encounter_services.encounter_sign(clinician=gp_a, encounter=encounter)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_token_issue(user=gp_a.user)[1]}")

    # Warm: the process's first request loads the URLconf and the API modules, which is not a wait.
    assert client.get("/api/v1/referrals/").status_code == 200

    with celery_broker(hung_redis.url):
        started = time.monotonic()
        response = client.post("/api/v1/referrals/", {"encounter": str(encounter.public_id)}, format="json")
        seconds = time.monotonic() - started
    print(f"\nhung Redis: POST /api/v1/referrals/ answered {response.status_code} in {seconds:.2f} s")
    assert response.status_code == 202
    assert hung_redis.connections_accepted >= 1  # the publish really did reach the hung server
    referral = Referral.objects.get(public_id=response.json()["id"])
    assert referral.status == Status.QUEUED
    assert seconds < 3  # a generous bound: the connect and reply timeouts are 0.5 s each

    # Redis comes back on the same address: the sweeper sends the render, a worker delivers.
    hung_redis.stop()
    real_redis = RedisServer(tmp_path / "redis.log")
    real_redis.port = hung_redis.port
    real_redis.start()
    environment = {**worker_environment, **smtp_sink.worker_environment(), "REDIS_URL": real_redis.url}
    worker = WorkerProcess(environment, tmp_path / "worker.log", name="after-hang")
    try:
        with celery_broker(real_redis.url):
            worker.start()

            def delivered() -> bool:
                pipeline.sweep()
                return Referral.objects.get(pk=referral.pk).status in (Status.SENT, Status.FAILED)

            wait_for(delivered, seconds=90, every=1, what="the sweeper to get the referral delivered")
    finally:
        worker.stop()
        real_redis.stop()

    referral.refresh_from_db()
    assert referral.status == Status.SENT
    assert len(smtp_sink.accepted) == 1


# --- Dropped database connections --------------------------------------------------------------


def terminate_backend_connections(database: str) -> int:
    """pg_terminate_backend the server's sessions on the database, as a restart or failover would.

    From a second connection; the test's own session is spared (it holds the test's data).
    """
    connection.ensure_connection()
    own = connection.connection.info.backend_pid
    with psycopg.connect(
        database_url(django_settings.DATABASES["default"]).rsplit("/", 1)[0] + "/postgres"
    ) as admin:
        rows = admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = %s AND pid <> pg_backend_pid() AND pid <> %s",
            [database, own],
        ).fetchall()
    return len(rows)


@pytest.fixture
def gunicorn_server(transactional_db, tmp_path):
    """The API on gunicorn (two sync workers keeping their connections) against the test database."""
    port = free_port()
    log = (tmp_path / "gunicorn.log").open("ab")
    environment = {
        **os.environ,
        "DATABASE_URL": database_url(django_settings.DATABASES["default"]),
        "DATABASE_CONN_MAX_AGE": "600",
        "DEBUG": "0",
        "ENV_FILE": "/nonexistent",
    }
    process = subprocess.Popen(
        [GUNICORN, "config.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2", "--access-logfile", "-"],
        cwd=ROOT,
        env=environment,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )

    def answers() -> bool:
        try:
            return requests.get(f"http://127.0.0.1:{port}/api/v1/patients/", timeout=1).status_code == 401
        except requests.RequestException:
            return False

    try:
        wait_for(answers, seconds=30, what="gunicorn to answer")
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_after_the_database_drops_its_connections_every_request_succeeds(gunicorn_server, gp_a, patient_a):
    token = api_token_issue(user=gp_a.user)[1]
    session = requests.Session()
    session.headers["Authorization"] = f"Token {token}"
    url = f"{gunicorn_server}/api/v1/patients/"
    warm = [session.get(url, timeout=10).status_code for _ in range(10)]  # both workers keep a connection
    assert set(warm) == {200}

    terminated = terminate_backend_connections(django_settings.DATABASES["default"]["NAME"])
    after = [session.get(url, timeout=10).status_code for _ in range(40)]

    print(
        f"\npg_terminate_backend of {terminated} connection(s): "
        f"{after.count(200)} of {len(after)} following requests answered 200"
    )
    assert terminated >= 1
    assert after == [200] * len(after)
