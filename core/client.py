"""The client's address, as every door sees it: the login throttle and the audit trail."""

from __future__ import annotations

import ipaddress

from django.http import HttpRequest
from rest_framework.settings import api_settings


def client_address(request: HttpRequest) -> str:
    """REMOTE_ADDR, or with NUM_PROXIES trusted proxies the address the outermost of them saw."""
    remote_address = request.META.get("REMOTE_ADDR") or ""
    forwarded_for = request.META.get("HTTP_X_FORWARDED_FOR")
    proxies = api_settings.NUM_PROXIES
    # Without a configured proxy count X-Forwarded-For is written by the client: trusting it would let
    # each guess claim a fresh address.
    if proxies is None or proxies == 0 or forwarded_for is None:
        return remote_address
    addresses = forwarded_for.split(",")
    candidate = addresses[-min(proxies, len(addresses))].strip()
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:  # not an address (a header the proxy did not write): the connection's, then
        return remote_address
