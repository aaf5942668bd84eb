"""`make run`'s supervisor: serves the admin login, processes a task, stops everything on SIGTERM."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import psutil
import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.integration


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def demo_server(tmp_path):
    port = free_port()
    environment = {
        key: value for key, value in os.environ.items() if key not in {"SECRET_KEY", "DATABASE_URL", "DEBUG"}
    }
    environment.update(
        ENV_FILE=str(tmp_path / ".env"),
        DATABASE_URL=f"sqlite:///{tmp_path / 'demo.sqlite3'}",
        REDIS_URL="redis://127.0.0.1:6379/11",
        PRIVATE_STORAGE_ROOT=str(tmp_path / "private"),
        PORT=str(port),
    )
    log = (tmp_path / "serve.log").open("w+")
    process = subprocess.Popen(
        [sys.executable, "scripts/serve.py"], cwd=ROOT, env=environment, stdout=log, stderr=subprocess.STDOUT
    )
    deadline = time.monotonic() + 180
    while "Workup is running" not in (tmp_path / "serve.log").read_text():
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail("serve.py did not start:\n" + (tmp_path / "serve.log").read_text()[-3000:])
        time.sleep(0.5)
    yield process, port, tmp_path
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()


def test_make_run_writes_a_local_env_serves_the_admin_login_and_runs_a_task_in_its_worker(demo_server):
    _process, port, tmp_path = demo_server

    with urllib.request.urlopen(f"http://127.0.0.1:{port}/admin/login/", timeout=10) as response:
        assert response.status == 200
    log = (tmp_path / "serve.log").read_text()
    assert "Worker rendered pipeline check" in log
    assert "gp.riverside" in log
    assert "SECRET_KEY=" in (tmp_path / ".env").read_text()


def test_sigterm_stops_the_web_server_worker_and_beat(demo_server):
    process, _port, _ = demo_server
    children = psutil.Process(process.pid).children(recursive=True)
    assert len(children) >= 3

    process.send_signal(signal.SIGTERM)
    process.wait(timeout=60)

    _gone, alive = psutil.wait_procs(children, timeout=30)
    assert alive == []


def test_children_stop_even_when_the_supervisor_is_killed(demo_server):
    process, _port, _ = demo_server
    children = psutil.Process(process.pid).children(recursive=True)

    process.kill()
    process.wait(timeout=30)

    _gone, alive = psutil.wait_procs(children, timeout=30)
    assert alive == []
