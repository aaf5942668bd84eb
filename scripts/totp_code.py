#!/usr/bin/env python3
"""Print the current authenticator-app (TOTP, RFC 6238: SHA-1, 6 digits, 30 s) code for a base32 secret.

    .venv/bin/python scripts/totp_code.py                 # the demo logins' secret (make run prints it)
    .venv/bin/python scripts/totp_code.py SECRET

Standard library only. The demo secret is 80 bits, which pyotp refuses (it asks for 112), so scripts
that log in to the demo can use this instead.
"""

from __future__ import annotations

import base64
import hmac
import struct
import sys
import time

DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXP"  # noqa: S105 (demo data only, printed by make run)


def totp_code(secret: str, at: float | None = None, *, step: int = 30, digits: int = 6) -> str:
    key = base64.b32decode(secret.upper() + "=" * (-len(secret) % 8))
    counter = int(time.time() if at is None else at) // step
    digest = hmac.digest(key, struct.pack(">Q", counter), "sha1")
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 10**digits:0{digits}d}"


if __name__ == "__main__":
    print(totp_code(sys.argv[1] if len(sys.argv) > 1 else DEMO_TOTP_SECRET))
