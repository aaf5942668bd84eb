"""Helpers for the referral pipeline tests: signed referrals, an SMTP sink, a private Redis.

Imported by tests/workup/test_referral_*.py, tests/workup/test_pdf*.py and
tests/integration/test_referral_*.py; nothing here is collected as a test.
"""

from __future__ import annotations

import asyncio
import contextlib
import email
import email.policy
import shutil
import socket
import subprocess
import time
from collections import Counter, deque
from collections.abc import Callable, Iterator
from email.message import EmailMessage
from pathlib import Path

from kombu import pools as kombu_pools

REDIS_SERVER = shutil.which("redis-server") or "redis-server"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(
    condition: Callable[[], object], *, seconds: float, every: float = 0.1, what: str = ""
) -> object:
    """Poll condition until it is truthy; fail the test after `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(every)
    raise AssertionError(f"timed out after {seconds}s waiting for {what or condition}")


def signed_referral(*, clinician, patient, answers: dict, note: str = "", **encounter_options):
    """Create, sign and refer an encounter through the real services."""
    from workup import services
    from workup.referrals.services import referral_request

    encounter = services.encounter_create(
        clinician=clinician, patient=patient, answers=answers, **encounter_options
    )
    encounter = services.encounter_sign(clinician=clinician, encounter=encounter)
    return referral_request(clinician=clinician, encounter=encounter, note=note)


# --- SMTP sink ------------------------------------------------------------------------


class SmtpSink:
    """A real SMTP server on 127.0.0.1 that keeps what it accepts.

    `refuse(reply, times)` makes the next DATA commands answer `reply` (e.g. a 451
    temporary failure) instead of accepting the message. `stall(seconds, times)` makes the next
    DATA commands keep the message and then say nothing for `seconds` before answering: the
    client's timeout runs out after the server has the message.
    """

    def __init__(self) -> None:
        self.port = free_port()
        self.accepted: list[bytes] = []
        self.refused: list[str] = []
        self._replies: deque[str] = deque()
        self._stalls: deque[float] = deque()
        self._controller = None

    def refuse(self, reply: str, times: int = 1) -> None:
        self._replies.extend([reply] * times)

    def stall(self, seconds: float, times: int = 1) -> None:
        self._stalls.extend([seconds] * times)

    async def handle_DATA(self, server, session, envelope) -> str:
        if self._replies:
            reply = self._replies.popleft()
            self.refused.append(reply)
            return reply
        self.accepted.append(envelope.content)
        if self._stalls:
            await asyncio.sleep(self._stalls.popleft())
        return "250 2.0.0 Message accepted for delivery"

    def copies_by_message_id(self) -> dict[str, int]:
        """How many accepted messages carry each Message-ID."""
        return dict(Counter(message["Message-ID"] for message in self.messages()))

    def start(self) -> SmtpSink:
        from aiosmtpd.controller import Controller

        self._controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self._controller.start()
        return self

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()

    def messages(self) -> list[EmailMessage]:
        return [email.message_from_bytes(raw, policy=email.policy.default) for raw in self.accepted]

    def send_mail_here(self, settings) -> None:
        """Point this process's Django mail (pytest-django's settings fixture) at the sink."""
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = self.port
        settings.EMAIL_TIMEOUT = 5

    def worker_environment(self) -> dict[str, str]:
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(self.port),
            "EMAIL_TIMEOUT": "10",
        }


def pdf_attachment(message: EmailMessage) -> bytes:
    (attachment,) = [
        part for part in message.iter_attachments() if part.get_content_type() == "application/pdf"
    ]
    return attachment.get_content()


# --- A Redis server of the test's own, to stop and start --------------------------------


class RedisServer:
    """A throwaway redis-server on a free port: other test runs share 6379, so never stop that."""

    def __init__(self, log_path: Path) -> None:
        self.port = free_port()
        self.log_path = log_path
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            [
                REDIS_SERVER,
                *("--port", str(self.port), "--bind", "127.0.0.1"),
                *("--save", "", "--appendonly", "no", "--daemonize", "no"),
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        wait_for(self._answers, seconds=10, what="redis-server to accept connections")

    def _answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as connection:
                connection.sendall(b"PING\r\n")
                return connection.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait()


@contextlib.contextmanager
def celery_broker(url: str) -> Iterator[None]:
    """Point this process's Celery app at another broker, and back afterwards."""
    from config.celery import app

    previous = app.conf.broker_url

    def switch(to: str) -> None:
        # kombu keeps connection pools in a global registry keyed by broker URL: closing
        # one in place would leave a closed pool there for the next user of that URL.
        kombu_pools.reset()
        app.conf.broker_url = to
        app._pool = None
        app.amqp._producer_pool = None

    switch(url)
    try:
        yield
    finally:
        switch(previous)


# --- Workers running a chosen Celery app -------------------------------------------------


SLOW_RENDER_APP = "tests.integration.slow_render_worker"


def referral_status(referral) -> str:
    from workup.models import Referral

    return Referral.objects.values_list("status", flat=True).get(pk=referral.pk)


def stored_pdf_names() -> set[str]:
    from django.core.files.storage import storages

    storage = storages["private"]
    if not storage.exists("referrals"):
        return set()
    return set(storage.listdir("referrals")[1])


def stored_pdf(referral) -> bytes:
    from django.core.files.storage import storages

    with storages["private"].open(referral.pdf_file, "rb") as stored:
        return stored.read()
