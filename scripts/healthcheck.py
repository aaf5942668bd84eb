#!/usr/bin/env python3
"""The web container's healthcheck: GET /healthz/ over plain HTTP with a Host the settings allow.

Exit 0 when the process and its database answer 200. /healthz/ is exempt from the HTTPS redirect
(SECURE_REDIRECT_EXEMPT), so the check passes with HTTPS on; the Host is the first ALLOWED_HOSTS entry,
so Django does not refuse it as a disallowed host.
"""

from __future__ import annotations

import os
import sys
import urllib.request


def allowed_host() -> str:
    for entry in os.environ.get("ALLOWED_HOSTS", "localhost").split(","):
        host = entry.strip().lstrip(".")  # ".example.org" allows example.org and its subdomains
        if host and "*" not in host:
            return host
    return "localhost"


def main() -> int:
    url = os.environ.get("HEALTHCHECK_URL", "http://127.0.0.1:8000/healthz/")
    request = urllib.request.Request(url, headers={"Host": allowed_host()})  # noqa: S310 (our own URL)
    try:
        with urllib.request.urlopen(request, timeout=4) as response:  # noqa: S310 (our own URL)
            return 0 if response.status == 200 else 1
    except OSError as error:
        print(f"unhealthy: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
