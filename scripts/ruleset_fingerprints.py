#!/usr/bin/env python3
"""Print the fingerprint of registered rulesets as JSON, to record a NEW version in the fingerprint file.

    .venv/bin/python scripts/ruleset_fingerprints.py nerve-compression-rules/2

A shipped version's recorded fingerprint is never edited: a change to its rules, reasons, thresholds or
the code that reads the findings is a new ruleset version (spec §4.8).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from workup import pathways


def main(versions: list[str]) -> None:
    chosen = versions or sorted(pathways.RULESETS)
    print(json.dumps({version: pathways.ruleset(version).fingerprint() for version in chosen}, indent=2))


if __name__ == "__main__":
    main(sys.argv[1:])
