"""Settings come from the environment and refuse to start unsafely."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config import environment

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args: str, **environment: str) -> subprocess.CompletedProcess:
    base = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SECRET_KEY", "DEBUG", "SECURE_HTTPS", "SECURE_HSTS_SECONDS"}
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base, "ENV_FILE": "/nonexistent", **environment},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_missing_secret_key_with_debug_off_stops_start_up_naming_the_variable():
    result = run_manage("check", DEBUG="0")

    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_production_settings_pass_the_deployment_checklist():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "DEBUG",
        DEBUG="0",
        SECRET_KEY="a-long-random-production-key-" + "x9Q2" * 10,
        ALLOWED_HOSTS="workup.example.org",
    )

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_every_environment_variable_read_by_settings_is_documented_in_the_readme():
    settings_source = (ROOT / "config" / "settings.py").read_text()
    read = set(re.findall(r'env(?:\.\w+)?\(\s*"([A-Z_]+)"', settings_source))
    readme = (ROOT / "README.md").read_text()
    documented = set(re.findall(r"^\| `([A-Z_]+)` \|", readme, flags=re.MULTILINE))

    assert read, "no environment variables found in settings"
    assert read - documented == set()


@pytest.mark.parametrize(
    ("variable", "value", "expected"),
    [
        (
            "CELERY_TASK_TIME_LIMIT",
            "abc",
            "CELERY_TASK_TIME_LIMIT='abc' is not valid: expected a whole number",
        ),
        ("DEBUG", "maybe", "DEBUG='maybe' is not valid: expected true or false"),
    ],
)
def test_a_malformed_value_stops_start_up_naming_the_variable(variable, value, expected):
    result = run_manage("check", SECRET_KEY="x" * 50, **{variable: value})

    assert result.returncode != 0
    assert expected in result.stderr


@pytest.mark.parametrize(
    ("reader", "raw", "expected"),
    [
        (lambda: environment.boolean("WORKUP_TEST_VALUE", default=False), "maybe", "true or false"),
        (lambda: environment.integer("WORKUP_TEST_VALUE", default=1, minimum=0), "-1", "of at least 0"),
        (
            lambda: environment.integer("WORKUP_TEST_VALUE", default=1, minimum=1, maximum=9),
            "10",
            "from 1 to 9",
        ),
        (lambda: environment.integer("WORKUP_TEST_VALUE", default=1), "1.5", "a whole number"),
        (lambda: environment.rate("WORKUP_TEST_VALUE", default="1/min"), "fast", "a rate such as 10/min"),
        (lambda: environment.choice("WORKUP_TEST_VALUE", choices=("INFO",), default="INFO"), "LOUD", "INFO"),
        (
            lambda: environment.database("WORKUP_TEST_VALUE", default="sqlite:///x"),
            "nonsense",
            "database URL",
        ),
        (
            lambda: environment.url("WORKUP_TEST_VALUE", default="redis://x", schemes=("redis",)),
            "http://x",
            "redis://",
        ),
        (lambda: environment.path("WORKUP_TEST_VALUE", default=Path("/tmp")), " ", "a file system path"),
        (lambda: environment.seconds("WORKUP_TEST_VALUE", default=1.0), "-0.5", "seconds of at least 0"),
        (lambda: environment.seconds("WORKUP_TEST_VALUE", default=1.0), "nan", "seconds of at least 0"),
        (lambda: environment.seconds("WORKUP_TEST_VALUE", default=1.0), "soon", "seconds of at least 0"),
    ],
)
def test_each_reader_refuses_a_malformed_value_by_name(monkeypatch, reader, raw, expected):
    monkeypatch.setenv("WORKUP_TEST_VALUE", raw)

    with pytest.raises(ImproperlyConfigured, match="WORKUP_TEST_VALUE") as refused:
        reader()
    assert expected in str(refused.value)


@pytest.mark.parametrize(("raw", "value"), [("1", True), ("Yes", True), ("off", False), ("FALSE", False)])
def test_yes_no_values_are_read_in_their_usual_spellings(monkeypatch, raw, value):
    monkeypatch.setenv("WORKUP_TEST_VALUE", raw)

    assert environment.boolean("WORKUP_TEST_VALUE", default=not value) is value


def test_an_unset_variable_takes_its_default_and_a_required_one_is_named(monkeypatch):
    monkeypatch.delenv("WORKUP_TEST_VALUE", raising=False)

    assert environment.integer("WORKUP_TEST_VALUE", default=7) == 7
    with pytest.raises(ImproperlyConfigured, match="WORKUP_TEST_VALUE is not set"):
        environment.text("WORKUP_TEST_VALUE")
