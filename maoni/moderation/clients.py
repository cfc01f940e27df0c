"""Recognising a client again without keeping its address.

A client's key is a keyed hash of its network, and the key that makes it
changes every ``days`` days (``MAONI_CLIENT_KEY_DAYS``): within a period the
same client has the same key, so rate limits and the desk's "same client"
history work; across periods nothing links the old key to the new one, not
even for whoever holds the database, since each period's key is derived from
the site's secret and is never stored.

Pure: the caller passes the address, the secret and the day.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

# One IPv6 customer usually holds a whole /64, so the /64 counts as one client.
_IPV6_PREFIX = 64


def client_network(address: str) -> str:
    """Returns the network that stands for one client (IPv4 /32, IPv6 /64), or ''."""
    try:
        ip = ipaddress.ip_address(address.strip())
    except ValueError:
        return ""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if isinstance(ip, ipaddress.IPv4Address):
        return f"{ip}/32"
    return str(ipaddress.IPv6Network(f"{ip}/{_IPV6_PREFIX}", strict=False))


def client_key(address: str, *, secret: str, day: date, days: int) -> str:
    """A keyed hash of the client's network, the same on every day of ``day``'s period only."""
    network = client_network(address)
    if not network:
        return ""
    key = period_secret(secret, day=day, days=days)
    return hmac.new(key, network.encode(), hashlib.sha256).hexdigest()[:32]


def period_secret(secret: str, *, day: date, days: int) -> bytes:
    """The key client keys are made with during the ``days``-day period holding ``day``."""
    period = day.toordinal() // max(days, 1)
    return hmac.new(secret.encode(), f"client keys, period {period}".encode(), "sha256").digest()


def period_end(day: date, *, days: int) -> date:
    """The first day of the next period: when every key made on ``day`` stops being made."""
    days = max(days, 1)
    return date.fromordinal((day.toordinal() // days + 1) * days)


def client_address(remote: str, forwarded_for: str, trusted_proxies: Sequence[str]) -> str:
    """The address of the client a request came from.

    ``X-Forwarded-For`` is believed only as far as it was written by trusted
    proxies: reading from the right, each hop added by a trusted proxy is
    skipped, and the first address that is not a trusted proxy is the
    client. Anything a client wrote into the header itself is never reached.
    """
    networks = []
    for proxy in trusted_proxies:
        try:
            networks.append(ipaddress.ip_network(proxy.strip(), strict=False))
        except ValueError:
            continue

    def trusted(address: str) -> bool:
        try:
            ip = ipaddress.ip_address(address)
        except ValueError:
            return False
        return any(ip in network for network in networks)

    if not trusted(remote):
        return remote
    hops = [hop.strip() for hop in forwarded_for.split(",") if hop.strip()]
    for hop in reversed(hops):
        if not trusted(hop):
            try:
                return str(ipaddress.ip_address(hop))
            except ValueError:
                return remote
    return remote


def request_address(meta: Mapping[str, Any], trusted_proxies: Sequence[str]) -> str:
    """The client address of a request, from its WSGI environ (see ``client_address``)."""
    return client_address(
        str(meta.get("REMOTE_ADDR", "")), str(meta.get("HTTP_X_FORWARDED_FOR", "")), trusted_proxies
    )
