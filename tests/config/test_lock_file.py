"""Supply chain: every package pinned with hashes, transitive ones too, and the lock matches its source."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PIN = re.compile(r"^([A-Za-z0-9_.\-]+)(\[[^\]]+\])?==([^\s\\;]+)")


def normalised(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def requirements(path: Path) -> list[str]:
    """Logical lines of a requirements file (continuations joined, comments dropped)."""
    text = re.sub(r"\\\n", " ", path.read_text())
    lines = (line.split(" #")[0].strip() for line in text.splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def versions(path: Path) -> dict[str, str]:
    return {normalised(match[1]): match[3] for line in requirements(path) if (match := PIN.match(line))}


def test_every_direct_dependency_is_pinned_exactly():
    lines = requirements(ROOT / "requirements.in")

    assert lines
    assert [line for line in lines if not PIN.match(line)] == []


def test_every_locked_package_is_pinned_with_at_least_one_sha256_hash():
    lines = requirements(ROOT / "requirements.txt")

    assert len(lines) > len(requirements(ROOT / "requirements.in"))  # transitive packages are locked too
    assert [line for line in lines if not PIN.match(line) or "--hash=sha256:" not in line] == []


def test_the_lock_holds_each_direct_dependency_at_its_pinned_version():
    locked = {
        normalised(m[1]): m[3] for line in requirements(ROOT / "requirements.txt") if (m := PIN.match(line))
    }
    pinned = {
        normalised(m[1]): m[3] for line in requirements(ROOT / "requirements.in") if (m := PIN.match(line))
    }

    assert {name: locked.get(name) for name in pinned} == pinned


def test_make_installs_the_lock_with_hashes_required():
    makefile = (ROOT / "Makefile").read_text()

    assert "--require-hashes -r requirements.txt" in makefile
    assert "pip-compile --quiet --generate-hashes" in makefile
