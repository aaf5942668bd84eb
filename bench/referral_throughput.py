"""End-to-end referral pipeline benchmark: POST → rendered → emailed, with real workers.

Phase 1: one worker, referrals one at a time: time from POST to `sent` (p50/p95).
Phase 2: two worker processes, N referrals posted at once: sustained referrals per
second, lost (never sent) and duplicated (emailed more than once) counts, and the
peak RSS of the worker processes.

Uses its own PostgreSQL database (workup_bench), Redis database 10 and a local SMTP
sink. Run with `make bench-e2e` or `python bench/referral_throughput.py --referrals 200`.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATABASE_URL = "postgres://postgres@127.0.0.1:5432/workup_bench"
REDIS_URL = "redis://127.0.0.1:6379/10"
STORAGE = Path(tempfile.mkdtemp(prefix="workup-bench-"))
os.environ.update(
    DJANGO_SETTINGS_MODULE="config.settings",
    DATABASE_URL=DATABASE_URL,
    REDIS_URL=REDIS_URL,
    SECRET_KEY=os.environ.get("SECRET_KEY", "bench-only"),
    ENV_FILE="/nonexistent",
    SECURE_HTTPS="0",
    PRIVATE_STORAGE_ROOT=str(STORAGE),
    ALLOWED_HOSTS="testserver,127.0.0.1",
)


class Sink:
    """A local SMTP server counting messages by Message-ID."""

    def __init__(self) -> None:
        from aiosmtpd.controller import Controller

        self.received: Counter[str] = Counter()
        self.lock = threading.Lock()
        sink = self

        class Handler:
            async def handle_DATA(self, server, session, envelope):
                from email import message_from_bytes

                message_id = message_from_bytes(envelope.content).get("Message-ID", "")
                with sink.lock:
                    sink.received[message_id] += 1
                return "250 OK"

        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.controller = Controller(Handler(), hostname="127.0.0.1", port=self.port)
        self.controller.start()


def prepare_database(count: int):
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", "workup_bench"], capture_output=True)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from clinic.models import Clinician, Practice, SpecialistService
    from clinic.services import clinician_create, patient_create
    from workup.demo_cases import L5_FOOT_DROP
    from workup.models import Encounter, Referral
    from workup.services import encounter_create, encounter_sign

    Referral.objects.all().delete()
    practice, _ = Practice.objects.get_or_create(name="Bench Surgery")
    gp = Clinician.objects.filter(user__username="bench.gp").first() or clinician_create(
        practice=practice,
        username="bench.gp",
        password="a-long-bench-password-7",
        role="gp",
        registration_number="7999999",
    )
    service, _ = SpecialistService.objects.get_or_create(
        name="Bench Spinal Service",
        specialty="spinal_surgery",
        defaults={"email": "spine@example.org", "phone": "0"},
    )
    service.practices.add(practice)
    encounters = list(Encounter.objects.filter(patient__practice=practice, status="signed")[:count])
    while len(encounters) < count:
        patient = patient_create(
            clinician=gp,
            given_name="Robin",
            family_name=f"Bench{len(encounters)}",
            date_of_birth="1961-04-05",
            sex="male",
        )
        patient.refresh_from_db()
        encounter = encounter_create(clinician=gp, patient=patient, answers=L5_FOOT_DROP.answers)
        encounters.append(encounter_sign(clinician=gp, encounter=encounter))
    return gp, encounters


def start_workers(count: int, sink_port: int, log_dir: Path) -> list[subprocess.Popen]:
    environment = {
        **os.environ,
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(sink_port),
    }
    celery = str(Path(sys.executable).parent / "celery")
    workers = []
    for index in range(count):
        log = (log_dir / f"worker{index}.log").open("w")
        workers.append(
            subprocess.Popen(
                [
                    celery,
                    "-A",
                    "config",
                    "worker",
                    "--concurrency=1",
                    "--pool=prefork",
                    "--loglevel=WARNING",
                    "--without-gossip",
                    "--without-mingle",
                    f"--hostname=bench{index}@%h",
                ],
                cwd=ROOT,
                env=environment,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        )
    from config.celery import app

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if len(app.control.ping(timeout=0.5) or []) >= count:
            return workers
    raise SystemExit("workers did not start")


def stop_workers(workers: list[subprocess.Popen]) -> None:
    for worker in workers:
        worker.terminate()
    for worker in workers:
        worker.wait(timeout=30)


class RssSampler(threading.Thread):
    """Peak resident memory of the worker main processes and of their pool children."""

    def __init__(self, workers: list[subprocess.Popen]) -> None:
        super().__init__(daemon=True)
        self.workers, self.running = workers, True
        self.peak_main_mb = self.peak_child_mb = 0.0

    def run(self) -> None:
        import psutil

        while self.running:
            for worker in self.workers:
                try:
                    main = psutil.Process(worker.pid)
                    self.peak_main_mb = max(self.peak_main_mb, main.memory_info().rss / 2**20)
                    for child in main.children():
                        self.peak_child_mb = max(self.peak_child_mb, child.memory_info().rss / 2**20)
                except psutil.NoSuchProcess:
                    pass
            time.sleep(0.1)


def post_referral(client, encounter) -> str:
    response = client.post("/api/v1/referrals/", {"encounter": str(encounter.public_id)}, format="json")
    assert response.status_code == 202, response.content
    return response.json()["id"]


def wait_sent(ids: list[str], timeout: float) -> dict[str, float]:
    from workup.models import Referral

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        rows = Referral.objects.filter(public_id__in=ids, status="sent").values_list("public_id", "sent_at")
        sent = dict(rows)
        if len(sent) == len(ids):
            break
        time.sleep(0.1)
    return {str(key): value.timestamp() for key, value in sent.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--referrals", type=int, default=200)
    parser.add_argument("--latency-samples", type=int, default=20)
    arguments = parser.parse_args()

    gp, encounters = prepare_database(arguments.referrals)
    import logging

    logging.getLogger("mail.log").setLevel(logging.WARNING)
    from rest_framework.test import APIClient

    from config.celery import app

    app.control.purge()
    client = APIClient()
    client.force_authenticate(gp.user)
    sink = Sink()
    logs = Path(tempfile.mkdtemp(prefix="workup-bench-logs-"))

    workers = start_workers(1, sink.port, logs)
    latencies = []
    for encounter in encounters[: arguments.latency_samples]:
        started = time.time()
        referral_id = post_referral(client, encounter)
        sent = wait_sent([referral_id], timeout=60)
        if referral_id in sent:
            latencies.append(time.time() - started)
    stop_workers(workers)

    workers = start_workers(2, sink.port, logs)
    sampler = RssSampler(workers)
    sampler.start()
    batch = encounters[: arguments.referrals]
    started = time.time()
    ids = [post_referral(client, encounter) for encounter in batch]
    posted = time.time()
    sent = wait_sent(ids, timeout=max(120, arguments.referrals))
    finished = max(sent.values()) if sent else time.time()
    sampler.running = False
    stop_workers(workers)

    duplicated = sum(
        count - 1
        for message_id, count in sink.received.items()
        if message_id.strip("<>").removeprefix("referral-").split("@")[0] in ids and count > 1
    )
    lost = len(ids) - len(sent)
    print("End-to-end referral pipeline (PostgreSQL, Redis, real workers, SMTP sink)")
    if latencies:
        ordered = sorted(latencies)
        p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
        p50 = statistics.median(latencies)
        print(f"  POST → sent, one worker, {len(latencies)} referrals: p50 {p50:.2f}s, p95 {p95:.2f}s")
    print(
        f"  two workers, {len(ids)} referrals: posted in {posted - started:.1f}s, all sent after "
        f"{finished - started:.1f}s → {len(sent) / (finished - started):.2f} referrals/s"
    )
    print(f"  lost {lost}, duplicated {duplicated}")
    print(
        f"  worker peak RSS: pool child (renders PDFs) {sampler.peak_child_mb:.0f} MB, "
        f"main process {sampler.peak_main_mb:.0f} MB"
    )
    sink.controller.stop()


if __name__ == "__main__":
    main()
