"""`make run`: migrate, load demo data, start web + Celery worker + beat, supervise them.

Stops every child on Ctrl-C or SIGTERM, and stops them all if any one dies, so the
demo never runs silently without its worker.
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
BIN = Path(PYTHON).parent
ENV_FILE = Path(os.environ.get("ENV_FILE") or ROOT / ".env")


def ensure_env_file() -> None:
    if ENV_FILE.exists():
        return
    ENV_FILE.write_text(
        "# Local settings for `make run`; never committed (see .gitignore).\n"
        f"SECRET_KEY={secrets.token_urlsafe(50)}\n"
        "DEBUG=1\n"
    )
    ENV_FILE.chmod(0o600)
    print(f"Wrote {ENV_FILE} with a generated SECRET_KEY.")


def read_env_file() -> dict[str, str]:
    values = {}
    for line in ENV_FILE.read_text().splitlines():
        if line.strip() and not line.lstrip().startswith("#") and "=" in line:
            key, _, value = line.partition("=")
            values[key.strip()] = value.strip()
    return values


def redis_answers(url: str) -> bool:
    parts = urlsplit(url)
    try:
        with socket.create_connection((parts.hostname or "127.0.0.1", parts.port or 6379), timeout=1) as s:
            s.sendall(b"PING\r\n")
            return s.recv(16).startswith((b"+PONG", b"-NOAUTH"))
    except OSError:
        return False


def ensure_redis(url: str) -> None:
    if redis_answers(url):
        return
    parts = urlsplit(url)
    print(f"Redis is not reachable at {parts.hostname}:{parts.port or 6379}.")
    local = parts.hostname in ("127.0.0.1", "localhost")
    if not (local and shutil.which("redis-server")):
        sys.exit("ERROR: Redis is required for the Celery worker. Start Redis or set REDIS_URL.")
    print("Starting a local redis-server.")
    subprocess.run(
        [
            "redis-server",
            "--daemonize",
            "yes",
            "--bind",
            "127.0.0.1",
            "--port",
            str(parts.port or 6379),
            "--save",
            "",
            "--appendonly",
            "no",
        ],
        check=True,
    )
    for _ in range(40):
        if redis_answers(url):
            return
        time.sleep(0.25)
    sys.exit("ERROR: redis-server was started but does not answer.")


def _stop_with_parent() -> None:
    """In each child: ask Linux to SIGTERM it if this supervisor dies, even by SIGKILL."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except OSError:
        pass  # not Linux: the signal handlers below still stop the children


def manage(*args: str) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, check=True)


def wait_for_http(url: str, children: list[subprocess.Popen], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if any(child.poll() is not None for child in children):
            return
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.5)


def main() -> None:
    os.chdir(ROOT)
    ensure_env_file()
    environment = {**read_env_file(), **os.environ}
    host = environment.get("HOST", "127.0.0.1")
    port = environment.get("PORT", "8000")
    ensure_redis(environment.get("REDIS_URL", "redis://127.0.0.1:6379/0"))

    manage("migrate", "--noinput")
    manage("seed_demo")

    Path("var").mkdir(exist_ok=True)
    commands = {
        "web": [PYTHON, "manage.py", "runserver", f"{host}:{port}", "--noreload"],
        "worker": [str(BIN / "celery"), "-A", "config", "worker", "--loglevel=INFO", "--concurrency=2"],
        "beat": [
            str(BIN / "celery"),
            "-A",
            "config",
            "beat",
            "--loglevel=INFO",
            "--schedule=var/celerybeat-schedule",
        ],
    }
    children = [
        subprocess.Popen(command, cwd=ROOT, preexec_fn=_stop_with_parent) for command in commands.values()
    ]

    def stop(*_: object) -> None:
        for child in children:
            if child.poll() is None:
                child.terminate()
        for child in children:
            try:
                child.wait(timeout=15)
            except subprocess.TimeoutExpired:
                child.kill()
        sys.exit(0)

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)

    url = f"http://{host}:{port}/"
    wait_for_http(url + "admin/login/", children)
    try:
        manage("pipeline_check", "--timeout", "90")
    except subprocess.CalledProcessError:
        print("ERROR: the Celery worker did not process the self-check task.", file=sys.stderr)
        stop()
    print(
        f"\nWorkup is running at {url}  (admin: {url}admin/)\n"
        "Demo logins (demonstration only), password 'workup-demo',\n"
        "two-factor (TOTP) secret JBSWY3DPEHPK3PXP for every one (add it to an authenticator app;\n"
        "`.venv/bin/python scripts/totp_code.py` prints the current code):\n"
        "  gp.riverside, gp2.riverside, staff.riverside  (Riverside Surgery)\n"
        "  gp.hilltop, staff.hilltop                     (Hilltop Medical Centre)\n"
        "  admin                                         (superuser)\n"
        "Referral emails are written to var/mail/ (one file each, readable by you only).\n"
        "Press Ctrl-C to stop the web server, worker and beat.\n",
        flush=True,
    )
    while True:
        for name, child in zip(commands, children, strict=True):
            if child.poll() is not None:
                print(f"ERROR: the {name} process exited ({child.returncode}); stopping.", file=sys.stderr)
                stop()
        time.sleep(1)


if __name__ == "__main__":
    main()
