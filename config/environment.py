"""Typed readers for the settings' environment variables: a malformed value stops start-up naming it.

django-environ parses the values; these wrappers add what it leaves out: a yes/no that is neither is an error
(django-environ reads DEBUG=maybe as false), numbers are checked against their range, and any parse error is
re-raised as ImproperlyConfigured naming the variable and the value expected.
"""

from __future__ import annotations

import os
import re
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import environ
from django.core.exceptions import ImproperlyConfigured

T = TypeVar("T")
_env = environ.Env()
_MISSING: Any = object()
TRUE_WORDS = frozenset({"1", "true", "yes", "on"})
FALSE_WORDS = frozenset({"0", "false", "no", "off"})
RATE_PATTERN = re.compile(r"^\d+/(s|sec|second|m|min|minute|h|hour|d|day)$")
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


def read_env_file(path: Path) -> None:
    """Fill in variables the process environment does not set from a local .env file."""
    environ.Env.read_env(path, overwrite=False)


def _read(name: str, default: Any, parse: Callable[[str], T], expected: str) -> T:
    raw = os.environ.get(name)
    if raw is None:
        if default is _MISSING:
            raise ImproperlyConfigured(f"{name} is not set; expected {expected}.")
        return default
    try:
        return parse(raw)
    except (ValueError, TypeError, ImproperlyConfigured) as error:
        raise ImproperlyConfigured(f"{name}={raw!r} is not valid: expected {expected}.") from error


def boolean(name: str, *, default: bool = _MISSING) -> bool:
    def parse(raw: str) -> bool:
        word = raw.strip().lower()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
        raise ValueError(raw)

    return _read(name, default, parse, "true or false (also 1/0, yes/no, on/off)")


def integer(
    name: str, *, default: int | None = _MISSING, minimum: int | None = None, maximum: int | None = None
) -> int:
    def parse(raw: str) -> int:
        value = int(raw.strip())
        if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
            raise ValueError(raw)
        return value

    bounds = (
        f" from {minimum} to {maximum}"
        if minimum is not None and maximum is not None
        else f" of at least {minimum}"
        if minimum is not None
        else ""
    )
    return _read(name, default, parse, f"a whole number{bounds}")


def seconds(name: str, *, default: float = _MISSING, minimum: float = 0.0) -> float:
    """A duration in seconds, fractions allowed (0.5)."""

    def parse(raw: str) -> float:
        value = float(raw.strip())
        if not value >= minimum or value == float("inf"):  # also refuses nan
            raise ValueError(raw)
        return value

    return _read(name, default, parse, f"a number of seconds of at least {minimum:g}")


def text(name: str, *, default: str = _MISSING) -> str:
    return _read(name, default, str, "text")


def choice(name: str, *, choices: tuple[str, ...], default: str = _MISSING) -> str:
    def parse(raw: str) -> str:
        if raw not in choices:
            raise ValueError(raw)
        return raw

    return _read(name, default, parse, f"one of {', '.join(choices)}")


def rate(name: str, *, default: str = _MISSING) -> str:
    """A DRF throttle rate such as 10/min."""

    def parse(raw: str) -> str:
        if not RATE_PATTERN.match(raw.strip()):
            raise ValueError(raw)
        return raw.strip()

    return _read(name, default, parse, "a rate such as 10/min (a number, /, then s, min, hour or day)")


def string_list(name: str, *, default: list[str] = _MISSING) -> list[str]:
    return _read(
        name, default, lambda raw: [part.strip() for part in raw.split(",") if part.strip()], "a list"
    )


def path(name: str, *, default: Path = _MISSING) -> Path:
    def parse(raw: str) -> Path:
        if not raw.strip():
            raise ValueError(raw)
        return Path(raw).expanduser()

    return _read(name, default, parse, "a file system path")


def database(name: str, *, default: str) -> dict[str, Any]:
    """A database URL (django-environ's schemes: postgres://, sqlite:///, …) as Django's settings dict."""

    def parse(raw: str) -> dict[str, Any]:
        with warnings.catch_warnings():  # an unknown scheme warns, then is refused below by name
            warnings.simplefilter("ignore")
            config = environ.Env.db_url_config(raw)
        if not config.get("ENGINE") or not config.get("NAME"):
            raise ValueError(raw)
        return config

    return _read(name, environ.Env.db_url_config(default), parse, "a database URL such as postgres://…")


def url(name: str, *, default: str, schemes: tuple[str, ...]) -> str:
    def parse(raw: str) -> str:
        if not raw.startswith(tuple(f"{scheme}://" for scheme in schemes)):
            raise ValueError(raw)
        return raw

    return _read(name, default, parse, f"a URL starting {' or '.join(f'{s}://' for s in schemes)}")
